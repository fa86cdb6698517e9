"""The visits' pages for each role: who may record, plan and issue, who reads what, and
the issue's bad input refused on the form with nothing saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careqa.accounts.models import User
from careqa.audit.models import AuditEvent
from careqa.factories import UserFactory
from careqa.visits import actions
from careqa.visits.models import PersonView, Question, RequiredAction, Visit
from careqa.visits.vocab import Answer, ReportStatus, VisitStatus

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 3, 2)
TUESDAY = datetime.date(2026, 3, 3)
BANK_HOLIDAY = datetime.date(2026, 5, 4)  # early May bank holiday
AREAS = ("safe", "effective", "caring", "responsive", "well_led")


@pytest.fixture
def visit(home, officer, manager):
    return actions.add_visit(
        service=home, by=manager, planned_on=MONDAY, lead_officer=officer, visit_type="themed"
    )


def carried_out(visit, by):
    return actions.record_visit(
        visit=visit, by=by, today=MONDAY, carried_out_on=MONDAY, purpose="Medicines."
    )


def answered(visit, by):
    questions = Question.objects.filter(question_set=visit.question_set)
    actions.save_findings(
        visit=visit, by=by, answers={q: (Answer.MET, "Seen", "") for q in questions}
    )
    return visit


def judged(visit, by):
    return actions.judge_visit(
        visit=visit, by=by, judgements={a: ("outstanding", "", "") for a in AREAS}
    )


def issued(visit, officer, manager):
    visit = judged(answered(carried_out(visit, officer), officer), officer)
    report = actions.draft_report(visit=visit, by=officer)
    return actions.issue_report(report=report, by=manager, today=MONDAY)


def signed_in(client, user):
    client.force_login(user)
    return client


def record_data(day, **extra):
    return {
        "carried_out_on_day": day.day,
        "carried_out_on_month": day.month,
        "carried_out_on_year": day.year,
        "announced": "yes",
        "mode": "on_site",
        "purpose": "Medicines.",
        **extra,
    }


def events(visit, **filters):
    return AuditEvent.objects.filter(service_id=visit.service_id, **filters)


def url(name, *args):
    return reverse(f"visits:{name}", args=args)


# ---- Officers record --------------------------------------------------------------------


def test_an_officer_who_does_not_lead_the_visit_may_still_record_it(client, visit):
    helper = UserFactory(username="helper", role="qa_officer", first_name="Ola")
    response = signed_in(client, helper).post(url("record", visit.pk), record_data(MONDAY))
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CARRIED_OUT and visit.carried_out_on == MONDAY
    event = events(visit, actor_id=helper.pk, record_type="visits.visit").get()
    assert event.changes["carried_out_on"][1] == "2026-03-02"


def test_a_visit_cannot_be_carried_out_in_the_future(client, visit, officer):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    before = events(visit).count()
    response = signed_in(client, officer).post(url("record", visit.pk), record_data(tomorrow))
    assert response.status_code == 200
    assert "must be today or in the past" in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED and visit.carried_out_on is None
    assert events(visit).count() == before


def test_findings_and_a_view_and_an_action_are_recorded_with_the_service_in_the_trail(
    client, visit, officer
):
    visit = carried_out(visit, officer)
    client = signed_in(client, officer)
    safe = list(Question.objects.filter(question_set=visit.question_set, area="safe"))
    data = {f"q{q.pk}-answer": "met" for q in safe}
    data[f"q{safe[0].pk}-answer"] = "not_met"
    response = client.post(url("findings", visit.pk, "safe"), data)
    assert response.status_code == 200  # not met needs its evidence
    assert "Partly met or not met needs the evidence you found" in response.content.decode()
    assert not visit.findings.exists()
    data[f"q{safe[0].pk}-evidence"] = "No record of the fire drill."
    assert client.post(url("findings", visit.pk, "safe"), data).status_code == 302
    assert visit.findings.count() == len(safe)
    assert events(visit, record_type="visits.finding").count() == len(safe)

    view = {
        "heard_on_day": "2",
        "heard_on_month": "3",
        "heard_on_year": "2026",
        "role": "relative",
        "method": "at_visit",
        "said": "Staff are kind.",
        "sentiment": "positive",
        "consent_to_share": "on",
    }
    assert client.post(url("add-view", visit.pk), view).status_code == 302
    action = {"area": "safe", "priority": "high", "action": "Hold a fire drill."}
    assert client.post(url("add-action", visit.pk), action).status_code == 302
    assert events(visit, record_type="visits.personview").count() == 1
    assert events(visit, record_type="visits.requiredaction").count() == 1
    # What someone said is kept out of the trail for those without the visits' record.
    assert events(visit, record_type="visits.personview").get().sensitive == {"said": "view_visits"}


def test_findings_before_the_visit_is_carried_out_send_the_officer_back(client, visit, officer):
    response = signed_in(client, officer).get(url("findings", visit.pk, "safe"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Record when the visit was carried out first" in page


def test_requires_improvement_without_evidence_is_refused(client, visit, officer):
    visit = answered(carried_out(visit, officer), officer)
    data = {f"{a}-judgement": "outstanding" for a in AREAS}
    data["safe-judgement"] = "requires_improvement"
    data["safe-departure_reason"] = "The audit found gaps."
    response = signed_in(client, officer).post(url("judgements", visit.pk), data)
    assert response.status_code == 200
    assert "Requires improvement or Inadequate needs evidence" in response.content.decode()
    assert not visit.judgements.exists()
    data["safe-evidence"] = "Two missed signatures on the medicines charts."
    assert client.post(url("judgements", visit.pk), data).status_code == 302
    assert visit.judgements.get(area="safe").judgement == "requires_improvement"
    assert events(visit, record_type="visits.areajudgement").count() == 5


def test_inadequate_without_evidence_is_refused(client, visit, officer):
    visit = answered(carried_out(visit, officer), officer)
    data = {f"{a}-judgement": "outstanding" for a in AREAS}
    data["caring-judgement"] = "inadequate"
    data["caring-departure_reason"] = "Residents left waiting."
    response = signed_in(client, officer).post(url("judgements", visit.pk), data)
    assert "Requires improvement or Inadequate needs evidence" in response.content.decode()
    assert not visit.judgements.exists()


# ---- Managers plan and issue ------------------------------------------------------------


def test_a_manager_moves_a_visit_but_never_onto_a_bank_holiday(client, visit, manager):
    client = signed_in(client, manager)
    day = {"planned_on_day": "4", "planned_on_month": "5", "planned_on_year": "2026"}
    response = client.post(url("move", visit.pk), day)
    assert response.status_code == 200
    assert "is a weekend or a bank holiday" in response.content.decode()
    visit.refresh_from_db()
    assert visit.planned_on == MONDAY
    day["planned_on_day"] = "5"
    assert client.post(url("move", visit.pk), day).status_code == 302
    visit.refresh_from_db()
    assert visit.planned_on == datetime.date(2026, 5, 5)
    assert events(visit, actor_id=manager.pk, changes__has_key="planned_on").count() == 2


def test_a_manager_reassigns_a_visit_but_never_double_books(client, visit, home, manager):
    other = UserFactory(username="other", role="qa_officer", first_name="Ola")
    actions.add_visit(
        service=home, by=manager, planned_on=MONDAY, lead_officer=other, visit_type="initial"
    )
    client = signed_in(client, manager)
    response = client.post(url("reassign", visit.pk), {"lead_officer": other.pk})
    assert response.status_code == 200
    assert "already has a visit that day" in response.content.decode()
    visit.refresh_from_db()
    assert visit.lead_officer != other

    third = UserFactory(username="third", role="qa_officer", first_name="Kim")
    assert client.post(url("reassign", visit.pk), {"lead_officer": third.pk}).status_code == 302
    visit.refresh_from_db()
    assert visit.lead_officer == third
    assert events(visit, record_id=visit.pk, changes__has_key="lead_officer").count() == 2


def test_a_visit_added_on_a_bank_holiday_or_double_booked_is_refused(
    client, visit, home, officer, manager
):
    client = signed_in(client, manager)
    data = {"visit_type": "themed", "lead_officer": officer.pk, "announced": "yes"}
    for day, words in ((BANK_HOLIDAY, "bank holiday"), (MONDAY, "already has a visit that day")):
        data.update(planned_on_day=day.day, planned_on_month=day.month, planned_on_year=day.year)
        response = client.post(f"{url('add')}?service={home.pk}", data)
        assert response.status_code == 200
        assert words in response.content.decode()
    assert Visit.objects.count() == 1
    data.update(planned_on_day=TUESDAY.day)
    response = client.post(f"{url('add')}?service={home.pk}", data)
    assert response.status_code == 302
    added = Visit.objects.get(planned_on=TUESDAY)
    assert events(added, record_id=added.pk, action="created").exists()


def test_cancelling_needs_a_reason(client, visit, manager):
    client = signed_in(client, manager)
    response = client.post(url("cancel", visit.pk), {"reason": "  "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter why the visit is cancelled" in page and "govuk-error-summary" in page
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED
    response = client.post(url("cancel", visit.pk), {"reason": "The home closed."})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED and visit.cancelled_reason == "The home closed."
    assert events(visit, changes__has_key="cancelled_reason").exists()


@pytest.mark.parametrize("page", ["move", "reassign", "cancel"])
def test_officers_do_not_plan(client, visit, officer, page):
    assert signed_in(client, officer).get(url(page, visit.pk)).status_code == 403


def test_issuing_with_a_key_question_unassessed_is_refused(client, visit, officer, manager):
    visit = answered(carried_out(visit, officer), officer)
    report = actions.draft_report(visit=visit, by=officer)
    client = signed_in(client, manager)
    response = client.post(url("report-issue", report.pk), follow=True)
    assert "Judge every key question before issuing the report" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT

    judged(visit, officer)
    response = client.post(url("report-issue", report.pk), follow=True)
    assert "Report version 1 issued" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED and report.issued_by == manager
    assert events(visit, record_type="visits.report", changes__has_key="issued_on").exists()


def test_officers_do_not_issue(client, visit, officer):
    visit = judged(answered(carried_out(visit, officer), officer), officer)
    report = actions.draft_report(visit=visit, by=officer)
    client = signed_in(client, officer)
    assert client.post(url("report-issue", report.pk)).status_code == 403
    assert "Sign off and issue" not in client.get(url("report", report.pk)).content.decode()


# ---- An issued report freezes the record ------------------------------------------------


def test_the_records_forms_refuse_once_the_report_is_issued(client, visit, officer, manager):
    visit = issued(visit, officer, manager).visit
    client = signed_in(client, officer)
    before = AuditEvent.objects.count()
    safe = Question.objects.filter(question_set=visit.question_set, area="safe")
    posts = {
        url("record", visit.pk): record_data(MONDAY, purpose="Changed after issue."),
        url("findings", visit.pk, "safe"): {f"q{q.pk}-answer": "not_met" for q in safe},
        url("judgements", visit.pk): {f"{a}-judgement": "good" for a in AREAS},
        url("add-action", visit.pk): {"area": "safe", "priority": "low", "action": "Late."},
        url("add-concern", visit.pk): {"concern": "Late.", "raised_with": "The manager"},
        url("add-view", visit.pk): {
            "heard_on_day": "2",
            "heard_on_month": "3",
            "heard_on_year": "2026",
            "role": "staff",
            "method": "phone",
            "said": "Late.",
            "sentiment": "mixed",
        },
    }
    for address, data in posts.items():
        warning = "The report on this visit has been issued: its record can no longer be changed"
        assert warning in client.get(address).content.decode(), address
        if "findings" in address:
            data.update({f"q{q.pk}-evidence": "Late." for q in safe})
        response = client.post(address, data)
        assert response.status_code == 200, address
        page = response.content.decode()
        assert "govuk-error-summary" in page, address
        assert "report has been issued" in page or "can no longer be changed" in page, address
    visit.refresh_from_db()
    assert visit.purpose == "Medicines."
    assert not visit.findings.filter(answer="not_met").exists()
    assert not RequiredAction.objects.exists() and not PersonView.objects.exists()
    assert AuditEvent.objects.count() == before
    # The visit page offers no way to change the record.
    page = client.get(url("detail", visit.pk)).content.decode()
    assert "Record the visit" not in page and "Change what happened" not in page
    assert "Judge the key questions" not in page


# ---- Readers of issued reports ----------------------------------------------------------


@pytest.mark.parametrize("role", ["commissioner", "partner"])
def test_readers_never_see_a_draft(client, personas, visit, officer, role):
    visit = judged(answered(carried_out(visit, officer), officer), officer)
    report = actions.draft_report(visit=visit, by=officer)
    client = signed_in(client, personas[role])
    assert client.get(url("report", report.pk)).status_code == 404
    assert client.get(url("report-pdf", report.pk)).status_code == 404
    response = client.get(url("detail", visit.pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The report of this visit has not been issued yet" in page
    assert "Findings by key question" not in page and "Overall judgement" not in page
    assert "Outstanding" not in page
    assert client.get(url("record", visit.pk)).status_code == 403
    assert client.get(url("judgements", visit.pk)).status_code == 403


@pytest.mark.parametrize("role", ["commissioner", "partner"])
def test_readers_read_the_issued_report_and_its_judgements(
    client, personas, visit, officer, manager, role
):
    report = issued(visit, officer, manager)
    client = signed_in(client, personas[role])
    page = client.get(url("detail", visit.pk)).content.decode()
    assert "Version 1" in page and "Overall judgement" in page and "Outstanding" in page
    assert "Findings by key question" not in page
    response = client.get(url("report", report.pk))
    assert response.status_code == 200
    assert "Safe: Outstanding" in response.content.decode()
    assert "Sign off" not in response.content.decode()
    pdf = client.get(url("report-pdf", report.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_correction_in_draft_leaves_readers_with_the_issued_judgement(
    client, personas, visit, officer, manager
):
    report = issued(visit, officer, manager)
    actions.correct_report(report=report, by=manager, note="Caring was misjudged")
    Visit.objects.filter(pk=visit.pk).update(overall="inadequate")  # the draft's record
    page = signed_in(client, personas["commissioner"]).get(url("detail", visit.pk))
    assert "Outstanding" in page.content.decode()
    assert "Inadequate" not in page.content.decode()


def test_a_partner_named_on_a_joint_visit_sees_its_record(client, personas, visit, officer):
    partner = personas["partner"]
    visit = carried_out(visit, officer)
    actions.record_visit(visit=visit, by=officer, today=MONDAY, partners=[partner])
    page = signed_in(client, partner).get(url("detail", visit.pk)).content.decode()
    assert "Findings by key question" in page
    # Seeing is not recording.
    assert "Record the visit" not in page and "Change what happened" not in page
    assert client.get(url("record", visit.pk)).status_code == 403
    other = UserFactory(username="other-partner", role="partner")
    page = signed_in(client, other).get(url("detail", visit.pk)).content.decode()
    assert "Findings by key question" not in page


@pytest.mark.parametrize("who", ["provider_a", "provider_b"])
def test_provider_users_are_refused_every_visit_page(client, personas, visit, officer, who):
    user = personas[who]
    if who == "provider_a":  # even the provider of the service visited
        visit.service.provider = user.scope_provider
        visit.service.save()
    report = actions.draft_report(visit=carried_out(visit, officer), by=officer)
    client = signed_in(client, user)
    for address in (
        url("detail", visit.pk),
        url("record", visit.pk),
        url("findings", visit.pk, "safe"),
        url("judgements", visit.pk),
        url("report", report.pk),
        url("report-pdf", report.pk),
        url("move", visit.pk),
        url("programme", 2026),
    ):
        assert client.get(address).status_code == 403, address


def test_the_record_form_offers_other_officers_and_partners_only(client, visit, officer):
    helper = UserFactory(username="helper", role="qa_officer", first_name="Ola")
    User.objects.filter(role="partner").update(is_active=False)  # the personas' partner
    client = signed_in(client, officer)
    page = client.get(url("record", visit.pk)).content.decode()
    assert f'value="{helper.pk}"' in page and f'value="{officer.pk}"' not in page
    assert "Partners on the visit" not in page  # no partner has an account
    partner = UserFactory(username="nurse", role="partner", organisation="Black Country ICB")
    page = client.get(url("record", visit.pk)).content.decode()
    assert "Partners on the visit" in page and "Black Country ICB" in page
    assert f'value="{partner.pk}"' in page


def test_a_concern_a_draft_and_a_correction_land_in_the_services_trail(
    client, visit, officer, manager
):
    visit = judged(answered(carried_out(visit, officer), officer), officer)
    client = signed_in(client, officer)
    concern = {"concern": "A fire door wedged open.", "raised_with": "The deputy manager"}
    assert client.post(url("add-concern", visit.pk), concern).status_code == 302
    response = client.post(url("report-draft", visit.pk))
    report = visit.reports.get()
    assert response["Location"] == url("report", report.pk)
    assert events(visit, record_type="visits.immediateconcern").count() == 1
    assert events(visit, record_type="visits.report", action="created").count() == 1

    client = signed_in(client, manager)
    client.post(url("report-issue", report.pk))
    response = client.post(url("report-correct", report.pk), {"note": ""})
    assert "Say what the correction is for" in response.content.decode()
    response = client.post(url("report-correct", report.pk), {"note": "The wrong date"})
    assert response.status_code == 302
    correction = visit.reports.get(version=2)
    assert events(visit, record_type="visits.report", record_id=correction.pk).exists()
    assert not AuditEvent.objects.filter(service_id__isnull=True).exists()
