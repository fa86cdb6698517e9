"""Short notes other apps add beside a service in the register's list: a registry.

An app registers a class with the permission a person needs to read its notes and a
method that, for one page of service ids, returns {service id: words}; the register shows
them under the service's tags without knowing where they come from (a suspension's
"since …, review …", say).
"""

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission

REGISTRY: list[type["Notes"]] = []


def register(cls):
    if all(existing.key != cls.key for existing in REGISTRY):
        REGISTRY.append(cls)
    return cls


class Notes:
    key = ""
    permission: Permission = Permission.VIEW_REGISTER

    def notes(self, service_ids) -> dict[int, str]:
        return {}


def notes_for(user, service_ids) -> dict[int, list[str]]:
    """Every note this person may read for these services, in registry order."""
    service_ids = list(service_ids)
    found: dict[int, list[str]] = {}
    for source in REGISTRY:
        if not has_permission(user, source.permission):
            continue
        for service_id, words in source().notes(service_ids).items():
            found.setdefault(service_id, []).append(words)
    return found
