"""Notices and the quality surveillance meeting in a real browser: an officer sees the
unread count in the header, opens a notice (the count goes), marks the rest read; a
manager records what a quality surveillance meeting noted and decided, with an action,
and finds it in the service's surveillance log. axe-core runs on every page."""

import datetime

import pytest

from careqa.factories import ContractFactory, CouncilProfileFactory, ServiceFactory
from careqa.meetings import actions
from careqa.notify.actions import alert
from careqa.risk import actions as risk_actions

pytestmark = pytest.mark.browser

TODAY = datetime.date(2026, 6, 10)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    return TODAY


def _load(page, assert_accessible):
    page.wait_for_load_state("load")
    assert_accessible(page)


def test_the_inbox_and_its_unread_count(browser_page, assert_accessible):
    page = browser_page("qa_officer")
    from careqa.accounts.models import User

    officer = User.objects.get(role="qa_officer")
    service = ServiceFactory(name="Alder House")
    for subject in ("Rating fell: Alder House", "Safeguarding enquiry opened: Alder House"):
        alert(
            [officer],
            subject=subject,
            template_name="generic",
            context={},
            link=f"/services/{service.pk}/",
            service=service,
        )
    page.goto("/")
    _load(page, assert_accessible)
    account = page.get_by_role("navigation", name="Your account")
    assert "Notices 2 unread" in " ".join(account.inner_text().split())
    account.get_by_role("link", name="Notices").click()
    _load(page, assert_accessible)
    assert "You have 2 unread notices." in page.content()
    page.get_by_role("link", name="Rating fell: Alder House").click()
    _load(page, assert_accessible)
    assert "Notices 1 unread" in " ".join(account.inner_text().split())
    page.get_by_role("link", name="Open the record").click()
    _load(page, assert_accessible)
    assert "Alder House" in page.locator("h1").inner_text()
    page.goto("/notices/")
    _load(page, assert_accessible)
    page.get_by_role("button", name="Mark all as read").click()
    _load(page, assert_accessible)
    assert "1 notice marked as read" in page.content()
    assert "unread" not in account.inner_text()


def test_a_quality_surveillance_meeting_notes_decides_and_logs(browser_page, assert_accessible):
    page = browser_page("qa_manager")
    from careqa.accounts.models import User

    manager = User.objects.get(role="qa_manager")
    service = ServiceFactory(
        name="Birch Lodge", rating="requires_improvement", rating_published=TODAY
    )
    ContractFactory(service=service)
    CouncilProfileFactory(our_area=[service.council])
    risk_actions.record_intelligence(
        by=manager,
        today=TODAY,
        service=service,
        source="community_health",
        received_on=TODAY,
        summary="District nurses found two new pressure ulcers",
        key_question="safe",
        severity="high",
        sharing=2,
    )
    meeting = actions.create_meeting(
        kind="quality_surveillance",
        held_on=TODAY,
        council=service.council,
        chair="Morgan Patel",
        attendees=[("Dietitian", "Community trust", "", "dietetics")],
        by=manager,
    )
    page.goto(meeting.get_absolute_url())
    _load(page, assert_accessible)
    page.get_by_role("button", name="Build the agenda").click()
    _load(page, assert_accessible)
    content = page.content()
    assert "Highest risk" in content and "New intelligence since the last meeting" in content
    assert "Council staff" in content  # the level the pack carries
    item = meeting.items.get(section="risk-new-intelligence")
    page.goto(f"/meetings/items/{item.pk}/decide/")
    _load(page, assert_accessible)
    page.get_by_label("Keep under quality surveillance").check()
    page.fill("#id_noted", "The dietitian starts weekly weights")
    page.fill("#id_reason", "Look again next month")
    page.get_by_role("button", name="Record the decision").click()
    _load(page, assert_accessible)
    page.goto(f"/meetings/items/{item.pk}/actions/add/")
    _load(page, assert_accessible)
    page.fill("#id_action", "Tissue viability review")
    page.fill("#id_owner", "Tissue viability nurse")
    due = TODAY + datetime.timedelta(days=14)
    for part, value in (("day", due.day), ("month", due.month), ("year", due.year)):
        page.fill(f"#id_due_on_{part}", str(value))
    page.get_by_role("button", name="Add the action").click()
    _load(page, assert_accessible)
    assert "Tissue viability review" in page.locator("#actions ~ table").inner_text()
    page.goto(f"/services/{service.pk}/")
    _load(page, assert_accessible)
    log = page.locator("#surveillance-log").inner_text()
    assert "The dietitian starts weekly weights" in log and "Tissue viability review" in log
