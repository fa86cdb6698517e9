"""A commissioner checks a service before placing someone; an officer names a children's
home whose name Ofsted withholds; a partner is refused a page and finds the way back.
In a real browser, with axe-core on each page."""

import pytest

from careqa.browser_tests.conftest import expect_browser_error
from careqa.factories import ContractFactory, ProviderFactory, ServiceFactory
from careqa.providers.vocab import ContractStatus, Rating, Regulator

pytestmark = pytest.mark.browser


@pytest.fixture
def homes(transactional_db):
    inadequate = ServiceFactory(name="Fir Tree House", rating=Rating.INADEQUATE)
    ContractFactory(service=inadequate)
    suspended = ServiceFactory(name="Cedar Court", rating=Rating.GOOD)
    ContractFactory(service=suspended, status=ContractStatus.SUSPENDED)
    withheld = ServiceFactory(
        regulator=Regulator.OFSTED,
        location_id="2611447",
        name="2611447",
        provider=ProviderFactory(regulator=Regulator.OFSTED, name="Larch Childcare Ltd"),
        service_types=" childrens_home ",
        care_home=False,
        beds=None,
        places=4,
    )
    return {"inadequate": inadequate, "withheld": withheld}


def test_a_commissioner_is_warned_before_placing_someone(browser_page, assert_accessible, homes):
    page = browser_page("commissioner")
    page.goto("/services/?commissioned=on")
    assert_accessible(page)
    rows = page.locator("table.careqa-register tbody tr")
    assert rows.count() == 2
    assert "Contract suspended" in rows.filter(has_text="Cedar Court").inner_text()
    fir = rows.filter(has_text="Fir Tree House")
    assert "Check before placing" in fir.inner_text()
    fir.get_by_role("link", name="Fir Tree House").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    warning = page.locator(".govuk-warning-text")
    assert "speak to the quality assurance team before placing anyone here" in (
        warning.inner_text()
    )


def test_an_officer_gives_a_withheld_home_our_own_name(browser_page, assert_accessible, homes):
    page = browser_page("qa_officer")
    page.goto(f"/services/{homes['withheld'].pk}/")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Name withheld by Ofsted", level=1).is_visible()
    page.get_by_role("link", name="Give this service our own name").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_label("Our name for this service").fill("Oak View")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.get_by_text("Our name for this service is now ‘Oak View’").is_visible()
    heading = page.get_by_role("heading", level=1).inner_text()
    assert "Name withheld by Ofsted" in heading and "Oak View" in heading
    assert "Our name for it: from Not set to Oak View" in page.locator("#audit-trail").inner_text()


def test_a_partner_refused_a_page_finds_the_way_back(browser_page, assert_accessible, homes):
    page = browser_page("partner")
    expect_browser_error(page, "status of 403")
    response = page.goto("/imports/")
    assert response.status == 403
    assert_accessible(page)
    assert page.get_by_role("heading", name="You cannot see this page").is_visible()
    page.get_by_role("link", name="Go to the list of services").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Services", level=1).is_visible()
    # No contract facts for a partner, by any route.
    assert page.get_by_text("Only services we commission").count() == 0
    assert page.get_by_text("Contract suspended").count() == 0
