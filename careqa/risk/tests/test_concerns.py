"""Provider concerns written through their actions (audited in the same transaction, the
ladder's suspension with them or nothing), their pages for every role, and the compliance
status rebuilt from history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careqa.audit.models import AuditEvent
from careqa.escalation.models import Step
from careqa.factories import ContractFactory, PublishedRatingFactory, ServiceFactory
from careqa.providers.models import Contract
from careqa.risk import actions, compliance
from careqa.risk.models import ProviderConcern, ServiceRisk
from careqa.risk.rules.compliance import AMBER, GREEN, RED

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)  # a Friday
SUSPEND = {
    "review_on": TODAY + datetime.timedelta(days=28),
    "placements": "all",
    "placements_detail": "",
    "conditions": ["A new registered manager in post"],
}


def _open(personas, **extra):
    fields = {
        "by": personas["qa_manager"],
        "today": TODAY,
        "triggers": ["several_enquiries", "regulator_report"],
        "decision": "A whole-service enquiry: three s42 enquiries and a poor report",
        "decided_by": "Sam Jones, Director of Adult Social Services",
        "lead_officer": personas["qa_officer"],
    } | extra
    return actions.open_provider_concern(**fields)


def test_opening_is_audited_due_in_five_working_days_and_scored(personas):
    service = ServiceFactory()
    concern = _open(personas, service=service)
    assert concern.strategy_meeting_due == datetime.date(2026, 11, 27)
    event = AuditEvent.objects.get(record_type="risk.providerconcern", record_id=concern.pk)
    assert event.service_id == service.pk
    assert event.sensitive == {"*": "view_provider_concern_details"}
    assert ["Open provider concern", 25] in ServiceRisk.objects.get(service=service).reasons


def test_the_setting_changes_the_due_day(personas, settings):
    settings.CAREQA_STRATEGY_MEETING_WORKING_DAYS = 7
    concern = _open(personas, service=ServiceFactory())
    assert concern.strategy_meeting_due == datetime.date(2026, 12, 1)


def test_opening_can_suspend_new_placements_in_the_same_transaction(personas):
    service = ServiceFactory()
    ContractFactory(service=service)
    concern = _open(personas, service=service, suspension=SUSPEND)
    step = concern.suspensions.get().step
    assert step.kind == "suspension" and step.status == "current"
    assert Contract.objects.get(service=service).status == "suspended"


def test_a_provider_concern_suspends_each_commissioned_service(personas):
    first = ServiceFactory()
    second = ServiceFactory(provider=first.provider)
    ServiceFactory(provider=first.provider)  # not ours: no contract, not suspended
    ContractFactory(service=first)
    ContractFactory(service=second)
    third = ServiceFactory(provider=first.provider)
    ContractFactory(service=third)
    _open(personas, service=third, suspension=SUSPEND)  # already suspended: kept as it is
    concern = _open(personas, provider=first.provider, suspension=SUSPEND)
    assert {link.step.service_id for link in concern.suspensions.all()} == {first.pk, second.pk}
    assert len(actions.concern_services(concern)) == 4


def test_when_the_ladder_refuses_nothing_is_saved(personas):
    service = ServiceFactory()  # no contract: the ladder cannot suspend
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        _open(personas, service=service, suspension=SUSPEND)
    assert "We hold no live contract" in str(error.value)
    assert not ProviderConcern.objects.exists() and not Step.objects.exists()
    assert AuditEvent.objects.count() == before


def test_opening_needs_its_fields(personas):
    with pytest.raises(ValidationError) as error:
        _open(personas, service=ServiceFactory(), triggers=[], decision=" ", decided_by="")
    assert set(error.value.message_dict) == {"triggers", "decision", "decided_by"}


def test_meeting_plan_close_in_order_and_closed_is_final(personas):
    manager = personas["qa_manager"]
    concern = _open(personas, service=ServiceFactory())
    with pytest.raises(ValidationError, match="Record the strategy meeting"):
        actions.close_provider_concern(
            concern=concern, by=manager, today=TODAY, closed_on=TODAY, findings="Done"
        )
    with pytest.raises(ValidationError) as error:
        actions.record_strategy_meeting(
            concern=concern, by=manager, today=TODAY, held_on=TODAY, attendees=[("Jo", "", "")]
        )
    assert "attendees" in error.value.message_dict
    actions.record_strategy_meeting(
        concern=concern,
        by=manager,
        today=TODAY,
        held_on=TODAY,
        attendees=[("Jo Bloggs", "Quality nurse", "NHS Cheshire and Merseyside ICB")],
    )
    actions.update_concern_plan(
        concern=concern, by=manager, plan="Weekly visits", commissioning_intentions="No new"
    )
    closed = actions.close_provider_concern(
        concern=concern, by=manager, today=TODAY, closed_on=TODAY, findings="Risks reduced"
    )
    assert closed.status == "closed"
    assert AuditEvent.objects.filter(record_type="risk.providerconcern").count() == 4
    with pytest.raises(ValidationError, match="closed"):
        actions.update_concern_plan(
            concern=concern, by=manager, plan="Again", commissioning_intentions=""
        )
    assert "Open provider concern" not in str(
        ServiceRisk.objects.get(service=concern.service).reasons
    )


def test_the_compliance_status_is_rebuilt_month_by_month(personas):
    service = ServiceFactory(rating="good", rating_published=datetime.date(2026, 6, 1))
    ContractFactory(service=service, start_date=datetime.date(2024, 1, 1))
    PublishedRatingFactory(
        service=service, rated_on=datetime.date(2025, 1, 10), overall="requires_improvement"
    )
    PublishedRatingFactory(service=service, rated_on=datetime.date(2026, 6, 1), overall="good")
    _open(personas, service=service, opened_on=datetime.date(2026, 11, 2))
    on = compliance.compliance_on(
        [datetime.date(2024, 6, 30), datetime.date(2025, 6, 30), datetime.date(2026, 7, 31), TODAY],
        today=TODAY,
    )
    statuses = [on[day][service.pk].status for day in sorted(on)]
    assert statuses == [AMBER, AMBER, GREEN, RED]
    assert compliance.status_of(service, today=TODAY).reasons == ("Open provider concern",)
    figures = compliance.trend(today=TODAY)
    assert len(figures["dates"]) == 36 and figures["dates"][-1] == TODAY
    assert figures["counts"][""][-1].red == 1
    assert figures["counts"]["residential"][-2].green == 1


def _client_as(client, personas, who):
    client.force_login(personas[who])
    return client


@pytest.mark.parametrize(
    "who, sees_page, sees_details, may_open",
    [
        ("qa_officer", True, True, False),
        ("qa_manager", True, True, True),
        ("commissioner", True, False, False),
        ("partner", False, False, False),
        ("administrator", False, False, False),
    ],
)
def test_who_sees_and_changes_a_concern(client, personas, who, sees_page, sees_details, may_open):
    service = ServiceFactory()
    ContractFactory(service=service)
    concern = _open(personas, service=service)
    _client_as(client, personas, who)
    page = client.get(reverse("risk:concern", args=[concern.pk]))
    assert page.status_code == (200 if sees_page else 403)
    if sees_page:
        assert ("three s42 enquiries" in page.text) == sees_details
    service_page = client.get(reverse("providers:service-detail", args=[service.pk])).text
    assert ("Provider concerns" in service_page) == sees_page
    assert ("Open a provider concern" in service_page) == may_open
    assert ("Provider concern opened" in service_page) == sees_page  # the timeline
    response = client.post(
        reverse("risk:concern-plan", args=[concern.pk]),
        {"plan": "Changed", "commissioning_intentions": ""},
    )
    assert response.status_code == (302 if may_open else 403)
    assert (ProviderConcern.objects.get().plan == "Changed") == may_open
    dashboard = client.get(reverse("risk:compliance"))
    assert dashboard.status_code == (
        200 if who in ("qa_officer", "qa_manager", "commissioner") else 403
    )


def test_a_manager_opens_one_through_the_form_and_sees_the_ladders_message(client, personas):
    service = ServiceFactory()  # no contract
    _client_as(client, personas, "qa_manager")
    url = reverse("risk:concern-open") + f"?service={service.pk}"
    form = {
        "triggers": ["serious_incident"],
        "decision": "One serious incident",
        "decided_by": "Head of commissioning",
        "lead_officer": personas["qa_officer"].pk,
        "opened_on_day": "20",
        "opened_on_month": "11",
        "opened_on_year": "2026",
        "suspend": "on",
        "review_on_day": "1",
        "review_on_month": "1",
        "review_on_year": "2030",
        "placements": "all",
        "conditions": "A new manager",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200, refused.context["form"].errors
    assert "We hold no live contract" in refused.text, refused.context["form"].errors
    assert not ProviderConcern.objects.exists()
    del form["suspend"]
    opened = client.post(url, form)
    concern = ProviderConcern.objects.get()
    assert opened.status_code == 302 and opened["Location"] == reverse(
        "risk:concern", args=[concern.pk]
    )


def test_the_services_behind_a_count(client, personas):
    service = ServiceFactory(name="Elm Court", rating="inadequate")
    ContractFactory(service=service)
    _client_as(client, personas, "commissioner")
    page = client.get(reverse("risk:compliance-services") + "?status=red")
    assert page.status_code == 200 and "Elm Court" in page.text
    assert "Rated Inadequate by the regulator" in page.text
    assert "Elm Court" not in client.get(reverse("risk:compliance-services") + "?status=green").text
    assert client.get(reverse("risk:compliance-services") + "?on=2001-01-01").status_code == 404


def test_a_whole_provider_concern_shows_on_each_of_its_services(client, personas):
    first = ServiceFactory(name="Oak View")
    second = ServiceFactory(name="Ash Lodge", provider=first.provider)
    ContractFactory(service=second)
    concern = _open(personas, provider=first.provider)
    _client_as(client, personas, "qa_officer")
    page = client.get(reverse("risk:concern", args=[concern.pk])).text
    assert "Oak View" in page and "Ash Lodge" in page
    for service in (first, second):
        text = client.get(reverse("providers:service-detail", args=[service.pk])).text
        assert "every service" in text
    assert ["Open provider concern", 25] in ServiceRisk.objects.get(service=second).reasons
    listed = client.get(reverse("risk:concerns")).text
    assert f"{first.provider.name} (every service)" in listed
    dashboard = client.get(reverse("risk:compliance") + "?type=residential")
    assert dashboard.status_code == 200
    assert "0.0% of our residential home services are green today: 0 of 1." in dashboard.text
