"""Browser journey: the market insight page, a comparator table and the report form."""

import pytest

from careqa.insights.tests.insight_data import build_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_insights_comparator_table_and_report_form(browser_page, assert_accessible):
    data = build_register()
    group = data["group"]
    page = browser_page("qa_manager")
    page.goto(f"/insights/?service_type=care_homes&areas=group:{group.pk}&by=council")
    assert_accessible(page)
    assert page.locator("svg[role=img] title").first.text_content()
    page.get_by_role("link", name="Comparator table").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.locator("table[data-table=comparator]").count() == 1
    page.goto("/insights/report/")
    assert_accessible(page)
    page.get_by_label("Council").select_option(label="Dudley")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.get_by_role("button", name="Create PDF").is_visible()
    page.goto("/insights/groups/new/")
    assert_accessible(page)


def test_insights_pages_open_with_defaults_and_say_how_ratings_count(
    browser_page, assert_accessible
):
    build_register()
    page = browser_page("qa_manager")
    page.goto("/insights/comparator/")
    assert_accessible(page)
    assert page.locator(".govuk-error-summary, .govuk-error-message").count() == 0
    page.get_by_label("When a rating counts").select_option("statistics")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("8")
    page.get_by_label("Year").fill("2024")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert "official statistics" in page.locator("[data-caveats]").first.text_content()
    for path in ("/insights/beds/", "/insights/change/"):
        page.goto(path)
        assert_accessible(page)
