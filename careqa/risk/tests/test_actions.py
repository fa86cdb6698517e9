"""Writing risk records: audit in the same transaction, scores recomputed and their
history kept, weights audited, the programme's needs and the commands."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from careqa.audit.models import AuditEvent
from careqa.factories import ContractFactory, ServiceFactory
from careqa.risk import actions
from careqa.risk.models import RiskHistory, RiskWeight, SafeguardingEnquiry, ServiceRisk
from careqa.visits.planning_inputs import services_to_plan
from careqa.visits.rules.needs import visit_needs

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def _enquiry(service, by, kind="s42", **extra):
    fields = {
        "kind": kind,
        "reference": "SG-9",
        "risk_types": ["neglect", "physical"],
        "risk_source": "service_provider",
        "risk_location": "care_home_nursing",
        "opened_on": TODAY,
        "summary": "",
    } | extra
    return actions.record_enquiry(service=service, by=by, today=TODAY, **fields)


def test_an_enquiry_is_audited_and_raises_the_score(personas):
    service = ServiceFactory(rating="good", rating_published=TODAY)
    officer = personas["qa_officer"]
    actions.recompute(today=TODAY, service_ids=[service.pk])
    before = ServiceRisk.objects.get(service=service).score
    enquiry = _enquiry(service, officer)
    event = AuditEvent.objects.get(record_type="risk.safeguardingenquiry", record_id=enquiry.pk)
    assert event.service_id == service.pk and event.sensitive == {"*": "view_safeguarding"}
    risk = ServiceRisk.objects.get(service=service)
    assert risk.score == before + 10
    assert ["1 open safeguarding enquiry (section 42)", 10] in risk.reasons
    assert sum(points for _, points in risk.reasons) == risk.score
    assert RiskHistory.objects.filter(service=service).count() == 2


def test_a_care_concern_closes_only_with_the_lessons(personas):
    service = ServiceFactory()
    concern = _enquiry(service, personas["qa_officer"], kind="care_concern")
    with pytest.raises(ValidationError) as error:
        actions.close_enquiry(
            enquiry=concern,
            by=personas["qa_officer"],
            today=TODAY,
            closed_on=TODAY,
            outcome="reduced",
        )
    assert "lessons" in error.value.message_dict
    actions.close_enquiry(
        enquiry=concern,
        by=personas["qa_officer"],
        today=TODAY,
        closed_on=TODAY,
        outcome="reduced",
        lessons="Night staff now check call bells hourly",
    )
    concern.refresh_from_db()
    assert concern.outcome == "reduced" and concern.lessons


def test_bad_input_saves_nothing(personas):
    service = ServiceFactory()
    with pytest.raises(ValidationError) as error:
        _enquiry(service, personas["qa_officer"], risk_types=[])
    assert "risk_types" in error.value.message_dict
    with pytest.raises(ValidationError):
        _enquiry(service, personas["qa_officer"], opened_on=TODAY + datetime.timedelta(days=1))
    assert not SafeguardingEnquiry.objects.exists()
    assert not AuditEvent.objects.filter(record_type="risk.safeguardingenquiry").exists()


def test_an_unchanged_score_writes_no_history(personas):
    service = ServiceFactory(rating="inadequate", rating_published=TODAY)
    actions.recompute(today=TODAY)
    actions.recompute(today=TODAY)
    assert RiskHistory.objects.filter(service=service).count() == 1


def test_weights_changed_by_a_manager_are_audited_and_rescore(personas):
    service = ServiceFactory(rating="inadequate", rating_published=TODAY)
    actions.recompute(today=TODAY)
    actions.set_weights(by=personas["qa_manager"], today=TODAY, values={"rated_inadequate": 50})
    assert RiskWeight.objects.get(key="rated_inadequate").points == 50
    event = AuditEvent.objects.get(record_type="risk.riskweight")
    assert event.changes == {"points": [30, 50]} and event.note == "rated_inadequate"
    assert ["Rated Inadequate this month", 50] in ServiceRisk.objects.get(service=service).reasons
    with pytest.raises(ValidationError):
        actions.set_weights(by=personas["qa_manager"], today=TODAY, values={"high_from": 10})


def test_weights_page_for_a_manager(client, personas):
    client.force_login(personas["qa_manager"])
    response = client.post(reverse("risk:weights"), {"rated_inadequate": "x"})
    assert response.status_code == 200 and "Enter a whole number" in response.content.decode()
    assert not RiskWeight.objects.exists()


def test_a_plan_change_recomputes_after_commit(personas, django_capture_on_commit_callbacks):
    from careqa.plans import actions as plans

    service = ServiceFactory(rating="good", rating_published=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        plan = plans.open_plan(service=service, by=personas["qa_officer"], today=TODAY)
        plans.add_item(
            plan=plan,
            by=personas["qa_officer"],
            today=TODAY,
            area="safe",
            remedy="Fix the fire doors",
            priority="high",
            evidence_needed="",
            owner="",
            source="desktop_monitoring",
        )
    assert ServiceRisk.objects.filter(service=service).exists()


def test_the_programme_gives_a_very_risky_service_one_more_visit(personas):
    service = ServiceFactory(rating="inadequate", rating_published=TODAY)
    ContractFactory(service=service, status="suspended")
    for _ in range(3):
        _enquiry(service, personas["qa_officer"])
    assert ServiceRisk.objects.get(service=service).score >= 75
    planned = [s for s in services_to_plan(TODAY.year) if s.facts.service_id == service.pk][0]
    assert planned.facts.risk_score >= 75
    needs = visit_needs(planned.facts, year=TODAY.year)
    assert any("Risk score" in reason for need in needs for reason in need.reasons)


def test_who_to_visit_next_orders_our_services_by_score(client, personas):
    calm = ServiceFactory(name="Calm House", rating="good", rating_published=TODAY)
    risky = ServiceFactory(name="Risky House", rating="inadequate", rating_published=TODAY)
    ServiceFactory(name="Not Ours", rating="inadequate", rating_published=TODAY)
    ContractFactory(service=calm)
    ContractFactory(service=risky)
    actions.recompute(today=TODAY)
    client.force_login(personas["qa_officer"])
    text = client.get(reverse("risk:who-to-visit-next")).content.decode()
    assert text.index("Risky House") < text.index("Calm House")
    assert "Not Ours" not in text and "Rated Inadequate this month +30" in text


def test_the_risk_command_prints_reasons_as_words_and_points(personas):
    service = ServiceFactory(rating="inadequate", rating_published=TODAY, location_id="1-123")
    call_command("recompute_risk", stdout=io.StringIO())
    out = io.StringIO()
    call_command("risk", format="csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["service_id", "location_id", "service_name", "score", "band", "reasons"]
    row = next(r for r in rows[1:] if r[0] == str(service.pk))
    assert row[1] == "1-123" and row[5] == "Rated Inadequate this month:+30"
    assert int(row[3]) == 30 and row[4] == "medium"


def test_the_published_counts_suppress_1_to_4(client, personas):
    many, few = ServiceFactory(name="Many"), ServiceFactory(name="Few")
    for _ in range(5):
        _enquiry(many, personas["qa_officer"])
    _enquiry(few, personas["qa_officer"])
    client.force_login(personas["commissioner"])
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("risk:safeguarding-counts")).content.decode()))
    )
    by_name = {r[2]: r for r in rows[2:]}
    assert by_name["Many"][4] == "5" and by_name["Few"][4] == "*"
    assert by_name["Few"][5] == "0"


def test_the_service_page_shows_the_score_trend_and_enquiries(client, personas):
    service = ServiceFactory(rating="requires_improvement", rating_published=TODAY)
    actions.recompute(today=TODAY)
    _enquiry(service, personas["qa_officer"])
    client.force_login(personas["qa_officer"])
    text = client.get(reverse("providers:service-detail", args=[service.pk])).content.decode()
    assert "Risk score" in text and "Score history" in text and '<svg role="img"' in text
    assert "1 open safeguarding enquiry (section 42)" in text
    assert "neglect and acts of omission 1, physical 1" in text
    client.force_login(personas["commissioner"])
    text = client.get(reverse("providers:service-detail", args=[service.pk])).content.decode()
    assert "Score history" not in text and "Safeguarding enquiries" in text
