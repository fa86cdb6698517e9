"""What the insight pages open with, and how they name our council: once, in words."""

import re
from html import unescape

import pytest

from careqa.areas.models import CouncilProfile
from careqa.insights.tests.insight_data import build_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(db):
    found = build_register()
    profile = CouncilProfile.objects.create(name="Dudley Council")
    profile.our_area.set([found["councils"][0]])
    return found


def _html(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


def _row_and_column_heads(html):
    heads = re.findall(r'<th scope="(?:row|colgroup)"[^>]*>(.*?)</th>', html)
    return [re.sub(r"<[^>]+>", "", h).strip() for h in heads]


@pytest.mark.parametrize("page", ["comparator/", "beds/"])
def test_our_council_appears_once_under_the_profiles_name(client, personas, register, page):
    url = f"/insights/{page}?service_type=care_homes&areas=our_area"
    if page == "comparator/":
        url = "/insights/comparator/?service_type=childrens_home&areas=our_area"
    heads = _row_and_column_heads(_html(client, personas["qa_officer"], url))
    assert "Dudley Council" in heads
    assert "Dudley" not in heads  # the same services again under the council's own name


def test_figures_by_council_of_our_one_council_is_one_line(client, personas, register):
    html = _html(
        client,
        personas["qa_officer"],
        "/insights/?service_type=care_homes&areas=our_area&by=council",
    )
    heads = _row_and_column_heads(html)
    assert heads.count("Dudley Council") == 1 and "Dudley" not in heads


def test_the_comparator_page_opens_with_our_comparator_group_and_no_error(
    client, personas, register
):
    html = _html(client, personas["qa_officer"], "/insights/comparator/")
    group = register["group"]
    assert re.search(rf'value="group:{group.pk}"[^>]*checked', html)
    assert "needs a list of councils" not in html
    assert "govuk-error" not in html and "There is a problem" not in html
    assert f"ratings in {group.name}" in html  # the group's table is there at once


def test_england_on_the_comparator_page_is_explained_without_error_styling(
    client, personas, register
):
    html = _html(client, personas["qa_officer"], "/insights/comparator/?areas=england")
    assert "govuk-inset-text" in html
    assert "govuk-error" not in html


def test_the_report_form_opens_with_our_council_and_comparator_group(client, personas, register):
    html = _html(client, personas["qa_manager"], "/insights/report/")
    dudley, group = register["councils"][0], register["group"]
    assert re.search(rf'<option value="{dudley.pk}" selected>', html)
    assert re.search(rf'<option value="{group.pk}" selected>', html)
    assert "There is a problem" not in html


def test_dates_on_the_pages_are_written_in_words(client, personas, register):
    group = register["group"]
    url = (
        f"/insights/?service_type=residential&areas=group:{group.pk}"
        "&as_at_day=5&as_at_month=1&as_at_year=2024"
    )
    html = _html(client, personas["qa_officer"], url)
    assert "5 January 2024" in html
    link = re.search(r'href="(/insights/services/[^"]+)"', html).group(1)
    listed = _html(client, personas["qa_officer"], link)
    assert "5 January 2024" in listed and "5 Jan 2024" not in listed


def test_rating_words_are_the_vocabularys_labels():
    from careqa.insights.charts import Bar, describe
    from careqa.insights.reports.scrutiny import _RATING_WORDS
    from careqa.providers.vocab import Rating

    assert dict(_RATING_WORDS)["requires_improvement"] == Rating.REQUIRES_IMPROVEMENT.label
    text = describe([Bar("A", {"outstanding": 1}, 1)])
    assert "Outstanding 1" in text and "outstanding" not in text


def test_an_area_of_several_councils_is_named_apart_from_each(client, personas, register):
    profile = CouncilProfile.objects.get()
    profile.our_area.set(register["councils"][:2])
    html = _html(
        client, personas["qa_officer"], "/insights/beds/?service_type=care_homes&areas=our_area"
    )
    heads = _row_and_column_heads(html)
    assert heads == ["Dudley", "Walsall", "Dudley Council area (2 councils)"]
