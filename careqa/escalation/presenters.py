"""The escalation ladder's words for people: the banner's sentence, a step's summary."""

from careqa.escalation.vocab import Placements, StepKind


def _day(date, with_year=True) -> str:
    return f"{date.day} {date:%B %Y}" if with_year else f"{date.day} {date:%B}"


def suspension_words(step) -> str:
    """'Suspended: no new placements since 3 March 2027, review 31 March'."""
    which = "no new placements"
    if step.placements == Placements.SOME and step.placements_detail:
        which = f"no new placements ({step.placements_detail})"
    words = f"Suspended: {which} since {_day(step.since)}"
    if step.review_on:
        same_year = step.review_on.year == step.since.year
        words += f", review {_day(step.review_on, with_year=not same_year)}"
    return words


def step_url_name(step) -> str:
    return "escalation:suspension" if step.kind == StepKind.SUSPENSION else "escalation:step"


def decided_words(step) -> str:
    if step.by_meeting and step.meeting_on:
        return f"The Commissioning and Quality meeting, {_day(step.meeting_on)}"
    if step.decided_by:
        return step.decided_by.get_full_name() or step.decided_by.username
    return ""
