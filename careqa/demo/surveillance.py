"""The demo's quality surveillance meetings: the last one, held a month ago with the
partner professions, every item noted and decided, its actions (one done) and minutes
approved, so the services it discussed have a surveillance log; and the next one, planned,
whose agenda shows the risk that rose since. The services whose band rose tell their lead
officer (the demo officer and manager get a few unread notices)."""

import datetime
import time

from careqa.accounts.roles import Role
from careqa.areas.models import CouncilProfile
from careqa.meetings import actions
from careqa.notify.models import Alert
from careqa.risk import alerts
from careqa.risk.agenda_sections import QUALITY_SURVEILLANCE
from careqa.risk.models import RiskHistory, ServiceRisk
from careqa.risk.rules.score import band_for
from careqa.visits.rules.calendar import is_working_day

ATTENDEES = [
    ("QA manager (chair)", "{council}", "Morgan Patel", "qa_team"),
    ("District nursing team lead", "Community health trust", "", "community_nursing"),
    ("Care homes dietitian", "Community health trust", "", "dietetics"),
    ("Falls prevention practitioner", "Community health trust", "", "falls"),
    ("Infection prevention and control nurse", "Community health trust", "", "infection_control"),
    ("Enter and View lead", "Healthwatch", "", "healthwatch"),
    ("Senior social worker", "{council}", "", "social_work"),
    ("Inspector", "Care Quality Commission", "", "cqc"),
]
CHAIR = "Morgan Patel, QA manager"
# What the partners said, by section, for the demo's minutes.
NOTED = {
    "risk-highest": "The district nurses report two new pressure ulcers; the dietitian has "
    "started weekly weights for residents at risk.",
    "risk-rising": "Falls up from two to five in a month; the falls team will review the "
    "night-time checks.",
    "risk-new-intelligence": "Shared by the QA team: the provider has been asked for its "
    "account and an action plan.",
    "risk-open-enquiries": "The social worker leading the enquiry expects to close it "
    "within the month.",
}
ACTIONS = {
    "risk-highest": ("Tissue viability review of every resident at risk", "Tissue viability nurse"),
    "risk-rising": ("Falls team to audit night-time checks and sensor mats", "Falls team"),
}


def load_surveillance(*, users, today: datetime.date) -> dict:
    profile = CouncilProfile.objects.order_by("pk").first()
    council = profile.our_area.order_by("name").first() if profile else None
    if council is None or not ServiceRisk.objects.exists():
        return {"meetings": 0}
    started = time.monotonic()
    manager, officer = users[Role.QA_MANAGER], users[Role.QA_OFFICER]
    held_on = _working_day(today - datetime.timedelta(days=35))
    rises = _earlier_scores(council, before=held_on - datetime.timedelta(days=1), today=today)
    last = _meeting(council, held_on, manager)
    actions.build_agenda(meeting=last, by=manager, today=held_on - datetime.timedelta(days=5))
    decided_on = held_on + datetime.timedelta(days=1)
    decided = done = 0
    for item in last.items.filter(decision__isnull=True).select_related("service"):
        actions.record_decision(
            item=item,
            outcome="surveillance" if item.section != "risk-open-enquiries" else "no_action",
            reason="Keep under surveillance: the lead officer reports back next time"
            if item.section != "risk-open-enquiries"
            else "The enquiry is in hand: noted",
            noted=NOTED.get(item.section, "Noted by the partners present."),
            by=manager,
            today=decided_on,
        )
        decided += 1
        if item.section in ACTIONS and not item.actions.exists():
            what, owner = ACTIONS[item.section]
            action = actions.add_action(
                item=item,
                action=what,
                owner=owner,
                due_on=held_on + datetime.timedelta(days=28),
                by=manager,
                today=decided_on,
            )
            if item.section == "risk-highest" and not done:
                actions.complete_action(action=action, by=officer, today=today)
                done += 1
    if decided:
        actions.approve_minutes(meeting=last, by=manager, today=decided_on)
    following = _meeting(council, _working_day(today + datetime.timedelta(days=21)), manager)
    actions.build_agenda(meeting=following, by=manager, today=today)
    told = alerts.bands_rose(rises, today=today)
    alerts.reviews_passed(today=today)
    return {
        "meetings": 2,
        "decisions at the last": decided,
        "items on the next agenda": following.items.count(),
        "notices of rises in risk": len(told),
        "unread notices": Alert.objects.filter(read_at__isnull=True).count(),
        "seconds": round(time.monotonic() - started, 1),
    }


def _earlier_scores(council, *, before, today):
    """A score two months ago for the riskiest of our services, lower than today's: the
    history the trend and "rising risk" read (the demo's scores are computed once, today)."""
    risks = list(
        ServiceRisk.objects.filter(service__council=council, service__contracts__isnull=False)
        .distinct()
        .order_by("-score", "service_id")[:4]
    )
    rows, rises = [], []
    for n, risk in enumerate(risks):
        score = max(0, risk.score - (25 if n % 2 == 0 else 10))
        band = band_for(score)
        rows.append(
            RiskHistory(
                service_id=risk.service_id,
                on=before - datetime.timedelta(days=30),
                score=score,
                band=band,
            )
        )
        rises.append((risk.service_id, band, risk.band, risk.score))
    RiskHistory.objects.bulk_create(rows)
    return rises


def _meeting(council, held_on, manager):
    name = f"{council.name} Council"
    return actions.create_meeting(
        kind=QUALITY_SURVEILLANCE.key,
        held_on=held_on,
        council=council,
        chair=CHAIR,
        attendees=[(r, o.format(council=name), n, p) for r, o, n, p in ATTENDEES],
        by=manager,
    )


def _working_day(day):
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day
