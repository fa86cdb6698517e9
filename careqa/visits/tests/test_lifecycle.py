"""A visit from the programme to an issued report, through the actions: each step checked
for its data and its audit event, and the bad input the issue names refused whole."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from careqa.audit.models import AuditEvent
from careqa.visits import actions
from careqa.visits.models import Finding, Question, Report, Visit
from careqa.visits.vocab import Answer, ReportStatus, VisitStatus

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 2)
BANK_HOLIDAY = datetime.date(2026, 5, 4)  # early May bank holiday
TODAY = datetime.date(2026, 3, 10)


@pytest.fixture
def visit(home, officer, manager):
    return actions.add_visit(
        service=home,
        by=manager,
        planned_on=MONDAY,
        lead_officer=officer,
        visit_type="contract_review",
    )


def carried_out(visit, officer):
    return actions.record_visit(
        visit=visit,
        by=officer,
        today=TODAY,
        carried_out_on=MONDAY,
        purpose="The annual contract review.",
        methodology="Spoke to four residents and two staff; read care plans.",
    )


def answer_everything(visit, officer, answer=Answer.MET):
    questions = Question.objects.filter(question_set=visit.question_set)
    actions.save_findings(
        visit=visit,
        by=officer,
        answers={q: (answer, "Seen in the care plans", "") for q in questions},
    )


def test_a_visit_added_by_hand_is_audited_and_kept_from_re_planning(visit, home):
    assert visit.fixed_by_hand and visit.status == VisitStatus.PLANNED
    event = AuditEvent.objects.get(record_type="visits.visit", record_id=visit.pk)
    assert (event.service_id, event.provider_id) == (home.pk, home.provider_id)


def test_no_visit_on_a_bank_holiday_or_a_weekend(home, officer, manager):
    for day, words in ((BANK_HOLIDAY, "bank holiday"), (MONDAY - datetime.timedelta(1), "weekend")):
        with pytest.raises(ValidationError) as error:
            actions.add_visit(
                service=home,
                by=manager,
                planned_on=day,
                lead_officer=officer,
                visit_type="contract_review",
            )
        assert words in str(error.value)
    assert not Visit.objects.exists()


def test_an_officer_is_never_double_booked(visit, home, officer, manager):
    with pytest.raises(ValidationError) as error:
        actions.add_visit(
            service=home,
            by=manager,
            planned_on=MONDAY,
            lead_officer=officer,
            visit_type="themed",
        )
    assert "already has a visit that day" in str(error.value)
    assert Visit.objects.count() == 1


def test_a_visit_cannot_be_carried_out_in_the_future(visit, officer):
    with pytest.raises(ValidationError) as error:
        actions.record_visit(
            visit=visit, by=officer, today=TODAY, carried_out_on=TODAY + datetime.timedelta(1)
        )
    assert "today or in the past" in str(error.value)
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED and visit.carried_out_on is None


def test_carrying_out_keeps_the_question_set_in_use(visit, officer):
    visit = carried_out(visit, officer)
    assert visit.status == VisitStatus.CARRIED_OUT
    assert visit.question_set.kind == "care_home" and visit.question_set.version == 1
    assert visit.question_set.questions.count() >= 20


def test_requires_improvement_needs_evidence_and_departing_needs_a_reason(visit, officer):
    visit = carried_out(visit, officer)
    answer_everything(visit, officer)
    with pytest.raises(ValidationError) as error:
        actions.judge_visit(
            visit=visit,
            by=officer,
            judgements={"safe": ("requires_improvement", "", "")},
        )
    messages = error.value.message_dict
    assert messages["safe-evidence"] == ["Safe: Requires improvement or Inadequate needs evidence"]
    assert "departing from the rule" in messages["safe-departure_reason"][0]
    assert not visit.judgements.filter(judgement="requires_improvement").exists()


def test_issuing_needs_every_key_question_judged_then_freezes_a_version(visit, officer, manager):
    visit = carried_out(visit, officer)
    answer_everything(visit, officer)
    actions.add_required_action(
        visit=visit, by=officer, area="safe", priority="high", action="Lock the treatment room."
    )
    actions.add_view(
        service=visit.service,
        visit=visit,
        by=officer,
        heard_on=MONDAY,
        role="relative",
        method="at_visit",
        said="Mum is happy here.",
        sentiment="positive",
        consent_to_share=True,
    )
    report = actions.draft_report(visit=visit, by=officer)
    with pytest.raises(ValidationError) as error:
        actions.issue_report(report=report, by=manager, today=TODAY)
    assert "Safe, Effective, Caring, Responsive, Well-led not judged yet" in str(error.value)

    judged = {a: ("", "", "") for a in ("safe", "effective", "caring", "responsive", "well_led")}
    visit = actions.judge_visit(
        visit=visit,
        by=officer,
        judgements={a: ("outstanding", "", "") for a in judged},
    )
    assert visit.overall == "outstanding"
    report = actions.issue_report(report=report, by=manager, today=TODAY)
    assert report.status == ReportStatus.ISSUED and report.issued_by == manager
    assert report.content["actions"][0]["action"] == "Lock the treatment room."
    assert report.content["views"][0]["said"] == "Mum is happy here."
    visit.refresh_from_db()
    assert visit.status == VisitStatus.REPORT_ISSUED

    # The issued report is frozen: the record cannot change under it.
    with pytest.raises(ValidationError):
        actions.save_findings(visit=visit, by=officer, answers={})

    correction = actions.correct_report(report=report, by=manager, note="Wrong date")
    assert correction.version == 2 and correction.status == ReportStatus.DRAFT
    Finding.objects.filter(visit=visit).update(notes="Corrected")
    actions.issue_report(report=correction, by=manager, today=TODAY)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUPERSEDED
    assert Report.objects.filter(visit=visit).count() == 2  # the old version is kept


def test_the_programme_plans_from_the_latest_visit_before_the_year(home, officer, manager):
    from careqa.visits.planning_inputs import services_to_plan

    for day in (datetime.date(2024, 6, 3), datetime.date(2025, 3, 3)):
        planned = actions.add_visit(
            service=home, by=manager, planned_on=day, lead_officer=officer, visit_type="themed"
        )
        actions.record_visit(visit=planned, by=officer, today=TODAY, carried_out_on=day)
    (service,) = services_to_plan(2026)
    assert service.facts.last_visit_on == datetime.date(2025, 3, 3)
