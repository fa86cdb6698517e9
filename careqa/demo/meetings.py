"""The demo's Commissioning and Quality meetings: the last one, whose decision suspended
the demo's suspended service (the suspension the ladder records as decided by the meeting
on that day), with every item decided and its minutes approved; and the next one, planned,
whose agenda looks back at what was decided and what has happened since."""

import datetime

from careqa.accounts.roles import Role
from careqa.areas.models import CouncilProfile
from careqa.escalation.models import Step
from careqa.escalation.vocab import StepKind, StepStatus
from careqa.meetings import actions
from careqa.meetings.kinds import COMMISSIONING_QUALITY
from careqa.visits.rules.calendar import is_working_day

ATTENDEES = [
    ("Head of Commissioning (chair)", "{council}", "Alex Khan"),
    ("QA manager", "{council}", "Morgan Patel"),
    ("Commissioning manager, adults", "{council}", ""),
    ("Safeguarding adults lead", "{council}", ""),
    ("Quality nurse", "NHS Black Country ICB", ""),
]
CHAIR = "Alex Khan, Head of Commissioning"


def load_meetings(*, users, today: datetime.date) -> dict:
    profile = CouncilProfile.objects.order_by("pk").first()
    council = profile.our_area.order_by("name").first() if profile else None
    if council is None:
        return {"meetings": 0}
    manager = users[Role.QA_MANAGER]
    suspension = (
        Step.objects.filter(kind=StepKind.SUSPENSION, status=StepStatus.CURRENT, by_meeting=True)
        .select_related("service")
        .order_by("pk")
        .first()
    )
    held_on = suspension.meeting_on if suspension else today - datetime.timedelta(days=22)
    last = _meeting(council, held_on, manager)
    actions.build_agenda(meeting=last, by=manager, today=held_on - datetime.timedelta(days=7))
    decided_on = held_on + datetime.timedelta(days=1)
    if suspension is not None:
        item = actions.add_item(
            meeting=last,
            service=suspension.service,
            topic="Safeguarding concerns about medicines; the registered manager has left",
            detail="Three safeguarding concerns in a month\nOur monitoring visit found gaps in "
            "the medicines records",
            by=manager,
            today=held_on,
        )
        # The meeting's decision is the suspension already on the ladder for that day.
        actions.record_decision(
            item=item,
            outcome="suspend",
            reason=suspension.reason,
            by=manager,
            today=decided_on,
        )
    decided = _decide_the_rest(last, manager, today=decided_on, review_on=today)
    actions.approve_minutes(meeting=last, by=manager, today=decided_on)
    following = _meeting(council, _working_day(today + datetime.timedelta(days=14)), manager)
    actions.build_agenda(meeting=following, by=manager, today=today)
    return {
        "meetings": 2,
        "decisions at the last meeting": decided + (suspension is not None),
        "items on the next agenda": following.items.count(),
    }


def _meeting(council, held_on, manager):
    return actions.create_meeting(
        kind=COMMISSIONING_QUALITY.key,
        held_on=held_on,
        council=council,
        chair=CHAIR,
        attendees=[(r, o.format(council=f"{council.name} Council"), n) for r, o, n in ATTENDEES],
        by=manager,
    )


def _decide_the_rest(meeting, manager, *, today, review_on):
    """The first newly rated service gets additional monitoring; the rest are noted."""
    count = 0
    monitored = False
    for item in meeting.items.filter(decision__isnull=True).select_related("service"):
        if item.section == "newly-rated" and not monitored:
            actions.record_decision(
                item=item,
                outcome="monitor",
                reason="A fall in rating on a contract we place on: monitor monthly",
                evidence=item.detail or item.topic,
                review_on=review_on + datetime.timedelta(days=28),
                by=manager,
                today=today,
            )
            monitored = True
        else:
            actions.record_decision(
                item=item,
                outcome="no_action",
                reason="Noted: the lead officer follows it up and reports back next time",
                by=manager,
                today=today,
            )
        count += 1
    return count


def _working_day(day):
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day
