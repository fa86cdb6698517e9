"""Risk and intelligence in a real browser: an officer records a QA-only entry and a
section 42 enquiry from a service's page, sees the score and its reasons move, and the
list's sharing level; axe-core runs on every page."""

import datetime

import pytest

from careqa.factories import ContractFactory, ServiceFactory
from careqa.risk import actions

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


def test_intelligence_and_an_enquiry_raise_the_score(browser_page, assert_accessible):
    page = browser_page("qa_officer")
    service = ServiceFactory(name="Alder House", rating="good", rating_published=TODAY)
    ContractFactory(service=service)
    actions.recompute(today=TODAY)

    page.goto(f"/services/{service.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Record intelligence").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    _submit(page, assert_accessible, "Record it")  # nothing filled in: errors, nothing saved
    assert "There is a problem" in page.content()
    page.select_option("#id_source", "whistleblowing")
    _date(page, "received_on", TODAY)
    page.fill("#id_summary", "Night staff asked to sign for rounds they did not do")
    page.get_by_label("High").check()
    page.get_by_label("QA team only").check()
    _submit(page, assert_accessible, "Record it")
    assert "Sharing level: QA team only" in page.locator("[data-sharing-level]").inner_text()

    page.goto(f"/risk/safeguarding/new/?service={service.pk}")
    assert_accessible(page)
    page.get_by_label("Section 42 enquiry").check()
    page.get_by_label("Neglect and acts of omission").check()
    page.select_option("#id_risk_source", "service_provider")
    page.select_option("#id_risk_location", "care_home_nursing")
    _date(page, "opened_on", TODAY)
    _submit(page, assert_accessible, "Record it")

    page.goto(f"/services/{service.pk}/")
    assert_accessible(page)
    panel = page.locator("#risk").inner_text()
    assert "1 open safeguarding enquiry (section 42)" in panel
    assert "1 open intelligence entry of high severity" in panel
    page.goto("/risk/")
    assert_accessible(page)
    assert "Alder House" in page.content()
