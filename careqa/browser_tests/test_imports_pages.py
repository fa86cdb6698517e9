"""The Imports pages fit a 1,280 px window, with long published file names and big counts."""

import datetime

import pytest
from django.utils import timezone

from careqa.factories import CouncilFactory, CouncilProfileFactory, ServiceFactory
from careqa.providers.models import ChangeEvent
from careqa.regulators.models import ImportRun

pytestmark = pytest.mark.browser

NAMES = [
    "01_November_2026_HSCA_Active_Locations_with_ratings_and_filters_national.ods",
    "01_February_2021_Latest_ratings_Locations_and_Providers_England.xlsx",
    "ofsted_childrens_social_care_providers_at_31_march_2025_provider_level.csv",
]


def _fits(page):
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth,"
        " window: window.innerWidth,"
        " table: document.querySelector('table').getBoundingClientRect().right,"
        " container: document.querySelector('.govuk-width-container main, main')"
        ".getBoundingClientRect().right})"
    )
    assert widths["page"] <= widths["window"], widths
    assert widths["table"] <= widths["container"] + 1, widths


def test_the_imports_list_fits_the_window(browser_page, assert_accessible):
    for n, name in enumerate(NAMES * 3):
        ImportRun.objects.create(
            regulator="ofsted" if name.startswith("ofsted") else "cqc",
            layout="ofsted_providers" if name.startswith("ofsted") else "cqc_hsca",
            file_name=name,
            snapshot_date=datetime.date(2026, 11, 1),
            started_at=timezone.now(),
            finished_at=timezone.now(),
            by_name="Alexandra Montgomery-Smythe",
            status=ImportRun.Status.FAILED if n == 4 else ImportRun.Status.SUCCEEDED,
            created=123456,
            updated=98765,
            new_ratings=45678,
        )
    page = browser_page("qa_manager")
    page.goto("/imports/")
    assert_accessible(page)
    _fits(page)


def test_the_changes_of_an_import_fit_and_filter_to_our_area(browser_page, assert_accessible):
    ours, theirs = CouncilFactory(name="Wirral"), CouncilFactory(name="Cheshire West and Chester")
    CouncilProfileFactory(name="Wirral Council", our_area=[ours])
    ImportRun.objects.create(
        regulator="cqc",
        file_name="first.csv",
        started_at=timezone.now(),
        by_name="A",
        status=ImportRun.Status.SUCCEEDED,
    )
    run = ImportRun.objects.create(
        regulator="cqc",
        file_name=NAMES[0],
        started_at=timezone.now(),
        by_name="A",
        status=ImportRun.Status.SUCCEEDED,
        finished_at=timezone.now(),
    )
    for council, name in ((ours, "Oak Lodge Nursing and Residential Home"), (theirs, "Elm Court")):
        ChangeEvent.objects.create(
            import_run_id=run.pk,
            service=ServiceFactory(name=name, council=council),
            kind=ChangeEvent.Kind.RATING_DOWN,
            old_value="good",
            new_value="requires_improvement",
            occurred_on=datetime.date(2026, 11, 1),
        )
    page = browser_page("qa_officer")
    page.goto(f"/imports/{run.pk}/")
    assert_accessible(page)
    _fits(page)
    page.get_by_label("In our area only").check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    table = page.locator("table").last.inner_text()
    assert "Oak Lodge" in table and "Elm Court" not in table
