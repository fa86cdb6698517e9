import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from careqa.audit.models import AuditEvent
from careqa.audit.queries import events_for
from careqa.factories import ContractFactory, ServiceFactory
from careqa.providers.actions import create_contract, set_contract_status, update_contract
from careqa.providers.contract_forms import ContractForm
from careqa.providers.models import Contract
from careqa.providers.vocab import ContractStatus

pytestmark = pytest.mark.django_db

FIELDS = dict(
    framework="Care Homes Framework 2024",
    reference="CH-0042",
    start_date=datetime.date(2024, 4, 1),
    end_date=datetime.date(2027, 3, 31),
    status=ContractStatus.ACTIVE,
    funded_placements=12,
    notes="Block contract",
)


def form_data(**overrides):
    data = {
        "framework": "Care Homes Framework 2024",
        "reference": "CH-0042",
        "start_date_day": "1",
        "start_date_month": "4",
        "start_date_year": "2024",
        "end_date_day": "31",
        "end_date_month": "3",
        "end_date_year": "2027",
        "status": "active",
        "funded_placements": "12",
        "notes": "",
    }
    data.update(overrides)
    return data


# ---- Actions -----------------------------------------------------------------------


def test_create_contract_writes_the_contract_and_an_audit_event_with_every_field(personas):
    service = ServiceFactory(name="Rose House")
    manager = personas["qa_manager"]

    contract = create_contract(service=service, by=manager, **FIELDS)

    contract.refresh_from_db()
    assert contract.service == service
    assert contract.funded_placements == 12
    (event,) = events_for(contract)
    assert event.action == AuditEvent.Action.CREATED
    assert event.actor_id == manager.pk
    assert event.actor_name == manager.get_full_name()
    assert event.changes == {
        "service": [None, "Rose House"],
        "framework": [None, "Care Homes Framework 2024"],
        "reference": [None, "CH-0042"],
        "start_date": [None, "2024-04-01"],
        "end_date": [None, "2027-03-31"],
        "status": [None, "active"],
        "funded_placements": [None, 12],
        "notes": [None, "Block contract"],
    }


def test_update_contract_records_only_what_changed(personas):
    contract = ContractFactory(status=ContractStatus.ACTIVE, funded_placements=5)
    officer = personas["administrator"]

    update_contract(
        contract=contract,
        by=officer,
        framework=contract.framework,
        status=ContractStatus.TERMINATED,
        funded_placements=5,
    )

    contract.refresh_from_db()
    assert contract.status == ContractStatus.TERMINATED
    (event,) = events_for(contract)
    assert event.action == AuditEvent.Action.CHANGED
    assert event.actor_id == officer.pk
    assert event.changes == {"status": ["active", "terminated"]}


def test_terminating_keeps_the_contract(personas):
    contract = ContractFactory()
    update_contract(contract=contract, by=personas["qa_manager"], status="terminated")
    assert Contract.objects.get(pk=contract.pk).status == ContractStatus.TERMINATED


def test_an_unchanged_update_writes_nothing(personas):
    contract = ContractFactory()
    update_contract(contract=contract, by=personas["qa_manager"], framework=contract.framework)
    assert not events_for(contract).exists()


def test_end_before_start_is_refused_and_nothing_is_written(personas):
    service = ServiceFactory()
    with pytest.raises(ValidationError) as raised:
        create_contract(
            service=service,
            by=personas["qa_manager"],
            **{**FIELDS, "end_date": datetime.date(2024, 3, 31)},
        )
    assert "end_date" in raised.value.message_dict
    assert not Contract.objects.exists()
    assert not AuditEvent.objects.exists()


def test_invalid_status_is_refused(personas):
    contract = ContractFactory()
    with pytest.raises(ValidationError):
        update_contract(contract=contract, by=personas["qa_manager"], status="closed")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    assert not events_for(contract).exists()


def test_unknown_fields_are_a_programming_error(personas):
    with pytest.raises(TypeError):
        create_contract(service=ServiceFactory(), by=personas["qa_manager"], colour="red")


def test_the_audit_event_is_in_the_same_transaction(personas):
    # Rolling back the caller's transaction takes the contract and its event with it.
    service = ServiceFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        create_contract(service=service, by=personas["qa_manager"], **FIELDS)
        assert AuditEvent.objects.count() == 1
        raise RuntimeError
    assert not Contract.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_failed_audit_write_rolls_back_the_contract(personas, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit table unavailable")

    monkeypatch.setattr("careqa.providers.actions.record_event", broken)
    contract = ContractFactory(status=ContractStatus.ACTIVE)
    with pytest.raises(RuntimeError):
        update_contract(contract=contract, by=personas["qa_manager"], status="terminated")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE


# ---- Form --------------------------------------------------------------------------


def test_form_reads_the_gov_uk_date_input():
    form = ContractForm(form_data())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_date"] == datetime.date(2024, 4, 1)
    assert form.cleaned_data["funded_placements"] == 12


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"start_date_day": "", "start_date_month": "", "start_date_year": ""},
            "start_date",
            "Enter the start date",
        ),
        ({"start_date_month": ""}, "start_date", "Start date must include a month"),
        (
            {"start_date_day": "31", "start_date_month": "2"},
            "start_date",
            "Start date must be a real date",
        ),
        ({"start_date_year": "24"}, "start_date", "Year must include 4 numbers"),
        (
            {"end_date_year": "2023"},
            "end_date",
            "End date must be the same as or after the start date",
        ),
        ({"status": ""}, "status", "Select the contract's status"),
        (
            {"funded_placements": "ten"},
            "funded_placements",
            "Funded placements must be a whole number, like 12",
        ),
        ({"funded_placements": "-1"}, "funded_placements", "Funded placements must be 0 or more"),
        ({"framework": "  "}, "framework", "Enter the framework or contract name"),
    ],
)
def test_form_errors(overrides, field, message):
    form = ContractForm(form_data(**overrides))
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_end_date_is_optional():
    form = ContractForm(form_data(end_date_day="", end_date_month="", end_date_year=""))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["end_date"] is None


# ---- Views -------------------------------------------------------------------------

ALL_ROLES = ["qa_officer", "qa_manager", "commissioner", "partner", "administrator"]
MANAGERS = {"qa_manager", "administrator"}
VIEWERS = {"qa_officer", "qa_manager", "commissioner", "administrator"}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_view_a_contract(client, personas, role):
    contract = ContractFactory(framework="Home Care Framework")
    client.force_login(personas[role])
    response = client.get(reverse("contracts:detail", args=[contract.pk]))
    if role in VIEWERS:
        assert response.status_code == 200
        assert "Home Care Framework" in response.text
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_add_a_contract(client, personas, role):
    service = ServiceFactory()
    client.force_login(personas[role])
    url = reverse("contracts:create") + f"?service={service.pk}"
    assert client.get(url).status_code == (200 if role in MANAGERS else 403)
    response = client.post(url, form_data())
    if role in MANAGERS:
        contract = Contract.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("contracts:detail", args=[contract.pk])
        assert events_for(contract).get().actor_id == personas[role].pk
    else:
        assert response.status_code == 403
        assert not Contract.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_change_a_contract(client, personas, role):
    contract = ContractFactory(status=ContractStatus.ACTIVE)
    client.force_login(personas[role])
    url = reverse("contracts:edit", args=[contract.pk])
    assert client.get(url).status_code == (200 if role in MANAGERS else 403)
    response = client.post(url, form_data(status="terminated"))
    contract.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code == 302
        assert contract.status == ContractStatus.TERMINATED
    else:
        assert response.status_code == 403
        assert contract.status == ContractStatus.ACTIVE


@pytest.mark.parametrize(
    "url",
    [
        lambda c: reverse("contracts:detail", args=[c.pk]),
        lambda c: reverse("contracts:edit", args=[c.pk]),
        lambda c: reverse("contracts:create") + f"?service={c.service_id}",
    ],
)
def test_anonymous_people_are_sent_to_sign_in(client, url):
    response = client.get(url(ContractFactory()))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_add_form_shows_gov_uk_inputs(client, personas):
    service = ServiceFactory(name="Rose House")
    client.force_login(personas["qa_manager"])
    html = client.get(reverse("contracts:create") + f"?service={service.pk}").text
    assert "Rose House" in html
    assert 'class="govuk-date-input"' in html
    assert 'name="start_date_day"' in html
    assert 'id="id_status"' in html and 'value="active" checked' in html
    assert 'id="id_funded_placements"' in html and 'inputmode="numeric"' in html


def test_errors_re_display_with_a_summary_linking_to_each_field(client, personas):
    service = ServiceFactory()
    client.force_login(personas["qa_manager"])
    url = reverse("contracts:create") + f"?service={service.pk}"
    response = client.post(
        url,
        form_data(framework="", start_date_month="", end_date_year="2020", status=""),
    )
    assert response.status_code == 200
    html = response.text
    assert "<title>Error:" in html
    assert "govuk-error-summary" in html
    assert '<a href="#id_framework">Enter the framework or contract name</a>' in html
    assert '<a href="#id_start_date_day">Start date must include a month</a>' in html
    assert '<a href="#id_status">Select the contract&#x27;s status</a>' in html
    # What was typed is kept.
    assert 'name="end_date_year" type="text" inputmode="numeric" value="2020"' in html
    assert not Contract.objects.exists()


def test_end_before_start_is_shown_on_the_end_date(client, personas):
    contract = ContractFactory()
    client.force_login(personas["qa_manager"])
    response = client.post(
        reverse("contracts:edit", args=[contract.pk]), form_data(end_date_year="2020")
    )
    assert response.status_code == 200
    assert (
        '<a href="#id_end_date_day">End date must be the same as or after the start date</a>'
        in (response.text)
    )
    assert not events_for(contract).exists()


def test_the_edit_form_starts_from_the_contract(client, personas):
    contract = ContractFactory(
        framework="Supported Living",
        start_date=datetime.date(2023, 7, 9),
        status=ContractStatus.TERMINATED,
    )
    client.force_login(personas["administrator"])
    html = client.get(reverse("contracts:edit", args=[contract.pk])).text
    assert 'value="Supported Living"' in html
    assert 'name="start_date_day" type="text" inputmode="numeric" value="9"' in html
    assert 'value="terminated" checked' in html


def test_adding_needs_an_existing_service(client, personas):
    client.force_login(personas["qa_manager"])
    assert client.get(reverse("contracts:create")).status_code == 404
    assert client.get(reverse("contracts:create") + "?service=abc").status_code == 404
    assert client.get(reverse("contracts:create") + "?service=999999").status_code == 404


def test_detail_shows_history_to_staff_but_not_to_commissioners(client, personas):
    contract = create_contract(service=ServiceFactory(), by=personas["qa_manager"], **FIELDS)
    set_contract_status(contract=contract, by=personas["qa_manager"], status="suspended")
    manager_name = personas["qa_manager"].get_full_name()

    client.force_login(personas["qa_officer"])
    html = client.get(reverse("contracts:detail", args=[contract.pk])).text
    assert "Contract history" in html
    assert f"{manager_name} changed the status from Active to Suspended" in html
    assert f"{manager_name} created this contract" in html
    assert reverse("contracts:edit", args=[contract.pk]) not in html

    client.force_login(personas["commissioner"])
    html = client.get(reverse("contracts:detail", args=[contract.pk])).text
    assert "Contract history" not in html


def test_a_provider_scoped_user_cannot_see_another_providers_contract(client, make_user):
    from careqa.accounts.roles import Role
    from careqa.factories import ProviderFactory

    outsider = make_user(Role.QA_MANAGER, scope_provider=ProviderFactory())
    contract = ContractFactory()
    client.force_login(outsider)
    assert client.get(reverse("contracts:detail", args=[contract.pk])).status_code == 403
    assert client.get(reverse("contracts:edit", args=[contract.pk])).status_code == 403


def test_there_is_no_way_to_delete_a_contract(client, personas):
    contract = ContractFactory()
    client.force_login(personas["administrator"])
    response = client.delete(reverse("contracts:detail", args=[contract.pk]))
    assert Contract.objects.filter(pk=contract.pk).exists()
    assert response.status_code in (200, 405)


def test_a_rule_only_the_action_enforces_is_shown_on_the_form(client, personas, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError({"reference": ["Contract reference is already in use"]})

    monkeypatch.setattr("careqa.providers.views.contracts.create_contract", refuse)
    service = ServiceFactory()
    client.force_login(personas["qa_manager"])
    response = client.post(reverse("contracts:create") + f"?service={service.pk}", form_data())
    assert response.status_code == 200
    assert '<a href="#id_reference">Contract reference is already in use</a>' in response.text


# ---- The ladder holds suspended and in default ---------------------------------------------


@pytest.mark.parametrize("status", ["suspended", "in_default"])
def test_the_contract_form_cannot_suspend_or_default_a_contract(personas, status):
    contract = ContractFactory(status=ContractStatus.ACTIVE)
    with pytest.raises(ValidationError) as refused:
        update_contract(contract=contract, by=personas["qa_manager"], status=status)
    assert "escalation ladder" in refused.value.message_dict["status"][0]
    with pytest.raises(ValidationError):
        create_contract(
            service=ServiceFactory(), by=personas["qa_manager"], **FIELDS | {"status": status}
        )
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    assert not events_for(contract).exists()


@pytest.mark.parametrize("to", ["active", "terminated"])
def test_nor_clear_a_suspension_the_ladder_set(personas, to):
    contract = ContractFactory(status=ContractStatus.ACTIVE)
    set_contract_status(contract=contract, by=personas["qa_manager"], status="suspended")
    with pytest.raises(ValidationError):
        update_contract(contract=contract, by=personas["qa_manager"], status=to)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SUSPENDED


def test_a_suspended_contracts_form_offers_no_status_and_keeps_it(client, personas):
    contract = ContractFactory(status=ContractStatus.ACTIVE, funded_placements=3)
    set_contract_status(contract=contract, by=personas["qa_manager"], status="suspended")
    client.force_login(personas["qa_manager"])
    url = reverse("contracts:edit", args=[contract.pk])
    html = client.get(url).text
    assert 'name="status"' not in html
    assert "Status: Suspended." in html and "escalation ladder" in html
    # A forged status in the post is ignored: the form has no such field.
    response = client.post(url, form_data(status="active", funded_placements="7"))
    assert response.status_code == 302
    contract.refresh_from_db()
    assert (contract.status, contract.funded_placements) == (ContractStatus.SUSPENDED, 7)


def test_the_add_form_offers_only_active_and_ended(client, personas):
    client.force_login(personas["qa_manager"])
    html = client.get(reverse("contracts:create") + f"?service={ServiceFactory().pk}").text
    assert 'value="active"' in html and 'value="terminated"' in html
    assert 'value="suspended"' not in html and 'value="in_default"' not in html
