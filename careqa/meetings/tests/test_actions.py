"""Meetings' actions: the records, the escalation step or visit a decision takes, and the
audit trail, all in one transaction."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from careqa.audit.models import AuditEvent
from careqa.escalation.actions import take_step
from careqa.escalation.models import Step
from careqa.escalation.vocab import StepKind, StepStatus
from careqa.meetings import actions
from careqa.meetings.models import AgendaItem, Attendee, Decision, Meeting
from careqa.meetings.tests.conftest import MEETING_DAY
from careqa.meetings.vocab import MeetingStatus
from careqa.providers.vocab import ContractStatus

pytestmark = pytest.mark.django_db
REVIEW = MEETING_DAY + datetime.timedelta(days=28)


def _suspend(item, by, **extra):
    fields = {
        "outcome": "suspend",
        "reason": "Three medicines errors in a month",
        "evidence": "Visit of 1 March",
        "placements": "all",
        "conditions": ["A registered manager in post"],
        "review_on": REVIEW,
        **extra,
    }
    return actions.record_decision(item=item, by=by, today=MEETING_DAY, **fields)


def test_a_meeting_with_its_attendees_is_audited(meeting):
    assert meeting.status == MeetingStatus.PLANNED
    attendee = meeting.attendees.get()
    assert str(attendee) == "Morgan Patel, QA manager, Wolverhampton Council"
    assert AuditEvent.objects.filter(record_type="meetings.meeting", record_id=meeting.pk).exists()
    assert AuditEvent.objects.filter(record_type="meetings.attendee").count() == 1


def test_an_attendee_row_without_an_organisation_is_named_and_nothing_saved(council, manager):
    with pytest.raises(ValidationError) as refused:
        actions.create_meeting(
            kind="commissioning_quality",
            held_on=MEETING_DAY,
            council=council,
            chair="Alex Khan",
            attendees=[("Chair", "Council", ""), ("NHS quality nurse", "", "")],
            by=manager,
        )
    assert refused.value.message_dict == {
        "attendee_2_organisation": ["Attendee 2: enter their organisation"]
    }
    assert not Meeting.objects.exists() and not Attendee.objects.exists()


def test_a_suspension_decided_by_the_meeting_is_taken_with_the_decision(item, manager, service):
    decision = _suspend(item, manager)
    step = decision.step
    assert step.kind == StepKind.SUSPENSION and step.status == StepStatus.CURRENT
    assert step.by_meeting and step.meeting_on == MEETING_DAY
    assert step.contract.status == ContractStatus.SUSPENDED
    item.meeting.refresh_from_db()
    assert item.meeting.status == MeetingStatus.HELD  # its first decision
    event = AuditEvent.objects.get(record_type="meetings.decision", record_id=decision.pk)
    assert event.service_id == service.pk  # on the service's trail


def test_a_refused_step_refuses_the_decision_and_saves_nothing(item, manager):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        _suspend(item, manager, review_on=MEETING_DAY - datetime.timedelta(days=1))
    assert refused.value.message_dict["review_on"] == ["Review date must be today or in the future"]
    assert not Decision.objects.exists() and not Step.objects.exists()
    assert AuditEvent.objects.count() == before
    item.meeting.refresh_from_db()
    assert item.meeting.status == MeetingStatus.PLANNED


def test_an_officer_records_no_action_but_not_a_suspension(item, officer):
    with pytest.raises(ValidationError) as refused:
        _suspend(item, officer)
    assert "Only a QA manager" in refused.value.message_dict["outcome"][0]
    assert not Step.objects.exists()
    decision = actions.record_decision(
        item=item, outcome="no_action", reason="Improving", by=officer, today=MEETING_DAY
    )
    assert decision.step is None


def test_lifting_needs_the_conditions_met_or_a_reason(meeting, service, manager):
    first = actions.add_item(
        meeting=meeting, service=service, topic="Suspension review", by=manager, today=MEETING_DAY
    )
    _suspend(first, manager)
    second = actions.add_item(
        meeting=meeting, service=service, topic="Lift?", by=manager, today=MEETING_DAY
    )
    with pytest.raises(ValidationError) as refused:
        actions.record_decision(
            item=second, outcome="lift", reason="Better now", by=manager, today=MEETING_DAY
        )
    assert "Not every condition" in refused.value.message_dict["unmet_reason"][0]
    assert not Decision.objects.filter(item=second).exists()
    lifted = actions.record_decision(
        item=second,
        outcome="lift",
        reason="Better now",
        unmet_reason="The new manager starts on Monday",
        by=manager,
        today=MEETING_DAY,
    )
    assert lifted.step.status == StepStatus.ENDED
    lifted.step.contract.refresh_from_db()
    assert lifted.step.contract.status == ContractStatus.ACTIVE


def test_lifting_with_no_suspension_in_force_is_refused(item, manager):
    with pytest.raises(ValidationError) as refused:
        actions.record_decision(
            item=item, outcome="lift", reason="x", by=manager, today=MEETING_DAY
        )
    assert refused.value.message_dict["outcome"] == [
        "No suspension is in force at this service to lift"
    ]


def test_a_proposed_step_is_agreed_by_the_meeting(item, officer, manager, service):
    proposed = take_step(
        service=service,
        kind="monitoring",
        by=officer,
        today=MEETING_DAY,
        decide=False,
        reason="Falls",
        evidence="Two falls",
        review_on=REVIEW,
    )
    decision = actions.record_decision(
        item=item, outcome="monitor", reason="Agreed", by=manager, today=MEETING_DAY
    )
    assert decision.step == proposed
    proposed.refresh_from_db()
    assert proposed.status == StepStatus.CURRENT and proposed.meeting_on == MEETING_DAY


def test_a_further_visit_lands_in_the_programme(item, manager, officer):
    day = datetime.date(2027, 3, 10)
    decision = actions.record_decision(
        item=item,
        outcome="further_visit",
        reason="See the medicines round",
        planned_on=day,
        lead_officer=officer,
        by=manager,
        today=MEETING_DAY,
    )
    assert decision.visit.planned_on == day and decision.visit.service == item.service
    with pytest.raises(ValidationError):  # one decision an item
        actions.record_decision(
            item=item, outcome="no_action", reason="x", by=manager, today=MEETING_DAY
        )


def test_a_further_visit_on_a_weekend_is_refused(item, manager, officer):
    with pytest.raises(ValidationError) as refused:
        actions.record_decision(
            item=item,
            outcome="further_visit",
            reason="x",
            planned_on=datetime.date(2027, 3, 6),
            lead_officer=officer,
            by=manager,
            today=MEETING_DAY,
        )
    assert "weekend" in refused.value.message_dict["planned_on"][0]
    assert not Decision.objects.exists()


def test_no_decision_before_the_meeting_day(item, manager):
    with pytest.raises(ValidationError) as refused:
        actions.record_decision(
            item=item,
            outcome="no_action",
            reason="x",
            by=manager,
            today=MEETING_DAY - datetime.timedelta(days=1),
        )
    assert "has not taken place yet" in refused.value.messages[0]


def test_minutes_need_every_item_decided_and_then_nothing_changes(item, meeting, manager):
    actions.mark_held(meeting=meeting, by=manager, today=MEETING_DAY)
    with pytest.raises(ValidationError, match="1 of 1 agenda items have no decision"):
        actions.approve_minutes(meeting=meeting, by=manager, today=MEETING_DAY)
    actions.record_decision(
        item=item, outcome="safeguarding", reason="Bruising", by=manager, today=MEETING_DAY
    )
    actions.approve_minutes(meeting=meeting, by=manager, today=MEETING_DAY)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.APPROVED and meeting.approved_on == MEETING_DAY
    with pytest.raises(ValidationError):
        actions.add_item(
            meeting=meeting, service=item.service, topic="Late", by=manager, today=MEETING_DAY
        )
    assert AgendaItem.objects.count() == 1
