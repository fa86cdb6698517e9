"""The compliance status of Wirral's framework: green, amber or red, with its reasons in
words. Pure: no database.

- green: fully compliant with the contract (no overdue action-plan items, no suspension
  of new placements, no contract default, no open provider concern) and rated Good or
  Outstanding by the regulator;
- red: new placements suspended, the contract in default, an open provider concern, or
  rated Inadequate;
- amber: neither: rated Requires improvement, not yet rated (or Not rated), or overdue
  actions with nothing that makes it red.

A worse fact never makes the status better (tested).
"""

from dataclasses import dataclass

GREEN, AMBER, RED = "green", "amber", "red"
ORDER = {GREEN: 0, AMBER: 1, RED: 2}
GOOD_ENOUGH = frozenset({"good", "outstanding"})
RATING_WORDS = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
    "not_rated": "Not rated",
}


@dataclass(frozen=True)
class ComplianceFacts:
    rating: str | None = None  # the regulator's overall rating then; None: not yet inspected
    overdue_actions: int = 0
    suspended: bool = False
    in_default: bool = False
    provider_concern: bool = False


@dataclass(frozen=True)
class ComplianceStatus:
    status: str
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.status.capitalize()


def _plural(n, one, many):
    return f"{n} {one if n == 1 else many}"


def compliance_status(facts: ComplianceFacts) -> ComplianceStatus:
    red, amber = [], []
    if facts.suspended:
        red.append("New placements suspended")
    if facts.in_default:
        red.append("Contract in default")
    if facts.provider_concern:
        red.append("Open provider concern")
    if facts.rating == "inadequate":
        red.append("Rated Inadequate by the regulator")
    elif facts.rating is None:
        amber.append("Not yet rated by the regulator")
    elif facts.rating not in GOOD_ENOUGH:
        amber.append(f"Rated {RATING_WORDS.get(facts.rating, facts.rating)} by the regulator")
    if facts.overdue_actions > 0:
        amber.append(
            _plural(facts.overdue_actions, "overdue action", "overdue actions")
            + " on the action plan"
        )
    if red:
        return ComplianceStatus(RED, tuple(red + amber))
    if amber:
        return ComplianceStatus(AMBER, tuple(amber))
    rating = RATING_WORDS[facts.rating]
    return ComplianceStatus(
        GREEN, (f"Fully compliant with its contract and rated {rating} by the regulator",)
    )


def share_green(statuses) -> tuple[int, int]:
    """(green, total) of an iterable of status codes."""
    statuses = list(statuses)
    return sum(1 for s in statuses if s == GREEN), len(statuses)
