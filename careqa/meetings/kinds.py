"""The kinds of meeting CareQA keeps, a registry: the risk work adds the quality surveillance
meeting by registering it, and each agenda section says which kinds it belongs to."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str
    label: str


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS.setdefault(kind.key, kind)
    return kind


def choices() -> list[tuple[str, str]]:
    """For the model field (a callable, so a kind registered later needs no migration)."""
    return [(kind.key, kind.label) for kind in KINDS.values()]


def label(key: str) -> str:
    return KINDS[key].label if key in KINDS else key


COMMISSIONING_QUALITY = register(Kind("commissioning_quality", "Commissioning and Quality meeting"))
