"""The kinds of meeting CareQA keeps, a registry: the risk work adds the quality surveillance
meeting by registering it (careqa.risk.agenda_sections), and each agenda section says which
kinds it belongs to."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    # The sections for every kind (a Section with kinds=None) this kind takes, by key;
    # None: all of them. A kind with its own sections keeps to what it is for.
    shared_sections: frozenset[str] | None = None
    # The decisions its items can get (careqa.meetings.vocab.Outcome values); None: all.
    outcomes: tuple[str, ...] | None = None
    # Attendees are recorded with their profession (careqa.meetings.vocab.Profession).
    professions: bool = False
    # The title of the running log it keeps on each service's page (what it noted and
    # decided); blank: no log.
    log_title: str = ""


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS.setdefault(kind.key, kind)
    return kind


def choices() -> list[tuple[str, str]]:
    """For the model field (a callable, so a kind registered later needs no migration)."""
    return [(kind.key, kind.label) for kind in KINDS.values()]


def label(key: str) -> str:
    return KINDS[key].label if key in KINDS else key


def get(key: str) -> Kind:
    return KINDS.get(key) or Kind(key, key)


COMMISSIONING_QUALITY = register(
    Kind(
        "commissioning_quality",
        "Commissioning and Quality meeting",
        outcomes=(
            "no_action",
            "monitor",
            "further_visit",
            "suspend",
            "lift",
            "default_notice",
            "safeguarding",
        ),
    )
)
