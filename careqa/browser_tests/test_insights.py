"""Browser journey: the market insight page, a comparator table and the report form, the
report built by the job worker while its page shows progress, then downloaded."""

import pytest

from careqa.insights.models import ReportBuild
from careqa.insights.tests.insight_data import build_register
from careqa.jobs.testing import run_queued_jobs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_insights_comparator_table_and_report_form(
    browser_page, assert_accessible, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
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
    page.get_by_role("button", name="Create PDF").click()
    page.get_by_role("heading", name="Building the scrutiny report").wait_for()
    assert_accessible(page)
    assert (
        page.locator("[data-progress-stage]").inner_text() == "Waiting for the job worker to start"
    )

    assert run_queued_jobs() == 1  # the worker builds it; the page polls and then shows it
    page.get_by_role("heading", name="The scrutiny report is ready").wait_for(timeout=15_000)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report").click()
    build = ReportBuild.objects.get()
    assert download.value.suggested_filename == build.file_name
    assert download.value.path().read_bytes()[:5] == b"%PDF-"
    page.goto("/insights/report/built/")
    assert_accessible(page)
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
