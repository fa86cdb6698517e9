"""Sharing levels of intelligence: who may read an entry, and the level a combination of
entries carries (the most restrictive present wins, as the national data platform's
labels do). Pure."""

from careqa.risk.vocab import SharingLevel

# The permission that lets a person read entries at each level.
LEVEL_PERMISSIONS = {
    SharingLevel.PARTNERS: "view_shared_intelligence",
    SharingLevel.COUNCIL: "view_council_intelligence",
    SharingLevel.QA_TEAM: "view_qa_intelligence",
}


def levels_for(permissions) -> set[int]:
    """The levels a holder of `permissions` (a set of permission values) may read."""
    return {int(level) for level, perm in LEVEL_PERMISSIONS.items() if perm in permissions}


def most_restrictive(levels) -> int | None:
    """The level a list, page or download combining entries at `levels` carries; None
    when it holds none."""
    levels = [int(level) for level in levels]
    return max(levels) if levels else None


def level_label(level) -> str:
    return SharingLevel(level).label if level is not None else "No entries"
