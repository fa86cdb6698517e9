"""The agenda's section registry: each app proposes the items it knows about.

An app adds a section to a kind of meeting's agenda from a module of its own, loaded in its
AppConfig.ready (as careqa/work/sections.py does for My work):

    @agenda.register
    class OverduePlans(agenda.Section):
        key, title, order = "plans-overdue", "Action plans overdue", 30
        def items(self):
            return [agenda.Proposed(service=..., topic="...", detail=["..."])]

Building a meeting's agenda asks every section once and keeps what they say as the
meeting's items (careqa.meetings.actions.build_agenda), so the pack stays as it was.
"""

import datetime
from dataclasses import dataclass, field

REGISTRY: list[type["Section"]] = []


def register(cls):
    if all(existing.key != cls.key for existing in REGISTRY):
        REGISTRY.append(cls)
        REGISTRY.sort(key=lambda section: (section.order, section.key))
    return cls


@dataclass(frozen=True)
class Proposed:
    """An item a section puts on the agenda: the service, what about, and the facts."""

    service: object
    topic: str
    detail: list[str] = field(default_factory=list)
    # What reading it needs beyond seeing meetings (a Permission), and the sharing level
    # of the intelligence it carries (careqa.risk.vocab.SharingLevel), if any.
    permission: str = ""
    sharing: int | None = None


@dataclass(frozen=True)
class Context:
    """What a section needs to find its items for one meeting."""

    council_id: int
    kind: str
    on: datetime.date  # the meeting's date: reviews and deadlines due by then
    since: datetime.date  # the last meeting of its kind (or the look-back): new after it
    last_meeting_id: int | None
    by: object


class Section:
    key = ""
    title = ""
    order = 100
    # The kinds of meeting (careqa.meetings.kinds) this section belongs to; None: every kind.
    kinds: frozenset[str] | None = None

    def __init__(self, context: Context):
        self.context = context

    def items(self) -> list[Proposed]:
        return []


def sections_for(kind: str) -> list[type[Section]]:
    """The sections of `kind`'s agenda: its own, and those for every kind it takes."""
    from careqa.meetings.kinds import get

    shared = get(kind).shared_sections
    return [
        s
        for s in REGISTRY
        if (s.kinds is None and (shared is None or s.key in shared))
        or (s.kinds is not None and kind in s.kinds)
    ]


def title_of(key: str) -> str:
    """A section's title by its key (an item keeps its key; a hand-added item has none)."""
    for section in REGISTRY:
        if section.key == key:
            return section.title
    return "Added by hand" if key == HAND else key


HAND = "by-hand"
