"""An action plan in a real browser: the officer records the provider's response (a date
before the plan is refused), accepts it with a note, records an item in progress and then
completed (evidence is needed), and the manager verifies it. axe-core runs on every page."""

import datetime

import pytest

from careqa.factories import ServiceFactory
from careqa.plans import actions
from careqa.plans.vocab import ItemState

pytestmark = pytest.mark.browser

TODAY = datetime.date(2026, 6, 10)
OPENED = datetime.date(2026, 6, 1)
REMEDY = "Keep the treatment room locked whenever it is unattended."


@pytest.fixture(autouse=True)
def today(monkeypatch, settings, tmp_path):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    settings.MEDIA_ROOT = tmp_path
    return TODAY


def _click(page, assert_accessible, role, name):
    page.get_by_role(role, name=name, exact=True).click()
    page.wait_for_load_state("load")
    assert_accessible(page)


def _date(page, prefix, day):
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):
        page.fill(f"#id_{prefix}_{part}", str(value))


def test_an_action_plan_from_response_to_verified(browser_page, assert_accessible, tmp_path):
    page = browser_page("qa_officer")
    officer = page.signed_in_user
    service = ServiceFactory(name="Alder House")
    plan = actions.open_plan(service=service, by=officer, today=OPENED)
    item = actions.add_item(
        plan=plan,
        by=officer,
        today=OPENED,
        area="safe",
        remedy=REMEDY,
        priority="high",
        evidence_needed="The lock fitted and a week of checks",
        owner="Registered manager",
        source="visit",
    )

    page.goto(f"/services/{service.pk}/")
    assert_accessible(page)
    assert "1 awaiting response" in page.locator("#action-plan").inner_text()
    _click(page, assert_accessible, "link", "See the action plan")
    _click(page, assert_accessible, "link", "Record the provider's response")
    _date(page, "received_on", datetime.date(2026, 5, 20))
    page.get_by_label("How it will be met for item 1").fill("A keypad lock, checked daily.")
    page.get_by_label("By whom for item 1").fill("The deputy manager")
    _date(page, f"item-{item.pk}-by_when", datetime.date(2026, 6, 30))
    _click(page, assert_accessible, "button", "Save the response")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "The date received must be on or after 1 June 2026" in summary
    _date(page, "received_on", datetime.date(2026, 6, 8))
    _click(page, assert_accessible, "button", "Save the response")
    assert "The response is recorded" in page.locator("main").inner_text()

    _click(page, assert_accessible, "link", "Accept the response received 8 June 2026")
    _click(page, assert_accessible, "button", "Accept the response")
    assert "add a note" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Note (optional)").fill("The manager confirmed it by e-mail.")
    _click(page, assert_accessible, "button", "Accept the response")
    assert "its items are agreed" in page.locator("main").inner_text()

    _click(page, assert_accessible, "link", "Mark in progress item 1")
    _click(page, assert_accessible, "button", "Mark the item in progress")
    _click(page, assert_accessible, "link", "Record completed item 1")
    _date(page, "completed_on", TODAY)
    _click(page, assert_accessible, "button", "Record the item completed by the provider")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter the evidence that shows the item is done" in summary
    page.get_by_label("Evidence that it is done").fill("Keypad lock fitted; checks signed.")
    _click(page, assert_accessible, "button", "Record the item completed by the provider")
    assert "Completed by the provider" in page.locator("main").inner_text()
    page.close()

    manager_page = browser_page("qa_manager")
    manager_page.goto(f"/plans/{plan.pk}/")
    assert_accessible(manager_page)
    _click(manager_page, assert_accessible, "link", "Verify item 1")
    _click(manager_page, assert_accessible, "button", "Verify the item")
    assert "The item is verified" in manager_page.locator("main").inner_text()
    item.refresh_from_db()
    assert item.state == ItemState.VERIFIED
    plan.refresh_from_db()
    assert plan.status == "closed"
