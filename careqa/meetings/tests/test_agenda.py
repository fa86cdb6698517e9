"""Building the agenda from the sections each app registers, kept as it read that day, and
the next meeting's look back at what was decided and what happened since."""

import datetime

import pytest

from careqa.escalation.actions import take_step
from careqa.factories import PublishedRatingFactory, ServiceFactory
from careqa.meetings import actions
from careqa.meetings.tests.conftest import MEETING_DAY
from careqa.plans import actions as plans
from careqa.providers.vocab import Rating

pytestmark = pytest.mark.django_db
BEFORE = MEETING_DAY - datetime.timedelta(days=30)


def _sections(meeting):
    return {(i.section, i.service.name): i for i in meeting.items.select_related("service")}


def _overdue_plan(service, officer):
    plan = plans.open_plan(service=service, by=officer, today=BEFORE)
    item = plans.add_item(
        plan=plan,
        by=officer,
        today=BEFORE,
        area="safe",
        remedy="Weekly medicines audit",
        priority="high",
        source="desktop_monitoring",
    )
    plans.record_response(
        plan=plan,
        by=officer,
        received_on=BEFORE,
        today=BEFORE,
        actions=[(item, "Audit", "Deputy", BEFORE + datetime.timedelta(days=7))],
    )
    plans.agree_item(
        item=item, by=officer, today=BEFORE, due_on=BEFORE + datetime.timedelta(days=7)
    )
    return item


def test_each_apps_section_proposes_its_items(meeting, service, manager, officer, council):
    PublishedRatingFactory(service=service, rated_on=BEFORE, overall=Rating.REQUIRES_IMPROVEMENT)
    _overdue_plan(service, officer)
    take_step(
        service=service,
        kind="suspension",
        by=manager,
        today=BEFORE,
        decide=True,
        reason="Medicines",
        evidence="Visit",
        placements="all",
        conditions=["Audits clean"],
        review_on=MEETING_DAY - datetime.timedelta(days=2),
    )
    elsewhere = ServiceFactory(name="Far Away")  # another council: not on this agenda
    PublishedRatingFactory(service=elsewhere, rated_on=BEFORE, overall=Rating.INADEQUATE)

    added = actions.build_agenda(meeting=meeting, by=manager, today=MEETING_DAY)

    found = _sections(meeting)
    assert ("newly-rated", "Amber Court") in found
    assert found[("plans-overdue", "Amber Court")].topic == "Action plan: 1 item overdue"
    review = found[("escalation-reviews", "Amber Court")]
    assert review.topic.startswith("Suspension of new placements: review due")
    assert "Conditions for lifting met: 0 of 1" in review.detail_lines
    assert all(name != "Far Away" for _, name in found)
    assert len(added) == len(found)
    meeting.refresh_from_db()
    assert meeting.agenda_built_on == MEETING_DAY


def test_the_agenda_keeps_what_it_said_and_building_again_only_adds(meeting, service, manager):
    PublishedRatingFactory(service=service, rated_on=BEFORE, overall=Rating.INADEQUATE)
    actions.build_agenda(meeting=meeting, by=manager, today=MEETING_DAY)
    item = meeting.items.get()
    service.ratings.update(overall=Rating.GOOD)  # a correction after the pack went out
    assert actions.build_agenda(meeting=meeting, by=manager, today=MEETING_DAY) == []
    item.refresh_from_db()
    assert item.topic.startswith("Rated Inadequate")


def test_a_rating_before_the_last_meeting_is_not_new(council, service, manager, meeting):
    last = actions.create_meeting(
        kind="commissioning_quality",
        held_on=BEFORE + datetime.timedelta(days=5),
        council=council,
        chair="Alex Khan",
        by=manager,
    )
    actions.mark_held(meeting=last, by=manager, today=MEETING_DAY)
    PublishedRatingFactory(service=service, rated_on=BEFORE, overall=Rating.INADEQUATE)
    actions.build_agenda(meeting=meeting, by=manager, today=MEETING_DAY)
    meeting.refresh_from_db()
    assert meeting.last_meeting == last
    assert not meeting.items.filter(section="newly-rated").exists()


def test_the_next_pack_shows_last_times_decision_and_what_happened_since(
    council, service, manager, meeting, item
):
    actions.record_decision(
        item=item,
        outcome="suspend",
        reason="Medicines errors",
        evidence="Visit",
        placements="all",
        conditions=["Audits clean"],
        review_on=MEETING_DAY + datetime.timedelta(days=60),
        by=manager,
        today=MEETING_DAY,
    )
    later = MEETING_DAY + datetime.timedelta(days=20)
    PublishedRatingFactory(service=service, rated_on=later, overall=Rating.INADEQUATE)
    following = actions.create_meeting(
        kind="commissioning_quality",
        held_on=MEETING_DAY + datetime.timedelta(days=28),
        council=council,
        chair="Alex Khan",
        by=manager,
    )
    actions.build_agenda(meeting=following, by=manager, today=later)
    looked_back = following.items.get(section="decided-last-time")
    assert looked_back.topic == "Last time: suspend new placements (Medicines errors)"
    lines = looked_back.detail_lines
    assert lines[0].startswith("Decided on 3 March 2027: Suspend new placements. Medicines")
    assert any(
        line.startswith("Since: 23 March 2027, ") and "Inadequate" in line for line in lines
    ), lines
