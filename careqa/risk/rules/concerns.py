"""A provider concern's rules: when its strategy meeting is due, whether it is overdue,
and which moves its status may make. Pure: no database, `today` passed in."""

from datetime import date

from careqa.visits.rules.calendar import add_working_days

OPEN, MEETING_HELD, CLOSED = "open", "meeting_held", "closed"
# open -> strategy meeting held -> closed; closed is final.
NEXT = {OPEN: MEETING_HELD, MEETING_HELD: CLOSED}


def strategy_meeting_due(opened_on: date, working_days: int) -> date:
    """The last day for the strategy meeting: `working_days` working days after opening
    (a concern opened at a weekend counts from the next working day)."""
    return add_working_days(opened_on, working_days)


def strategy_meeting_overdue(*, status: str, due_on: date, today: date) -> bool:
    """Overdue once the due day has passed with no meeting held."""
    return status == OPEN and today > due_on


def transition_error(current: str, to: str) -> str | None:
    """Why a concern cannot move from `current` to `to`, or None when it can."""
    if current == CLOSED:
        return "This provider concern is closed"
    if current == to:
        return {
            OPEN: "This provider concern is already open",
            MEETING_HELD: "The strategy meeting has already been recorded",
        }[current]
    if NEXT.get(current) != to:
        return "Record the strategy meeting before closing the provider concern"
    return None


def plan_editable(status: str) -> bool:
    """The risk and improvement plan and the commissioning intentions change until close."""
    return status != CLOSED
