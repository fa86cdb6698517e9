"""The meetings' rules: pure functions, no database, the dates passed in.

Which escalation step a decision names, who may record it, which earlier meeting is "the
last meeting" and so what is new since, and how a meeting moves from planned to approved.
"""

import datetime
from collections.abc import Iterable

from careqa.accounts.permissions import Permission
from careqa.escalation.vocab import StepKind
from careqa.meetings.vocab import MeetingStatus, Outcome

# With no earlier meeting of the kind, "since the last meeting" means the last 13 weeks.
FIRST_MEETING_LOOKBACK_DAYS = 91

# A decision that takes a step on the ladder; lifting ends the suspension in force.
TAKES_STEP = {
    Outcome.MONITOR: StepKind.MONITORING,
    Outcome.REFER: StepKind.REFERRAL,
    Outcome.SUSPEND: StepKind.SUSPENSION,
    Outcome.DEFAULT_NOTICE: StepKind.DEFAULT_NOTICE,
}
ENDS_STEP = {Outcome.LIFT: StepKind.SUSPENSION}

# Meetings that took place: their decisions count as "last time".
TOOK_PLACE = frozenset({MeetingStatus.HELD, MeetingStatus.APPROVED})
NEXT_STATUS = {
    MeetingStatus.PLANNED: MeetingStatus.HELD,
    MeetingStatus.HELD: MeetingStatus.APPROVED,
}


def step_taken(outcome: str) -> StepKind | None:
    return TAKES_STEP.get(outcome)


def step_ended(outcome: str) -> StepKind | None:
    return ENDS_STEP.get(outcome)


def permission_for(outcome: str) -> Permission | None:
    """What recording this decision needs beyond preparing meetings: the ladder's decisions
    are a manager's (as on the escalation pages), and a visit is booked by whoever plans the
    programme (as from an action plan item)."""
    if outcome in TAKES_STEP or outcome in ENDS_STEP:
        return Permission.DECIDE_ESCALATION
    if outcome == Outcome.FURTHER_VISIT:
        return Permission.PLAN_PROGRAMME
    return None


def last_meeting_before(meetings: Iterable[tuple], *, kind: str, on: datetime.date):
    """The date of the latest meeting of `kind` that took place before `on`, or None;
    `meetings` are (held_on, kind, status)."""
    dates = [d for d, k, s in meetings if k == kind and s in TOOK_PLACE and d < on]
    return max(dates, default=None)


def since(last: datetime.date | None, on: datetime.date) -> datetime.date:
    """The day after which something is "new since the last meeting"."""
    if last is not None:
        return last
    return on - datetime.timedelta(days=FIRST_MEETING_LOOKBACK_DAYS)


def new_since(day: datetime.date | None, *, since: datetime.date, on: datetime.date) -> bool:
    """Whether `day` falls after the last meeting and no later than this one."""
    return day is not None and since < day <= on


def due_by(day: datetime.date | None, on: datetime.date) -> bool:
    """A review or deadline the meeting should look at: on or before its date."""
    return day is not None and day <= on


def decision_error(*, status: str, held_on: datetime.date, today: datetime.date) -> str | None:
    """Why a decision cannot be recorded at this meeting now, or None."""
    if status == MeetingStatus.APPROVED:
        return "The minutes of this meeting are approved: no decision can be added or changed"
    if held_on > today:
        return "The meeting has not taken place yet: record decisions on or after its date"
    return None


def approval_error(*, status: str, undecided: int, items: int) -> str | None:
    if status != MeetingStatus.HELD:
        return "Only the minutes of a meeting that has been held can be approved"
    if items == 0:
        return "The agenda has no items: there are no minutes to approve"
    if undecided:
        return f"{undecided} of {items} agenda items have no decision yet: record them first"
    return None


def next_status(status: str) -> str | None:
    return NEXT_STATUS.get(status)


def outcomes_for(kind) -> tuple[str, ...]:
    """The decisions an item at a meeting of `kind` (a kinds.Kind) can get."""
    return tuple(kind.outcomes) if kind.outcomes is not None else tuple(Outcome.values)


def action_error(*, status: str, action: str, owner: str, due_on, today) -> dict:
    """What is wrong with a new action of the meeting, by field (empty: nothing)."""
    errors = {}
    if status == MeetingStatus.APPROVED:
        errors["__all__"] = "The minutes of this meeting are approved: no action can be added"
    if not action.strip():
        errors["action"] = "Enter the action"
    elif len(action.strip()) > 500:
        errors["action"] = "Action must be 500 characters or fewer"
    if not owner.strip():
        errors["owner"] = "Enter who owns the action"
    if due_on is None:
        errors["due_on"] = "Enter the date the action is due"
    elif due_on < today:
        errors["due_on"] = "Date the action is due must be today or in the future"
    return errors


def action_status(due_on: datetime.date, done_on: datetime.date | None, today) -> str:
    """'done', 'overdue' or 'open'."""
    if done_on is not None:
        return "done"
    return "overdue" if due_on < today else "open"
