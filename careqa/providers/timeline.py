"""A service's timeline, fed by a registry of sources.

Any app adds its dated entries to the service page by registering a source (as the
scrutiny report's sections do), without editing the register:

    @timeline.register
    class VisitEntries(timeline.Source):
        key = "visits"
        permission = Permission.VIEW_VISITS       # to see any of them
        def entries(self, service, *, user, today): ...

Each entry may demand a permission of its own (a draft report, a safeguarding note), and
the page shows an entry only to someone who holds both for that service.
"""

import datetime
from dataclasses import dataclass, field

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission

REGISTRY: list[type["Source"]] = []


def register(cls):
    """Class decorator: put this source's entries on every service's timeline."""
    if all(existing.key != cls.key for existing in REGISTRY):
        REGISTRY.append(cls)
    return cls


@dataclass
class Entry:
    date: datetime.date
    title: str
    kind: str  # for the marker's style: "rating", "register", "contract", "visit" …
    lines: list[str] = field(default_factory=list)
    by: str = ""
    href: str = ""
    # Among entries of one day, higher comes first (newest first overall).
    order: int = 0
    permission: Permission | None = None


class Source:
    key = ""
    permission: Permission = Permission.VIEW_REGISTER

    def entries(self, service, *, user, today) -> list[Entry]:
        return []


def entries_for(service, *, user, today=None) -> list[Entry]:
    """Every entry this user may see on `service`'s timeline, newest first."""
    today = today or datetime.date.today()
    items = []
    for source in REGISTRY:
        if not has_permission(user, source.permission, obj=service):
            continue
        for entry in source().entries(service, user=user, today=today):
            if entry.permission is None or has_permission(user, entry.permission, obj=service):
                items.append(entry)
    return sorted(items, key=lambda item: (item.date, item.order), reverse=True)
