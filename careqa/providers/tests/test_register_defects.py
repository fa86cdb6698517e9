"""Defects found trying the register as each role: contract facts, contract status,
names Ofsted withholds, beds and places. Each failed on the code before its fix."""

import csv
import io

import pytest
from django.urls import reverse

from careqa.accounts.permissions import Permission
from careqa.accounts.roles import PERMISSIONS, Role
from careqa.audit.models import AuditEvent
from careqa.factories import ContractFactory, ProviderFactory, ServiceFactory
from careqa.providers.vocab import ContractStatus, Rating, Regulator

pytestmark = pytest.mark.django_db

LIST = reverse("providers:service-list")
EXPORT = reverse("providers:service-export")


def detail(service):
    return reverse("providers:service-detail", args=[service.pk])


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def commissioned():
    home = ServiceFactory(name="Alder House")
    ContractFactory(service=home)
    ServiceFactory(name="Beech House")
    return home


def test_a_partner_cannot_filter_by_or_see_what_we_commission(client, personas, commissioned):
    client.force_login(personas["partner"])
    response = client.get(LIST, {"commissioned": "on"})
    html = response.content.decode()
    # The filter is not offered, and asking for it anyway narrows nothing.
    assert "Only services we commission" not in html
    assert [row["service"].name for row in response.context["rows"]] == [
        "Alder House",
        "Beech House",
    ]
    assert "Commissioned" not in html
    assert "Commissioned" not in client.get(detail(commissioned)).content.decode()


def test_a_role_that_exports_but_may_not_see_contracts_gets_no_contract_columns(
    client, personas, commissioned, monkeypatch
):
    partner_rights = PERMISSIONS[Role.PARTNER] | {Permission.EXPORT_REGISTER}
    monkeypatch.setitem(PERMISSIONS, Role.PARTNER, partner_rights)
    client.force_login(personas["partner"])
    rows = csv_rows(client.get(EXPORT, {"commissioned": "on"}))
    assert len(rows) == 2
    assert "Commissioned" not in rows[0] and "Contract status" not in rows[0]


def test_a_commissioner_filters_and_sees_the_contract_s_status(client, personas):
    suspended = ServiceFactory(name="Cedar Court")
    ContractFactory(service=suspended, status=ContractStatus.SUSPENDED)
    defaulted = ServiceFactory(name="Damson Lodge")
    ContractFactory(service=defaulted, status=ContractStatus.IN_DEFAULT)
    ContractFactory(service=defaulted, status=ContractStatus.ACTIVE)
    ServiceFactory(name="Elm View")
    client.force_login(personas["commissioner"])
    response = client.get(LIST, {"commissioned": "on"})
    html = response.content.decode()
    assert [row["service"].name for row in response.context["rows"]] == [
        "Cedar Court",
        "Damson Lodge",
    ]
    assert "Contract suspended" in html
    assert "Contract in default" in html
    assert ">Commissioned<" not in html  # a suspended contract never reads as plain
    rows = {r["Name"]: r for r in csv_rows(client.get(EXPORT))}
    assert rows["Cedar Court"]["Contract status"] == "Suspended"
    assert rows["Damson Lodge"]["Contract status"] == "In default"
    assert (rows["Elm View"]["Commissioned"], rows["Elm View"]["Contract status"]) == ("No", "")


def test_an_inadequate_service_under_an_active_contract_carries_a_warning(client, personas):
    home = ServiceFactory(name="Fir Tree House", rating=Rating.INADEQUATE)
    ContractFactory(service=home)
    client.force_login(personas["commissioner"])
    page = client.get(detail(home)).content.decode()
    assert "govuk-warning-text" in page
    assert "speak to the quality assurance team before placing anyone here" in page
    assert "Check before placing" in client.get(LIST).content.decode()
    # A good service under an active contract needs no warning.
    home.rating = Rating.GOOD
    home.save()
    assert "govuk-warning-text" not in client.get(detail(home)).content.decode()


@pytest.fixture
def withheld():
    """A children's home as Ofsted lists it: name and address REDACTED (kept as the URN)."""
    return ServiceFactory(
        regulator=Regulator.OFSTED,
        location_id="2611447",
        name="2611447",
        provider=ProviderFactory(
            regulator=Regulator.OFSTED,
            provider_id="ofsted-org:buckinghamshire council",
            name="Buckinghamshire Council",
        ),
        postcode="",
        service_types=" childrens_home ",
        care_home=False,
        beds=None,
        places=5,
    )


def test_a_name_ofsted_withholds_says_so_with_urn_provider_and_council(client, personas, withheld):
    client.force_login(personas["qa_officer"])
    html = client.get(LIST).content.decode()
    assert "Name withheld by Ofsted" in html
    assert "URN 2611447, Buckinghamshire Council" in html
    assert withheld.council.name in html
    page = client.get(detail(withheld)).content.decode()
    assert '<h1 class="govuk-heading-l">Name withheld by Ofsted' in page
    assert "Ofsted URN 2611447" in page
    provider_page = client.get(reverse("providers:provider-detail", args=[withheld.provider_id]))
    assert "ofsted-org:" not in provider_page.content.decode()
    assert "Ofsted publishes no provider ID" in provider_page.content.decode()


def test_places_show_in_the_list_for_ofsted_services(client, personas, withheld):
    client.force_login(personas["qa_officer"])
    response = client.get(LIST)
    [row] = response.context["rows"]
    assert row["capacity"] == "5"
    assert "Beds or places" in response.content.decode()


def test_the_team_gives_a_service_its_own_name_beside_the_regulator_s(client, personas, withheld):
    url = reverse("providers:service-local-name", args=[withheld.pk])
    client.force_login(personas["partner"])
    assert client.get(url).status_code == 403
    client.force_login(personas["qa_officer"])
    too_long = client.post(url, {"local_name": "x" * 201})
    assert too_long.status_code == 200
    assert "Our name must be 200 characters or fewer" in too_long.content.decode()
    assert client.post(url, {"local_name": "  Oak   View "}).status_code == 302
    withheld.refresh_from_db()
    assert withheld.local_name == "Oak View"
    assert withheld.name == "2611447"  # the regulator's stays as it was
    page = client.get(detail(withheld)).content.decode()
    assert "Name withheld by Ofsted" in page and "Our name: Oak View" in page
    assert client.get(LIST, {"q": "oak view"}).context["rows"][0]["service"] == withheld
    event = AuditEvent.objects.get(record_type="providers.service", record_id=withheld.pk)
    assert event.changes == {"local_name": ["", "Oak View"]}
    assert (event.service_id, event.actor_id) == (withheld.pk, personas["qa_officer"].pk)
