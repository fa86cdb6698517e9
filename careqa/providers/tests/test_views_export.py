"""The register's CSV export: who may, and what it holds."""

import csv
import datetime
import io

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from careqa.factories import ContractFactory, ProviderFactory, ServiceFactory
from careqa.providers.vocab import Rating

pytestmark = pytest.mark.django_db

EXPORT = reverse("providers:service-export")


def rows_of(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # so that Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("partner", 403),
        ("commissioner", 200),
        ("qa_officer", 200),
        ("qa_manager", 200),
        ("administrator", 200),
    ],
)
def test_export_needs_the_export_permission(client, personas, role, status):
    ServiceFactory()
    client.force_login(personas[role])
    assert client.get(EXPORT).status_code == status


def test_anonymous_export_goes_to_sign_in(client):
    response = client.get(EXPORT)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_export_columns_and_values(client, personas, our_council):
    provider = ProviderFactory(name="Acorn Care Ltd", provider_id="1-101")
    service = ServiceFactory(
        name="Alder House",
        location_id="1-555",
        provider=provider,
        street_address="1 High Street",
        city="Birkenhead",
        postcode="CH41 1AA",
        council=our_council,
        service_types=" residential nursing ",
        beds=42,
        rating=Rating.REQUIRES_IMPROVEMENT,
        rating_published=datetime.date(2023, 6, 1),
    )
    ContractFactory(service=service)
    client.force_login(personas["commissioner"])
    response = client.get(EXPORT)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="careqa-services-')
    [row] = rows_of(response)
    assert row == {
        "Location ID": "1-555",
        "Name": "Alder House",
        "Our name for it": "",
        "Regulator": "CQC",
        "Provider ID": "1-101",
        "Provider": "Acorn Care Ltd",
        "Address": "1 High Street, Birkenhead",
        "Postcode": "CH41 1AA",
        "Council": "Wirral",
        "Region": "North West",
        "Service types": "Residential home; Nursing home",
        "Care home": "Yes",
        "Beds": "42",
        "Places": "",
        "Sector": "Private",
        "Rating": "Requires improvement",
        "Rating date": "2023-06-01",
        "Active": "Yes",
        "Commissioned": "Yes",
        "Contract status": "Active",
        "Notes": "",
        "CareQA link": f"http://testserver/services/{service.pk}/",
    }


def test_export_follows_the_filters_and_sort_and_ignores_the_page(client, personas, our_council):
    ServiceFactory(name="B local RI", council=our_council, rating=Rating.REQUIRES_IMPROVEMENT)
    ServiceFactory(name="A local RI", council=our_council, rating=Rating.REQUIRES_IMPROVEMENT)
    ServiceFactory(name="Local good", council=our_council, rating=Rating.GOOD)
    ServiceFactory(name="Far RI", rating=Rating.REQUIRES_IMPROVEMENT)
    ServiceFactory(name="Never", council=our_council, rating=None, rating_published=None)
    client.force_login(personas["qa_officer"])
    query = {"our_area": "on", "rating": ["requires_improvement", "nyi"], "sort": "-name"}
    rows = rows_of(client.get(EXPORT, {**query, "page": "7"}))
    assert [r["Name"] for r in rows] == ["Never", "B local RI", "A local RI"]
    assert rows[0]["Rating"] == "Not yet inspected"


def test_export_has_every_matching_row_not_one_page(client, personas):
    for n in range(130):
        ServiceFactory(name=f"Home {n:03d}", provider=None, council=None)
    client.force_login(personas["qa_officer"])
    assert len(rows_of(client.get(EXPORT))) == 130


def test_export_for_a_provider_portal_user_is_scoped(client, make_user):
    mine = ProviderFactory()
    ServiceFactory(name="Ours", provider=mine)
    ServiceFactory(name="Theirs")
    client.force_login(make_user("commissioner", username="portal", scope_provider=mine))
    assert [r["Name"] for r in rows_of(client.get(EXPORT))] == ["Ours"]


def test_export_defuses_spreadsheet_formulas(client, personas):
    ServiceFactory(name='=HYPERLINK("http://example.org")', provider=ProviderFactory(name="+Evil"))
    client.force_login(personas["qa_officer"])
    [row] = rows_of(client.get(EXPORT))
    assert row["Name"].startswith("'=")
    assert row["Provider"] == "'+Evil"


def test_export_queries_do_not_grow_with_rows(client, personas, django_assert_max_num_queries):
    for _ in range(40):
        ContractFactory(service=ServiceFactory())
    client.force_login(personas["qa_officer"])
    # Session, user, the rows, and the security log's record of the download.
    with django_assert_max_num_queries(6):
        assert len(rows_of(client.get(EXPORT))) == 40
