"""The market insight pages: who may see them, every count leads to its services, downloads."""

import csv
import io
import re
from html import unescape

import pytest
from openpyxl import load_workbook

from careqa.accounts.roles import STAFF_ROLES
from careqa.insights.tests.insight_data import build_register

pytestmark = pytest.mark.django_db

COUNT_LINK = re.compile(r'<a class="govuk-link" href="([^"]+)" data-count="(\d+)">')
SERVICE_ID = re.compile(r'data-service-id="(\d+)"')


@pytest.fixture
def register(db):
    return build_register()


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("role", [r.value for r in STAFF_ROLES])
@pytest.mark.parametrize("page", ["", "comparator/", "beds/", "change/", "groups/"])
def test_every_role_that_views_the_register_sees_the_figures(
    client, personas, register, role, page
):
    response = _get(client, personas[role], f"/insights/{page}")
    assert response.status_code == 200


def test_signed_out_people_are_sent_to_sign_in(client, register):
    response = client.get("/insights/")
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]


def _counts(html):
    return [(unescape(href), int(count)) for href, count in COUNT_LINK.findall(html)]


def _services_behind(client, href):
    ids = []
    page = 1
    while True:
        response = client.get(href + f"&page={page}")
        assert response.status_code == 200
        found = SERVICE_ID.findall(response.content.decode())
        ids += found
        if page >= response.context["page"].paginator.num_pages:
            return ids
        page += 1


def test_every_count_links_to_the_services_behind_it(client, personas, register):
    group = register["group"]
    url = f"/insights/?service_type=care_homes&areas=group:{group.pk}&by=council"
    html = _get(client, personas["qa_officer"], url).content.decode()
    counts = _counts(html)
    assert len(counts) == 3 * 6  # two councils and the group, six rows each
    for href, count in counts:
        assert len(_services_behind(client, href)) == count, href


def test_the_services_behind_a_count_are_the_right_ones(client, personas, register):
    group = register["group"]
    dudley_good = register["services"][0]
    url = f"/insights/?service_type=residential&areas=group:{group.pk}&by=council"
    html = _get(client, personas["partner"], url).content.decode()
    good = [
        h
        for h, _ in _counts(html)
        if "rating=good" in h and f"council%3A{register['councils'][0].pk}" in h
    ]
    assert _services_behind(client, good[0]) == [str(dudley_good.pk)]


def test_as_at_a_year_before_the_links_list_the_ratings_then(client, personas, register):
    group = register["group"]
    url = (
        f"/insights/?service_type=residential&areas=group:{group.pk}"
        "&as_at_day=1&as_at_month=3&as_at_year=2023"
    )
    html = _get(client, personas["qa_manager"], url).content.decode()
    counts = dict((h.split("rating=")[1].split("&")[0], c) for h, c in _counts(html))
    # Dudley's two homes (requires improvement, outstanding), Walsall's two (good, inadequate).
    assert counts == {
        "outstanding": 1,
        "good": 1,
        "requires_improvement": 1,
        "inadequate": 1,
        "not_yet_inspected": 0,
        "total": 4,
    }


def test_a_date_in_the_future_is_an_error(client, personas, register):
    url = "/insights/?as_at_day=1&as_at_month=1&as_at_year=2999"
    response = _get(client, personas["qa_officer"], url)
    assert "The date must be today or in the past" in response.content.decode()
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_downloads_hold_the_numbers_the_page_shows(client, personas, register, fmt):
    group = register["group"]
    query = f"service_type=care_homes&areas=group:{group.pk}&by=council"
    html = _get(client, personas["commissioner"], f"/insights/?{query}").content.decode()
    on_page = [c for _, c in _counts(html)]
    response = client.get(f"/insights/download/figures.{fmt}?{query}&only=group:{group.pk}")
    assert response.status_code == 200
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[2:]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [list(r) for r in sheet.iter_rows(min_row=3, values_only=True)]
    downloaded = [int(r[2]) for r in rows if r and r[0] and len(r) > 2 and r[2] not in (None, "")]
    assert downloaded == on_page


def test_comparator_table_download_matches_the_page(client, personas, register):
    group = register["group"]
    query = f"service_type=childrens_home&areas=group:{group.pk}"
    html = _get(client, personas["qa_officer"], f"/insights/comparator/?{query}").content.decode()
    on_page = [c for _, c in _counts(html)]
    response = client.get(f"/insights/download/comparator.csv?{query}&only=group:{group.pk}")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[2:8]
    downloaded = [int(v) for r in rows for v in r[1::2]]
    assert downloaded == on_page
    assert rows[0][0] == "Outstanding" and rows[5][0] == "Total"


def test_bed_share_by_council(client, personas, register):
    group = register["group"]
    html = _get(
        client,
        personas["qa_officer"],
        f"/insights/beds/?service_type=care_homes&areas=group:{group.pk}",
    ).content.decode()
    # Dudley: 115 beds, 40 in a home rated requires improvement: 34.78%; of rated (90): 44.44%.
    assert "34.78" in html and "44.44" in html
    href = [h for h, c in _counts(html) if c == 40][0]
    assert len(_services_behind(client, href)) == 1


def test_change_since_a_year_before(client, personas, register):
    group = register["group"]
    url = (
        f"/insights/change/?service_type=residential&areas=group:{group.pk}"
        "&as_at_day=1&as_at_month=3&as_at_year=2024"
    )
    response = _get(client, personas["qa_officer"], url)
    change = response.context["sections"][0]["change"]
    assert change.then_label == "1 March 2023"
    good = change.lines[1]
    assert (good.then_count, good.now_count) == (1, 1)
    # Each count, a year before and now, links to the services behind it.
    counts = _counts(response.content.decode())
    assert len(counts) == 2 * 6 and sum(count for _, count in counts) > 0
    assert any("as_at=2023-03-01" in href for href, _ in counts)
    for href, count in counts:
        assert len(_services_behind(client, href)) == count, href
