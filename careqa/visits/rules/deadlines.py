"""When a visit's report is due, whether it went out on time, and how the team is doing.

The report goes to the provider within two weeks of the visit: 14 calendar days by
default, a setting the caller passes in. A report not yet issued is "due soon" from 7
days before its due date, and "overdue" the day after it. A report issued on or before
its due date was "issued on time", after it "issued late".
"""

import statistics
from collections.abc import Iterable
from datetime import date, timedelta

REPORT_DAYS = 14
DUE_SOON_DAYS = 7

NOT_DUE = "not due"
DUE_SOON = "due soon"
OVERDUE = "overdue"
ISSUED_ON_TIME = "issued on time"
ISSUED_LATE = "issued late"
REPORT_STATUSES = (NOT_DUE, DUE_SOON, OVERDUE, ISSUED_ON_TIME, ISSUED_LATE)


def report_due(visit_day: date, *, days: int = REPORT_DAYS) -> date:
    """The last day the visit's report may go to the provider: `days` calendar days on."""
    return visit_day + timedelta(days=days)


def report_status(
    visit_day: date, issued_on: date | None, *, today: date, days: int = REPORT_DAYS
) -> str:
    """Where the visit's report stands on `today` (one of `REPORT_STATUSES`)."""
    due = report_due(visit_day, days=days)
    if issued_on is not None:
        return ISSUED_ON_TIME if issued_on <= due else ISSUED_LATE
    if today > due:
        return OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return DUE_SOON
    return NOT_DUE


def _issued(pairs: Iterable[tuple[date, date | None]]) -> list[tuple[date, date]]:
    # Reports not issued yet have no time to count: they show as due or overdue instead.
    return [(visit, issued) for visit, issued in pairs if issued is not None]


def share_on_time(
    pairs: Iterable[tuple[date, date | None]], *, days: int = REPORT_DAYS
) -> float | None:
    """The share (0 to 1) of issued reports that went out on time; None if none issued."""
    issued = _issued(pairs)
    if not issued:
        return None
    on_time = sum(1 for visit, out in issued if out <= report_due(visit, days=days))
    return on_time / len(issued)


def median_days(pairs: Iterable[tuple[date, date | None]]) -> float | None:
    """The median number of calendar days from visit to report; None if none issued."""
    issued = _issued(pairs)
    if not issued:
        return None
    return float(statistics.median((out - visit).days for visit, out in issued))


# ---- Factual-accuracy comments ----------------------------------------------------------
# The provider may point out factual errors in an issued report for a number of working
# days from its issue (PAMMS gives 14 days; CareQA's default is 10 working days, a setting).
FACTUAL_ACCURACY_WORKING_DAYS = 10


def factual_accuracy_closes(issued_on: date, *, working_days: int) -> date:
    """The last day a factual-accuracy comment on a report issued on `issued_on` is taken:
    `working_days` working days after it (weekends and England's bank holidays skipped)."""
    from careqa.visits.rules.calendar import add_working_days

    return add_working_days(issued_on, working_days)


def factual_accuracy_open(issued_on: date | None, *, today: date, working_days: int) -> bool:
    """Whether comments are still taken on `today` (never before a report is issued)."""
    if issued_on is None or today < issued_on:
        return False
    return today <= factual_accuracy_closes(issued_on, working_days=working_days)
