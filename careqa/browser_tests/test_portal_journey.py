"""The provider portal end to end, on a phone (320 px wide) and a desktop screen, every page checked
with axe: an officer invites a care home's registered manager; she chooses a password and
sets up an authenticator app, reads the issued report, sends a factual-accuracy comment and
responds to the action plan; the officer accepts the response and answers the comment; she
uploads evidence and says the item is done, and sends her home's monthly return, put right
after an error; the officer sees the return and verifies the item."""

import datetime
import re

import pytest

from careqa.browser_tests.conftest import PASSWORD, sign_in
from careqa.browser_tests.test_returns_journey import VALUES
from careqa.browser_tests.test_second_factor_journey import _code
from careqa.factories import ProviderFactory, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "amber-court-manager-2026"
VIEWPORTS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 900}}


def _world():
    from careqa.plans import actions as plan_actions
    from careqa.visits import actions

    officer = UserFactory(username="officer", role="qa_officer", first_name="Olu")
    manager = UserFactory(username="manager", role="qa_manager")
    provider = ProviderFactory(name="Amber Care Ltd", provider_id="1-555000111")
    home = ServiceFactory(provider=provider, name="Amber Court", beds=30)
    today = datetime.date.today()
    from careqa.returns import actions as return_actions

    return_actions.load_default_templates()
    visit = actions.add_visit(
        service=home,
        by=manager,
        planned_on=today - datetime.timedelta(days=1),
        lead_officer=officer,
        visit_type="contract_review",
    )
    visit = actions.record_visit(
        visit=visit, by=officer, today=today, carried_out_on=visit.planned_on
    )
    areas = ("safe", "effective", "caring", "responsive", "well_led")
    actions.judge_visit(visit=visit, by=officer, judgements={a: ("good", "x", "") for a in areas})
    report = actions.issue_report(
        report=actions.draft_report(visit=visit, by=officer), by=manager, today=today
    )
    plan = plan_actions.open_plan(service=home, by=officer, today=today, report=report)
    plan_actions.add_item(
        plan=plan,
        by=officer,
        today=today,
        area="safe",
        remedy="Check the medicines records every week",
        priority="high",
        evidence_needed="A month of signed weekly checks",
        owner="",
        source="visit",
    )
    return provider, plan


def _fits(page):
    """Nothing wider than the screen: a phone scrolls down, never sideways."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _go(page, check, role, name):
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state("load")
    check(page)


def _sign_out(page, check):
    page.get_by_role("button", name=re.compile("Sign out")).click()
    page.wait_for_load_state("load")
    check(page)


def _sign_in(page, check, username, password=PASSWORD):
    page.goto("/")
    check(page)
    sign_in(page, username, password)
    check(page)


@pytest.mark.parametrize("screen", VIEWPORTS)
def test_a_manager_answers_the_council_online(anonymous_page, assert_accessible, screen, tmp_path):
    from careqa.notify.models import Notice
    from careqa.plans.models import PlanItem
    from careqa.returns.models import Submission

    check = assert_accessible
    page = anonymous_page
    page.set_viewport_size(VIEWPORTS[screen])
    provider, plan = _world()

    # The officer invites the registered manager.
    _sign_in(page, check, "officer")
    page.goto("/portal/team/users/invite/")
    check(page)
    page.get_by_label("Provider ID").fill(provider.provider_id)
    _go(page, check, "button", "Continue")
    page.get_by_label("First name").fill("Rita")
    page.get_by_label("Last name").fill("Mensah")
    page.get_by_label("E-mail address").fill("rita@amber.example")
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Registered manager").check()
    _go(page, check, "button", "Send the invitation")
    assert page.get_by_text("An invitation is sent to rita@amber.example").is_visible()
    _sign_out(page, check)

    # The e-mailed link: a password, then the authenticator app, before anything else.
    body = Notice.objects.get(recipient="rita@amber.example").body_text
    page.goto(re.search(r"https?://[^/\s]+(/accounts/invitation/\S+/)", body).group(1))
    check(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm new password").fill(NEW_PASSWORD)
    _go(page, check, "button", "Save password")
    assert page.get_by_role("heading", name="Set up your authenticator app").is_visible()
    secret = page.locator("#secret").inner_text()
    page.get_by_label("Code", exact=True).fill(_code(secret))
    _go(page, check, "button", "Confirm app")
    _go(page, check, "link", "I have saved my codes, continue")
    assert page.get_by_role("heading", name="Your services", level=1).is_visible()
    _fits(page)
    assert page.get_by_role("link", name="What is shared").first.is_visible() or screen == "phone"

    # She reads the report and says a fact is wrong.
    _go(page, check, "link", re.compile("Amber Court: visit of"))
    assert page.get_by_role("heading", name="Monitoring visit report, version 1").is_visible()
    _fits(page)
    page.get_by_label("What is not accurate, and what is").fill("The visit was in the afternoon.")
    _go(page, check, "button", "Send the comment")
    assert page.get_by_text("Your comment is sent to the QA team").is_visible()

    # Her response to the action plan: refused until the item has its action, who and when.
    page.goto("/portal/")
    check(page)
    _go(page, check, "link", re.compile("Open the action plan"))
    _fits(page)
    _go(page, check, "link", "Write your response")
    _fits(page)
    item = PlanItem.objects.get(plan=plan)
    page.get_by_label("How it will be met for item 1").fill("The deputy checks them every Friday.")
    _go(page, check, "button", "Send the response")
    assert page.get_by_role("link", name="Say who will do it").is_visible()
    page.get_by_label("By whom for item 1").fill("The deputy manager")
    due = datetime.date.today() + datetime.timedelta(days=30)
    page.locator(f"[name='item-{item.pk}-by_when_day']").fill(str(due.day))
    page.locator(f"[name='item-{item.pk}-by_when_month']").fill(str(due.month))
    page.locator(f"[name='item-{item.pk}-by_when_year']").fill(str(due.year))
    _go(page, check, "button", "Send the response")
    assert page.get_by_text("Your response is sent to your QA officer").is_visible()
    _sign_out(page, check)

    # The officer accepts the response and answers the comment.
    _sign_in(page, check, "officer")
    page.goto(f"/plans/{plan.pk}/")
    check(page)
    _go(page, check, "link", re.compile("Accept the response received"))
    _go(page, check, "button", "Accept the response")
    page.goto("/portal/team/comments/")
    check(page)
    _go(page, check, "link", re.compile("Amber Court, report version 1"))
    page.get_by_label("Accept: the report will be corrected").check()
    page.get_by_label("Your answer to the provider").fill("We will correct the time.")
    _go(page, check, "button", "Send the answer")
    _sign_out(page, check)

    # She signs in with her app, uploads the evidence and says the item is done.
    _sign_in(page, check, "rita", NEW_PASSWORD)
    page.get_by_label("Code", exact=True).fill(_code(secret, step_ahead=1))
    _go(page, check, "button", "Continue")
    _go(page, check, "link", re.compile("Open the action plan"))
    _go(page, check, "link", re.compile("Update progress or upload evidence"))
    evidence = tmp_path / "weekly checks.pdf"
    evidence.write_bytes(b"%PDF-1.4 four signed weekly checks")
    page.get_by_label("Upload evidence").set_input_files(str(evidence))
    _go(page, check, "button", "Upload the evidence")
    assert page.get_by_role("link", name="weekly checks.pdf").is_visible()
    _fits(page)
    page.get_by_label("How you know it is done").fill("Four weekly checks, signed; attached.")
    _go(page, check, "button", "Mark the item as done")
    assert page.get_by_text("your QA officer will verify it").is_visible()

    # Her home's monthly return, from her menu: an error shown at its field, put right, sent.
    page.goto("/portal/")
    if screen == "phone":
        page.get_by_role("button", name="Menu").click()
    _go(page, check, "link", "Data returns")
    _go(page, check, "link", "Care home monthly KPIs")
    _go(page, check, "link", "Send the return of Amber Court")
    _fits(page)
    assert page.input_value("#id_registered_beds") == "30"  # from the register
    for code, value in VALUES.items():
        page.fill(f"#id_{code}", value)
    page.locator("#id_infection_outbreak_1").check()
    _go(page, check, "button", "Send the return")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Occupied beds must be no more than registered beds" in summary
    page.fill("#id_occupied_beds", "28")
    _go(page, check, "button", "Send the return")
    _fits(page)
    sent = Submission.objects.get()
    assert sent.values["occupied_beds"] == "28" and not sent.on_behalf
    _sign_out(page, check)

    # The officer sees the return and the evidence, and verifies the item.
    _sign_in(page, check, "officer")
    page.goto(f"/returns/services/{plan.service_id}/")
    check(page)
    assert page.get_by_text(re.compile("Care home monthly KPIs")).first.is_visible()
    page.goto(f"/plans/{plan.pk}/")
    check(page)
    assert page.get_by_text("weekly checks.pdf").first.is_visible()
    _go(page, check, "link", re.compile("Verify item 1"))
    _go(page, check, "button", "Verify the item")
    item.refresh_from_db()
    assert item.state == "verified"
