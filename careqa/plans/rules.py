"""Action plan rules: deadlines, item clocks and the items' state machine. Pure: plain
values in and out, the clock passed in, no database (ADR 0003)."""

import datetime

from careqa.plans.vocab import ItemState as S

# Days before a deadline at which it shows as "due soon".
DUE_SOON_DAYS = 7

# Where each state may go next. Verified is reached only from completed; a reopened item
# goes back into progress; verified is final.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.AWAITING_RESPONSE: frozenset({S.AGREED}),
    S.AGREED: frozenset({S.IN_PROGRESS}),
    S.IN_PROGRESS: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset({S.VERIFIED, S.REOPENED}),
    S.REOPENED: frozenset({S.IN_PROGRESS}),
    S.VERIFIED: frozenset(),
}
# The state each item action leads to.
ACTION_STATES = {
    "agree": S.AGREED,
    "start": S.IN_PROGRESS,
    "complete": S.COMPLETED,
    "verify": S.VERIFIED,
    "reopen": S.REOPENED,
}
# Items still open: the provider or the officer has something to do.
OPEN_STATES = frozenset({S.AWAITING_RESPONSE, S.AGREED, S.IN_PROGRESS, S.REOPENED})


def next_states(state: str) -> frozenset[str]:
    return TRANSITIONS.get(state, frozenset())


def may_move(state: str, to: str) -> bool:
    return to in next_states(state)


def actions_from(state: str) -> list[str]:
    """The item actions open from `state`, in the order they are offered."""
    return [name for name, to in ACTION_STATES.items() if may_move(state, to)]


def response_due(issued_on: datetime.date, *, days: int) -> datetime.date:
    """The provider's response is due `days` after the report is issued."""
    return issued_on + datetime.timedelta(days=days)


def clock_status(due: datetime.date | None, *, today: datetime.date, done: bool = False) -> str:
    """'done', 'no date', 'overdue', 'due soon' (within DUE_SOON_DAYS) or 'not due'."""
    if done:
        return "done"
    if due is None:
        return "no date"
    if due < today:
        return "overdue"
    if (due - today).days <= DUE_SOON_DAYS:
        return "due soon"
    return "not due"


def item_status(state: str, due: datetime.date | None, *, today: datetime.date) -> str:
    """An item's clock: done once completed or verified; otherwise by its agreed date."""
    return clock_status(due, today=today, done=state not in OPEN_STATES)


def days_overdue(due: datetime.date | None, *, today: datetime.date) -> int:
    return max(0, (today - due).days) if due else 0
