"""How many visits a service needs in a year, in which windows, and why, in words.

The annual programme reviews every service we commission at least once a year, and
more often where the risk is higher. The year is the calendar year. The rules, as the
programme page shows them (`RULES_TABLE` holds the same rows for the interface):

| The service                                    | Visits it needs in the year                |
|------------------------------------------------|--------------------------------------------|
| Not commissioned (no live contract), inactive, | None                                       |
| or commissioned only from a later year         |                                            |
| Commissioned by us                             | A contract review (the annual review)      |
| New to our contracts during the year           | An initial visit within 8 weeks of the     |
|                                                | start, in place of that year's contract    |
|                                                | review (the first review is the next year) |
| New in the previous year's last 8 weeks and    | An initial visit in the year's first weeks |
| not visited before the year began              | (at least 4 weeks' window), as well as the |
|                                                | contract review                            |
| Rated Requires improvement                     | One more visit (a service review)          |
| Rated Inadequate                               | Two more visits (service reviews)          |
| Not yet inspected, or Not rated                | One more visit (routine monitoring)        |
| Contract suspended or in default               | Three visits to a suspended service, so    |
|                                                | that with the annual review there is one   |
|                                                | visit a quarter                            |
| Overdue actions on its action plan             | One more visit (a service review)          |
| Risk score 75 or more (of 100)                 | One more visit (routine monitoring)        |

The extra visits add up: a suspended service rated Inadequate with overdue actions needs
seven. No service needs more than nine (that one, with a high risk score, new at the end
of the previous year), so the programme stays bounded. `last_visit_on` counts only for a
visit before the year: visits during the year are the planner's fixed visits, which meet
the needs themselves. `rated_on` is only quoted in the reasons.

Windows spread the visits over the year: the initial visit has its own window from the
start of the contract; the other visits divide the rest of the year (from 1 January, or
from the day after the initial visit's window, or from the contract's start) into equal
consecutive windows that do not overlap. The windows are given out in turn, so that each
reason's visits spread over the year: the first visit of each reason, the most pressing
first (suspended service, overdue actions, rating, risk, not yet inspected), then the
second of each, and so on; the contract review takes the last window, as the year's
summing up. So an Inadequate service is visited about every four months and a suspended
one every quarter. Only when fewer days remain than visits do windows share days.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from careqa.providers.vocab import LIVE_CONTRACT_STATUSES, ContractStatus, Rating, Regulator
from careqa.visits.rules.calendar import long_date

HIGH_RISK_SCORE = 75.0
INITIAL_VISIT_WITHIN = timedelta(weeks=8)
# A service that started just before New Year still gets a fair window in January.
SHORTEST_CARRIED_OVER_WINDOW = timedelta(weeks=4)
SUSPENDED_SERVICE_VISITS = 3


class VisitType(StrEnum):
    CONTRACT_REVIEW = "contract_review"
    SERVICE_REVIEW = "service_review"
    INITIAL = "initial"
    ROUTINE = "routine_monitoring"
    THEMED = "themed"
    SUSPENDED_SERVICE = "suspended_service"


VISIT_TYPE_LABELS = {
    VisitType.CONTRACT_REVIEW: "Contract review",
    VisitType.SERVICE_REVIEW: "Service review",
    VisitType.INITIAL: "Initial visit",
    VisitType.ROUTINE: "Routine monitoring visit",
    VisitType.THEMED: "Themed visit",
    VisitType.SUSPENDED_SERVICE: "Visit to a suspended service",
}

RULES_TABLE = (
    (
        "Not commissioned (no live contract), inactive, or commissioned only from a later year",
        "None",
    ),
    ("Commissioned by us", "A contract review (the annual review)"),
    (
        "New to our contracts during the year",
        "An initial visit within 8 weeks of the start, in place of that year's contract review",
    ),
    (
        "New in the previous year's last 8 weeks and not visited before the year began",
        "An initial visit in the year's first weeks, as well as the contract review",
    ),
    ("Rated Requires improvement", "One more visit (a service review)"),
    ("Rated Inadequate", "Two more visits (service reviews)"),
    ("Not yet inspected, or Not rated", "One more visit (routine monitoring)"),
    (
        "Contract suspended or in default",
        "Three visits to a suspended service: with the annual review, one a quarter",
    ),
    ("Overdue actions on its action plan", "One more visit (a service review)"),
    ("Risk score 75 or more (of 100)", "One more visit (routine monitoring)"),
)


@dataclass(frozen=True)
class ServiceFacts:
    """What the programme needs to know about a service, as plain values."""

    service_id: int
    regulator: str
    rating: str | None  # a Rating value; None: not yet inspected
    rated_on: date | None
    commissioned_since: date | None  # the start of our earliest live contract
    contract_standing: str | None  # a live ContractStatus value; None: not commissioned
    overdue_actions: int = 0
    last_visit_on: date | None = None  # only a visit before the year counts (see below)
    risk_score: float | None = None  # 0 to 100, from the risk rules
    active: bool = True


@dataclass(frozen=True)
class VisitNeed:
    """One visit a service needs, the window it must fall in, and why."""

    visit_type: str
    earliest: date
    latest: date
    reasons: tuple[str, ...]


def _regulator_label(regulator: str) -> str:
    try:
        return Regulator(regulator).label
    except ValueError:
        return "the regulator"


def _rated(facts: ServiceFacts) -> str:
    label = Rating(facts.rating).label
    by = _regulator_label(facts.regulator)
    on = f" on {long_date(facts.rated_on)}" if facts.rated_on else ""
    return f"Rated {label} by {by}{on}"


def _extra_visits(facts: ServiceFacts) -> list[tuple[str, str]]:
    """The visits beyond the annual one, in the order their windows come, with reasons."""
    # One list per reason, the most pressing first; each list's visits are then dealt
    # out in turn so that they spread over the year instead of bunching up.
    by_reason: list[list[tuple[str, str]]] = []
    if facts.contract_standing in (ContractStatus.SUSPENDED, ContractStatus.IN_DEFAULT):
        standing = ContractStatus(facts.contract_standing).label.lower()
        by_reason.append(
            [
                (
                    VisitType.SUSPENDED_SERVICE,
                    f"Contract {standing}: a visit every quarter "
                    f"(visit {i} of {SUSPENDED_SERVICE_VISITS} beside the annual review)",
                )
                for i in range(1, SUSPENDED_SERVICE_VISITS + 1)
            ]
        )
    if facts.overdue_actions > 0:
        actions = "action" if facts.overdue_actions == 1 else "actions"
        by_reason.append(
            [
                (
                    VisitType.SERVICE_REVIEW,
                    f"{facts.overdue_actions} overdue {actions} on the action plan: "
                    "one more visit to check progress",
                )
            ]
        )
    if facts.rating == Rating.REQUIRES_IMPROVEMENT:
        by_reason.append(
            [(VisitType.SERVICE_REVIEW, f"{_rated(facts)}: one more visit in the year")]
        )
    elif facts.rating == Rating.INADEQUATE:
        by_reason.append(
            [
                (
                    VisitType.SERVICE_REVIEW,
                    f"{_rated(facts)}: two more visits in the year (visit {i} of 2)",
                )
                for i in (1, 2)
            ]
        )
    if facts.risk_score is not None and facts.risk_score >= HIGH_RISK_SCORE:
        by_reason.append(
            [
                (
                    VisitType.ROUTINE,
                    f"Risk score {facts.risk_score:g} of 100 ({HIGH_RISK_SCORE:g} or more): "
                    "one more visit",
                )
            ]
        )
    if facts.rating is None or facts.rating == Rating.NOT_RATED:
        by = _regulator_label(facts.regulator)
        words = "Not yet inspected" if facts.rating is None else "Not rated"
        by_reason.append([(VisitType.ROUTINE, f"{words} by {by}: one more visit")])
    longest = max((len(visits) for visits in by_reason), default=0)
    return [visits[i] for i in range(longest) for visits in by_reason if i < len(visits)]


def _visited_before_the_year(facts: ServiceFacts, first: date) -> bool:
    """Whether the service was visited between the contract's start and the year's start.

    Visits during the year are the planner's fixed visits, which meet needs themselves:
    counting them here as well would let one visit stand for two.
    """
    visited = facts.last_visit_on
    since = facts.commissioned_since
    return visited is not None and since is not None and since <= visited < first


def equal_windows(start: date, end: date, count: int) -> list[tuple[date, date]]:
    """`count` consecutive windows that share out the days from `start` to `end`.

    When there are fewer days than windows, every window is the whole period.
    """
    days = (end - start).days + 1
    if count <= 0:
        return []
    if days < count:
        return [(start, end)] * count
    bounds = [start + timedelta(days=i * days // count) for i in range(count + 1)]
    return [(bounds[i], bounds[i + 1] - timedelta(days=1)) for i in range(count)]


def visit_needs(facts: ServiceFacts, *, year: int) -> list[VisitNeed]:
    """The visits `facts`' service needs in `year`, in date order of their windows."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    if not facts.active or facts.contract_standing not in LIVE_CONTRACT_STATUSES:
        return []
    since = facts.commissioned_since
    if since is not None and since > last:
        return []
    needs = []
    rest_from = first
    annual = True
    if since is not None and since >= first:
        # New during the year: the initial visit is this year's review.
        latest = min(since + INITIAL_VISIT_WITHIN, last)
        needs.append(
            VisitNeed(
                VisitType.INITIAL,
                since,
                latest,
                (
                    f"New to our contracts since {long_date(since)}: an initial visit "
                    "within 8 weeks, in place of this year's contract review",
                ),
            )
        )
        annual = False
        rest_from = latest + timedelta(days=1) if latest < last else since
    elif (
        since is not None
        and since + INITIAL_VISIT_WITHIN >= first
        and not _visited_before_the_year(facts, first)
    ):
        latest = max(since + INITIAL_VISIT_WITHIN, first + SHORTEST_CARRIED_OVER_WINDOW)
        needs.append(
            VisitNeed(
                VisitType.INITIAL,
                first,
                latest,
                (
                    f"New to our contracts since {long_date(since)} and not visited yet: "
                    "an initial visit early in the year",
                ),
            )
        )
        rest_from = latest + timedelta(days=1)
    rest = _extra_visits(facts)
    if annual:
        rest.append((VisitType.CONTRACT_REVIEW, "Commissioned by us: the annual contract review"))
    for (visit_type, reason), (earliest, latest) in zip(
        rest, equal_windows(rest_from, last, len(rest)), strict=True
    ):
        needs.append(VisitNeed(visit_type, earliest, latest, (reason,)))
    return needs
