"""The paths QA officers walk every day, in a real browser, with axe-core on each page."""

import csv
import datetime
import io
from pathlib import Path

import pytest

from careqa.areas.models import CouncilProfile
from careqa.browser_tests.conftest import expect_browser_error, sign_in
from careqa.factories import (
    ContractFactory,
    CouncilFactory,
    ProviderFactory,
    PublishedRatingFactory,
    ServiceFactory,
    UserFactory,
)
from careqa.providers.vocab import Rating

pytestmark = pytest.mark.browser


@pytest.fixture
def register(transactional_db):
    """Our area (Wirral) and a neighbour, with services of every rating."""
    wirral = CouncilFactory(name="Wirral")
    cheshire = CouncilFactory(name="Cheshire West and Chester")
    # Not CouncilProfileFactory: its post-generation save warns (an error here).
    CouncilProfile.objects.create(name="Wirral Council").our_area.set([wirral])
    acorn = ProviderFactory(name="Acorn Care Ltd")
    alder = ServiceFactory(
        name="Alder House",
        provider=acorn,
        council=wirral,
        postcode="CH41 1AA",
        rating=Rating.REQUIRES_IMPROVEMENT,
        rating_published=datetime.date(2023, 6, 1),
    )
    history = [
        (datetime.date(2018, 3, 1), Rating.GOOD),
        (datetime.date(2021, 2, 1), Rating.INADEQUATE),
        (datetime.date(2023, 6, 1), Rating.REQUIRES_IMPROVEMENT),
    ]
    for rated_on, overall in history:
        PublishedRatingFactory(
            service=alder,
            rated_on=rated_on,
            inspected=rated_on - datetime.timedelta(days=60),
            overall=overall,
            overall_as_published=Rating(overall).label,
            safe=overall,
            effective=Rating.GOOD,
            caring=Rating.GOOD,
            responsive=Rating.GOOD,
            well_led=overall,
        )
    ContractFactory(service=alder, framework="Care Homes Framework 2024")
    ServiceFactory(name="Beech Court", provider=acorn, council=wirral, rating=Rating.GOOD)
    ServiceFactory(name="Cedar Lodge", council=wirral, rating=None, rating_published=None)
    ServiceFactory(name="Damson View", council=cheshire, rating=Rating.REQUIRES_IMPROVEMENT)
    ServiceFactory(name="Elm Grove", council=cheshire, rating=Rating.OUTSTANDING)
    return {"alder": alder, "acorn": acorn}


def _service_names(page):
    return page.locator("table.careqa-register tbody th a").all_inner_texts()


def test_qa_officer_finds_a_service_that_requires_improvement(
    anonymous_page, assert_accessible, register
):
    page = anonymous_page
    UserFactory(username="officer", role="qa_officer")

    page.goto("/")
    assert "/accounts/sign-in/" in page.url
    assert_accessible(page)
    sign_in(page, "officer")

    # Signing in lands on My work; the register is one click away.
    assert page.get_by_role("heading", name="My work", level=1).is_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Services").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name="Services", level=1).is_visible()
    assert_accessible(page)
    assert sorted(_service_names(page)) == [
        "Alder House",
        "Beech Court",
        "Cedar Lodge",
        "Damson View",
        "Elm Grove",
    ]
    assert page.locator("header").get_by_text("Wirral Council").is_visible()
    unbranded = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
              .filter(e => getComputedStyle(e).fontFamily.includes('GDS Transport')).length"""
    )
    assert unbranded == 0

    page.get_by_label("Only services in our area").check()
    page.get_by_label("Requires improvement").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert _service_names(page) == ["Alder House"]
    assert page.get_by_text("1 service match your filters").is_visible()
    # Only the filters in use travel in the address.
    assert page.url.endswith("/services/?our_area=on&rating=requires_improvement")

    page.get_by_role("link", name="Alder House").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Alder House", level=1).is_visible()
    history = page.locator("#rating-history + div table tbody tr")
    assert history.count() == 3
    assert history.first.locator("th").inner_text() == "1 Jun 2023"
    assert "Requires improvement" in history.first.inner_text()
    assert page.get_by_role("heading", name="Rating went down to Inadequate").is_visible()
    assert page.get_by_role("heading", name="Contract started").is_visible()

    page.locator("#details ~ dl").get_by_role("link", name="Acorn Care Ltd").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Acorn Care Ltd", level=1).is_visible()
    services = page.locator("table").filter(has_text="Beech Court")
    assert "Alder House" in services.inner_text()
    assert services.get_by_text("Our area").count() == 2

    page.go_back()
    page.go_back()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.get_by_label("Requires improvement").is_checked()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download this service (CSV)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("careqa-services-")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["Name"], r["Rating"], r["Commissioned"]) for r in rows] == [
        ("Alder House", "Requires improvement", "Yes")
    ]


def test_sorting_by_rating_puts_the_worst_first(browser_page, assert_accessible, register):
    page = browser_page("qa_manager")
    page.goto("/services/")
    assert_accessible(page)
    page.locator("thead").get_by_role("link", name="Rating", exact=True).click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    header = page.locator("th[aria-sort='ascending']")
    assert header.inner_text() == "Rating"
    assert _service_names(page)[-1] == "Cedar Lodge"  # never inspected: always last
    assert _service_names(page)[-2] == "Elm Grove"  # outstanding


def test_wrong_password_shows_an_accessible_error(anonymous_page, assert_accessible, register):
    page = anonymous_page
    UserFactory(username="officer", role="qa_officer")
    page.goto("/accounts/sign-in/")
    assert_accessible(page)
    sign_in(page, "officer", password="not-the-password")
    assert_accessible(page)
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter a correct username and password" in summary.inner_text()
    assert page.title().startswith("Error: ")
    # GOV.UK Frontend's JavaScript moves focus to the error summary.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")


def test_skip_link_is_first_and_reaches_the_main_content(browser_page, assert_accessible, register):
    page = browser_page("partner")
    page.goto(f"/services/{register['alder'].pk}/")
    assert_accessible(page)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # A partner reads ratings but not contracts or the audit trail.
    assert page.get_by_role("heading", name="Contracts").count() == 0
    assert page.get_by_role("heading", name="Audit trail").count() == 0


def test_repeated_failures_pause_signing_in(anonymous_page, assert_accessible, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="officer", role="qa_officer")
    page = anonymous_page
    expect_browser_error(page, "status of 429 (Too Many Requests)")
    page.goto("/accounts/sign-in/")
    assert_accessible(page)
    for _ in range(5):
        sign_in(page, "officer", password="not-the-password")
    assert page.get_by_role("heading", name="Signing in is paused").is_visible()
    assert_accessible(page)
