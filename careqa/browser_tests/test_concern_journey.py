"""A manager opens a provider concern from a service's page, suspending new placements in
the same step, then reads the compliance dashboard and the services behind a count; axe-core
runs on every page."""

import datetime

import pytest

from careqa.factories import ContractFactory, ServiceFactory

pytestmark = pytest.mark.browser

TODAY = datetime.date(2026, 6, 10)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    return TODAY


def _date(page, prefix, day):
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):
        page.fill(f"#id_{prefix}_{part}", str(value))


def _submit(page, assert_accessible, name):
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state("load")
    assert_accessible(page)


def test_a_manager_opens_a_concern_and_reads_the_compliance_dashboard(
    browser_page, assert_accessible, personas
):
    page = browser_page("qa_manager")
    service = ServiceFactory(name="Alder House", rating="good", rating_published=TODAY)
    ContractFactory(service=service)
    ContractFactory(service=ServiceFactory(name="Birch Court", rating="good"))

    page.goto(f"/services/{service.pk}/")
    assert_accessible(page)
    assert "Green" in page.locator("#compliance").inner_text()
    page.get_by_role("link", name="Open a provider concern").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    _submit(page, assert_accessible, "Open the provider concern")  # empty: errors
    assert "There is a problem" in page.content()
    page.get_by_label("Several section 42 enquiries").check()
    page.fill("#id_decision", "Three s42 enquiries about neglect in a month")
    page.fill("#id_decided_by", "Director of Adult Social Services")
    page.select_option("#id_lead_officer", str(personas["qa_officer"].pk))
    _date(page, "opened_on", TODAY)
    page.get_by_label("Suspend new placements now, through the escalation ladder").check()
    _date(page, "review_on", TODAY + datetime.timedelta(days=28))
    page.get_by_label("All new placements").check()
    page.fill("#id_conditions", "A new registered manager in post")
    _submit(page, assert_accessible, "Open the provider concern")
    content = page.content()
    assert "Provider concern opened" in content and "New placements suspended" in content

    page.goto(f"/services/{service.pk}/")
    assert_accessible(page)
    compliance = page.locator("#compliance").inner_text()
    assert "Red" in compliance and "Open provider concern" in compliance

    page.goto("/risk/compliance/")
    assert_accessible(page)
    assert "50.0% of our services are green today: 1 of 2." in page.content()
    page.get_by_role("link", name="1 red on 10 Jun 2026").first.click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert "Alder House" in page.content() and "Birch Court" not in page.content()
