"""The quality surveillance meeting: its agenda from risk (highest, rising, new
intelligence as the builder may read it, open enquiries), the sharing level the pack
carries, what it noted and its actions in the surveillance log, for each role."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from careqa.audit.models import AuditEvent
from careqa.factories import ContractFactory, CouncilProfileFactory, ServiceFactory
from careqa.meetings import actions
from careqa.meetings.models import MeetingAction
from careqa.meetings.tests.test_views import _pdf_text
from careqa.risk import actions as risk_actions
from careqa.risk.models import RiskHistory
from careqa.risk.rules.surveillance import highest, risk_rose
from careqa.risk.vocab import Band
from careqa.tests.personas import PROVIDER_A

TODAY = datetime.date.today()
QS = "quality_surveillance"
BANDS = list(Band.values)


# -- the rules -------------------------------------------------------------------------


@given(
    st.none() | st.tuples(st.integers(0, 100), st.sampled_from(BANDS)),
    st.tuples(st.integers(0, 100), st.sampled_from(BANDS)),
)
def test_rising_means_the_score_or_band_went_up(before, now):
    rose = risk_rose(before, now)
    if before is None:
        assert not rose
    elif now[0] > before[0]:
        assert rose
    elif not rose:
        assert now[0] <= before[0]
    if before is not None and before == now:
        assert not rose


@given(st.lists(st.tuples(st.integers(1, 10_000), st.integers(0, 100)), unique_by=lambda p: p[0]))
def test_the_highest_are_the_top_scores_in_order(pairs):
    top = highest(pairs, count=5)
    scores = dict(pairs)
    assert len(top) == min(5, len(pairs))
    assert [scores[s] for s in top] == sorted((scores[s] for s in top), reverse=True)
    left_out = set(scores) - set(top)
    assert all(scores[s] <= min((scores[t] for t in top), default=100) for s in left_out)


# -- the agenda ------------------------------------------------------------------------


@pytest.fixture
def ours(personas):
    service = ServiceFactory(
        name="Amber Court",
        provider=personas[PROVIDER_A].scope_provider,
        rating="good",
        rating_published=TODAY - datetime.timedelta(days=200),
    )
    ContractFactory(service=service)
    CouncilProfileFactory(our_area=[service.council])
    return service


def _meeting(service, by, held_on=TODAY):
    return actions.create_meeting(
        kind=QS,
        held_on=held_on,
        council=service.council,
        chair="Alex Khan",
        attendees=[
            ("District nurse", "Community health trust", "", "community_nursing"),
            ("Healthwatch volunteer", "Healthwatch", "Jo Bell", "healthwatch"),
        ],
        by=by,
    )


def _entry(service, by, sharing, summary, days_ago=3):
    return risk_actions.record_intelligence(
        by=by,
        today=TODAY,
        service=service,
        source="complaint",
        received_on=TODAY - datetime.timedelta(days=days_ago),
        summary=summary,
        key_question="safe",
        severity="high",
        sharing=sharing,
    )


def _enquiry(service, by):
    return risk_actions.record_enquiry(
        service=service,
        by=by,
        today=TODAY,
        kind="s42",
        reference="SG-7",
        risk_types=["neglect"],
        risk_source="service_provider",
        risk_location="care_home_residential",
        opened_on=TODAY - datetime.timedelta(days=2),
        summary="",
    )


@pytest.fixture
def built(ours, personas):
    officer = personas["qa_officer"]
    risk_actions.recompute(today=TODAY - datetime.timedelta(days=120), service_ids=[ours.pk])
    _entry(ours, officer, 3, "Night staff asleep on duty, a whistleblower says")
    _entry(ours, officer, 1, "Relatives praise the new activities")
    _entry(ours, officer, 2, "Old news", days_ago=200)  # before the look-back
    _enquiry(ours, officer)
    meeting = _meeting(ours, officer)
    actions.build_agenda(meeting=meeting, by=officer, today=TODAY)
    return meeting


@pytest.mark.django_db
def test_the_agenda_is_built_from_risk(built, ours):
    by_section = {}
    for item in built.items.all():
        by_section.setdefault(item.section, []).append(item)
    assert set(by_section) == {
        "risk-highest",
        "risk-rising",
        "risk-new-intelligence",
        "risk-open-enquiries",
    }
    [top] = by_section["risk-highest"]
    assert top.service == ours and top.topic.startswith("Risk score ")
    assert top.permission == "view_risk"
    [rising] = by_section["risk-rising"]
    assert "then," in rising.topic and "now" in rising.topic
    intel = by_section["risk-new-intelligence"]
    assert len(intel) == 2 and sorted(i.sharing for i in intel) == [1, 3]
    assert all("Old news" not in i.detail for i in intel)
    qa_only = next(i for i in intel if i.sharing == 3)
    assert qa_only.permission == "view_qa_intelligence"
    assert "Sharing level: QA team only" in qa_only.detail
    [enquiries] = by_section["risk-open-enquiries"]
    assert enquiries.topic == "1 open safeguarding enquiry"
    assert "Section 42 enquiry SG-7" in enquiries.detail
    assert enquiries.permission == "view_safeguarding"
    # The audit trail keeps each restricted item to its readers.
    event = AuditEvent.objects.get(record_type="meetings.agendaitem", record_id=qa_only.pk)
    assert event.sensitive == {"*": "view_qa_intelligence"}


@pytest.mark.django_db
def test_an_entry_the_builder_may_not_read_never_reaches_the_agenda(ours, personas):
    """A commissioner may not build agendas; but even if the builder holds fewer levels,
    the section reads only what they may read."""
    from careqa.meetings import agenda
    from careqa.risk.agenda_sections import NewIntelligence

    _entry(ours, personas["qa_officer"], 3, "Secret")
    _entry(ours, personas["qa_officer"], 2, "For the council")
    context = agenda.Context(
        council_id=ours.council_id,
        kind=QS,
        on=TODAY,
        since=TODAY - datetime.timedelta(days=30),
        last_meeting_id=None,
        by=personas["commissioner"],
    )
    items = NewIntelligence(context).items()
    assert [i.sharing for i in items] == [2]
    assert all("Secret" not in line for i in items for line in i.detail)


@pytest.mark.django_db
def test_rising_is_measured_from_the_last_meeting_of_the_kind(ours, personas):
    officer, manager = personas["qa_officer"], personas["qa_manager"]
    last = _meeting(ours, manager, held_on=TODAY - datetime.timedelta(days=28))
    actions.add_item(meeting=last, service=ours, topic="Noted", by=manager, today=last.held_on)
    actions.mark_held(meeting=last, by=manager, today=TODAY)
    RiskHistory.objects.create(
        service=ours, on=last.held_on - datetime.timedelta(days=1), score=5, band="low"
    )
    risk_actions.recompute(today=TODAY, service_ids=[ours.pk])
    _enquiry(ours, officer)
    following = _meeting(ours, officer)
    actions.build_agenda(meeting=following, by=officer, today=TODAY)
    following.refresh_from_db()
    assert following.last_meeting == last
    rising = following.items.get(section="risk-rising")
    assert rising.topic.startswith(f"Risk up since {last.held_on.day} ")
    assert " 5 then, " in rising.topic


# -- decisions, the log and actions ---------------------------------------------------


@pytest.mark.django_db
def test_a_decision_notes_and_its_action_make_the_surveillance_log(built, ours, personas):
    officer = personas["qa_officer"]
    item = built.items.get(section="risk-open-enquiries")
    with pytest.raises(ValidationError) as refused:
        actions.record_decision(
            item=item, outcome="surveillance", reason="r", by=officer, today=TODAY
        )
    assert "noted" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        actions.record_decision(
            item=item, outcome="suspend", reason="r", noted="n", by=officer, today=TODAY
        )
    assert "outcome" in refused.value.message_dict  # not a decision this kind takes
    decision = actions.record_decision(
        item=item,
        outcome="surveillance",
        reason="Keep it under review until the enquiry closes",
        noted="The district nurses report pressure sores on two residents",
        by=officer,
        today=TODAY,
    )
    assert decision.noted.startswith("The district nurses")
    action = actions.add_action(
        item=item,
        action="Tissue viability visit",
        owner="Tissue viability nurse, community trust",
        due_on=TODAY + datetime.timedelta(days=14),
        by=officer,
        today=TODAY,
    )
    event = AuditEvent.objects.get(record_type="meetings.meetingaction", record_id=action.pk)
    assert event.sensitive == {"*": "view_safeguarding"} and event.service_id == ours.pk
    from careqa.meetings.queries import log_for

    [entry] = log_for(ours, officer)
    assert entry["decision"] == decision and entry["actions"] == [action]
    assert log_for(ours, personas["administrator"]) == []  # no safeguarding for them
    actions.complete_action(action=action, by=officer, today=TODAY)
    action.refresh_from_db()
    assert action.done_on == TODAY and action.done_by == officer
    with pytest.raises(ValidationError):
        actions.complete_action(action=action, by=officer, today=TODAY)


@pytest.mark.django_db
def test_an_action_needs_its_fields(built, personas):
    item = built.items.first()
    with pytest.raises(ValidationError) as refused:
        actions.add_action(
            item=item, action=" ", owner="", due_on=TODAY - datetime.timedelta(days=1),
            by=personas["qa_officer"], today=TODAY,
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"action", "owner", "due_on"}
    assert MeetingAction.objects.count() == 0


@pytest.mark.django_db
def test_a_surveillance_attendee_needs_a_profession(ours, personas):
    with pytest.raises(ValidationError) as refused:
        actions.create_meeting(
            kind=QS,
            held_on=TODAY,
            council=ours.council,
            chair="Alex Khan",
            attendees=[("Nurse", "Trust", "", "")],
            by=personas["qa_officer"],
        )
    assert "attendee_1_profession" in refused.value.message_dict


# -- pages for each role ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who, sees_qa_only, sees_safeguarding",
    [
        ("qa_officer", True, True),
        ("qa_manager", True, True),
        ("commissioner", False, True),
        ("administrator", False, False),
    ],
)
def test_the_meeting_page_shows_each_role_what_it_may_read(
    client, personas, built, who, sees_qa_only, sees_safeguarding
):
    client.force_login(personas[who])
    page = client.get(built.get_absolute_url()).content.decode()
    assert ("Night staff asleep" in page) == sees_qa_only
    assert ("open safeguarding enquiry" in page) == sees_safeguarding
    assert "Relatives praise" in page
    assert "Sharing level" in page and "QA team only" in page
    assert "Healthwatch volunteer" in page and "(Healthwatch)" in page
    pack = client.get(reverse("meetings:pack-pdf", args=[built.pk]))
    if sees_qa_only and sees_safeguarding:
        assert pack.status_code == 200
        assert "carry information your role may not read" not in page
    else:
        assert pack.status_code == 403 and "carry information your role may not read" in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["partner", PROVIDER_A])
def test_partners_and_providers_see_no_meeting(client, personas, built, who):
    client.force_login(personas[who])
    assert client.get(built.get_absolute_url()).status_code == 403
    assert client.get(reverse("meetings:pack-pdf", args=[built.pk])).status_code == 403


@pytest.mark.django_db
def test_the_pack_says_the_level_it_carries(client, personas, built, tmp_path):
    client.force_login(personas["qa_manager"])
    pack = client.get(reverse("meetings:pack-pdf", args=[built.pk]))
    text = _pdf_text(pack.content, tmp_path)
    assert "Sharing level: QA team only" in text
    assert "quality-surveillance-meeting-" in pack["Content-Disposition"]
    assert "Community nursing" in text


@pytest.mark.django_db
def test_the_decision_form_and_actions_through_the_pages(client, personas, built, ours):
    client.force_login(personas["qa_officer"])
    item = built.items.get(section="risk-highest")
    form = client.get(reverse("meetings:decide", args=[item.pk])).content.decode()
    assert "What the meeting noted" in form and "Keep under quality surveillance" in form
    assert "Suspend new placements" not in form
    response = client.post(
        reverse("meetings:decide", args=[item.pk]), {"outcome": "surveillance", "reason": "r"}
    )
    assert "Enter what the meeting noted" in response.content.decode()
    client.post(
        reverse("meetings:decide", args=[item.pk]),
        {"outcome": "surveillance", "reason": "Look again", "noted": "Falls up this month"},
    )
    response = client.post(
        reverse("meetings:add-action", args=[item.pk]),
        {"action": "", "owner": "", "due_on_day": "", "due_on_month": "", "due_on_year": ""},
    )
    assert "Enter the action" in response.content.decode()
    due = TODAY + datetime.timedelta(days=7)
    client.post(
        reverse("meetings:add-action", args=[item.pk]),
        {
            "action": "Falls team to visit",
            "owner": "Falls team",
            "due_on_day": due.day,
            "due_on_month": due.month,
            "due_on_year": due.year,
        },
    )
    action = MeetingAction.objects.get()
    client.post(reverse("meetings:action-done", args=[action.pk]))
    action.refresh_from_db()
    assert action.done_on == TODAY
    service_page = client.get(reverse("providers:service-detail", args=[ours.pk])).content.decode()
    assert "Quality surveillance log" in service_page and "Falls up this month" in service_page
    assert "Falls team to visit" in service_page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["commissioner", "administrator"])
def test_readers_cannot_add_or_complete_actions(client, personas, built, who):
    item = built.items.get(section="risk-highest")
    officer = personas["qa_officer"]
    action = actions.add_action(
        item=item, action="a", owner="o", due_on=TODAY, by=officer, today=TODAY
    )
    client.force_login(personas[who])
    assert client.post(reverse("meetings:add-action", args=[item.pk])).status_code == 403
    assert client.post(reverse("meetings:action-done", args=[action.pk])).status_code == 403
    action.refresh_from_db()
    assert action.done_on is None


@pytest.mark.django_db
def test_a_referral_takes_the_ladders_step_and_what_was_restricted_stays_so(built, ours, personas):
    from careqa.escalation.models import Step

    manager = personas["qa_manager"]
    item = built.items.get(section="risk-new-intelligence", sharing=3)
    decision = actions.record_decision(
        item=item,
        outcome="refer",
        reason="A pattern of concerns: the Commissioning and Quality meeting should decide",
        noted="The CQC inspector will bring the inspection forward",
        review_on=TODAY + datetime.timedelta(days=28),
        by=manager,
        today=TODAY,
    )
    actions.add_action(
        item=item, action="Ask CQC to inspect", owner="QA manager", due_on=TODAY,
        by=manager, today=TODAY,
    )  # fmt: skip
    step = Step.objects.get(pk=decision.step_id)
    assert step.kind == "referral" and step.status == "current" and step.service == ours
    following = _meeting(ours, manager, held_on=TODAY + datetime.timedelta(days=28))
    actions.build_agenda(meeting=following, by=manager, today=TODAY)
    looked_back = following.items.get(section="decided-last-time", topic__contains="refer")
    assert looked_back.permission == "view_qa_intelligence" and looked_back.sharing == 3
    assert "Action: Ask CQC to inspect (QA manager, due " in looked_back.detail
    assert looked_back.detail.split("Ask CQC to inspect")[1].split("\n")[0].endswith("overdue")


@pytest.mark.django_db
def test_a_step_taken_on_a_restricted_item_does_not_copy_its_words(built, personas):
    from careqa.escalation.models import Step

    item = built.items.get(section="risk-new-intelligence", sharing=3)
    decision = actions.record_decision(
        item=item,
        outcome="monitor",
        reason="Monitor monthly",
        noted="Noted",
        review_on=TODAY + datetime.timedelta(days=28),
        by=personas["qa_manager"],
        today=TODAY,
    )
    step = Step.objects.get(pk=decision.step_id)
    assert "Night staff" not in step.evidence and "restricted" in step.evidence


@pytest.mark.django_db
def test_an_open_provider_concern_is_on_the_agenda_and_its_lead_officer_is_told(ours, personas):
    from careqa.notify.models import Alert
    from careqa.visits.actions import assign_lead_officer

    manager, officer = personas["qa_manager"], personas["qa_officer"]
    assign_lead_officer(service=ours, officer=officer, by=manager, today=TODAY)
    concern = risk_actions.open_provider_concern(
        by=manager,
        today=TODAY,
        service=ours,
        triggers=["serious_incident"],
        decision="A whole-service enquiry after a serious fall",
        decided_by="Head of Adult Social Care",
        lead_officer=officer,
    )
    [told] = Alert.objects.filter(key=f"concern:{concern.pk}:{ours.pk}")
    assert told.user == officer and "provider concern" in told.text
    assert told.link == f"/risk/concerns/{concern.pk}/"
    meeting = _meeting(ours, officer)
    actions.build_agenda(meeting=meeting, by=officer, today=TODAY)
    [item] = meeting.items.filter(section="risk-open-concerns")
    assert item.service == ours and item.topic.startswith("Provider concern opened")
    assert "Strategy meeting due 9 December 2026" in item.detail
    assert item.permission == "view_provider_concern_details"
