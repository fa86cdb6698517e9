"""From a visit report to a suspension and its lifting, in a real browser: the manager
issues a report with a required action; the officer enters the provider's response; the
item goes overdue (the clock moved on); the officer adds the Commissioning and Quality
meeting and builds its agenda; the manager records the meeting's decision to suspend (a
past review date is refused first); the suspension shows on the service list, the
service page, the CSV export and to a commissioner; the review is recorded and the
suspension lifted. axe-core runs on every page."""

import datetime

import pytest
from django.apps import apps

from careqa.areas.models import CouncilProfile
from careqa.escalation.models import Step
from careqa.factories import ContractFactory, CouncilFactory, ServiceFactory, UserFactory
from careqa.meetings.models import Decision
from careqa.providers.vocab import Rating
from careqa.visits import actions as visits

pytestmark = pytest.mark.browser

ISSUED = datetime.date(2026, 6, 10)  # a Wednesday
DUE = datetime.date(2026, 6, 24)
MEETING = datetime.date(2026, 7, 1)  # a week after the item fell due
ACTION = "Keep the treatment room locked whenever it is unattended."
CLOCK = {"today": ISSUED}


@pytest.fixture(autouse=True)
def clock(monkeypatch, settings, tmp_path):
    # The live server runs in this process, so the patched clock reaches its pages.
    CLOCK["today"] = ISSUED
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: CLOCK["today"])
    settings.MEDIA_ROOT = tmp_path
    return CLOCK


@pytest.fixture
def drafted_report(transactional_db):
    import importlib

    # A transactional test empties the tables the migrations filled: put the sets back.
    importlib.import_module(
        "careqa.visits.migrations.0002_default_question_sets"
    ).load_default_sets(apps, None)
    council = CouncilFactory(name="Wolverhampton")
    CouncilProfile.objects.create(name="Wolverhampton Council").our_area.set([council])
    home = ServiceFactory(name="Alder House", council=council, rating=Rating.GOOD)
    ContractFactory(service=home, start_date=datetime.date(2024, 4, 1))
    officer = UserFactory(username="priya", role="qa_officer", first_name="Priya", last_name="Shah")
    visit = visits.add_visit(
        service=home,
        by=officer,
        planned_on=datetime.date(2026, 6, 3),
        lead_officer=officer,
        visit_type="contract_review",
    )
    visit = visits.record_visit(
        visit=visit, by=officer, today=ISSUED, carried_out_on=visit.planned_on
    )
    areas = ("safe", "effective", "caring", "responsive", "well_led")
    judgements = {a: ("good", "x", "") for a in areas}
    visits.judge_visit(visit=visit, by=officer, judgements=judgements)
    visits.add_required_action(visit=visit, by=officer, area="safe", priority="high", action=ACTION)
    return visits.draft_report(visit=visit, by=officer)


def _go(page, assert_accessible, url):
    page.goto(url)
    assert_accessible(page)


def _click(page, assert_accessible, role, name):
    page.get_by_role(role, name=name, exact=True).click()
    page.wait_for_load_state("load")
    assert_accessible(page)


def _date(page, prefix, day):
    for part, value in (("day", day.day), ("month", day.month), ("year", day.year)):
        page.fill(f"#id_{prefix}_{part}", str(value))


def test_a_suspension_from_the_report_to_its_lifting(
    browser_page, assert_accessible, drafted_report, clock
):
    home = drafted_report.visit.service

    # The manager issues the report: its required action opens the action plan.
    manager = browser_page("qa_manager")
    _go(manager, assert_accessible, f"/visits/reports/{drafted_report.pk}/")
    _click(manager, assert_accessible, "button", "Sign off and issue the report")
    plan = home.action_plans.get()
    manager.close()  # one browser context holds one sign-in at a time

    # The officer enters the provider's response and accepts it.
    officer = browser_page("qa_officer", username="sam")
    _go(officer, assert_accessible, f"/plans/{plan.pk}/")
    _click(officer, assert_accessible, "link", "Record the provider's response")
    _date(officer, "received_on", ISSUED)
    officer.get_by_label("How it will be met for item 1").fill("A keypad lock, checked daily.")
    officer.get_by_label("By whom for item 1").fill("The deputy manager")
    _date(officer, f"item-{plan.items.get().pk}-by_when", DUE)
    _click(officer, assert_accessible, "button", "Save the response")
    _click(officer, assert_accessible, "link", f"Accept the response received {ISSUED:%-d %B %Y}")
    officer.get_by_label("Note (optional)").fill("The manager confirmed it by e-mail.")
    _click(officer, assert_accessible, "button", "Accept the response")

    # A week after the item fell due: it is overdue on the plan.
    clock["today"] = MEETING
    _go(officer, assert_accessible, f"/plans/{plan.pk}/")
    assert "overdue" in officer.locator("main").inner_text().lower()

    # The officer adds the meeting and builds its agenda.
    _go(officer, assert_accessible, "/meetings/")
    _click(officer, assert_accessible, "link", "Add a meeting")
    officer.get_by_label("Commissioning and Quality meeting").check()
    _date(officer, "held_on", MEETING)
    officer.get_by_label("Chair").fill("Alex Khan, Head of Commissioning")
    officer.get_by_label("Attendee 1: role").fill("Quality nurse")
    officer.get_by_label("Attendee 1: organisation").fill("NHS Black Country ICB")
    _click(officer, assert_accessible, "button", "Add the meeting")
    _click(officer, assert_accessible, "button", "Build the agenda")
    agenda = officer.locator("main").inner_text()
    assert "Action plans overdue" in agenda and "Action plan: 1 item overdue" in agenda
    meeting_url = officer.url.split("#")[0]
    # The manager records the meeting's decision to suspend; a past review date is refused.
    officer.close()
    manager = browser_page("qa_manager", username="morgan")
    _go(manager, assert_accessible, meeting_url)
    _click(
        manager,
        assert_accessible,
        "link",
        "Record the decision on Alder House: Action plan: 1 item overdue",
    )
    manager.get_by_label("Suspend new placements").check()
    manager.get_by_label("All new placements").check()
    manager.get_by_label("Conditions for lifting").fill("A month of signed treatment-room checks")
    manager.get_by_label("Reason for the decision").fill("The treatment room is still left open.")
    _date(manager, "review_on", MEETING - datetime.timedelta(days=1))
    _click(manager, assert_accessible, "button", "Record the decision")
    summary = manager.locator(".govuk-error-summary").inner_text()
    assert "Review date must be today or in the future" in summary
    assert not Decision.objects.exists() and not Step.objects.exists()
    _date(manager, "review_on", datetime.date(2026, 7, 29))
    _click(manager, assert_accessible, "button", "Record the decision")
    assert "Decision recorded: Alder House" in manager.locator("main").inner_text()
    step = Decision.objects.get().step
    assert step.by_meeting and step.meeting_on == MEETING

    # Unmistakable everywhere: the list, the page's red banner, the CSV.
    words = "Suspended: no new placements since 1 July 2026, review 29 July"
    _go(manager, assert_accessible, "/services/")
    assert words in manager.locator("main").inner_text()
    _go(manager, assert_accessible, f"/services/{home.pk}/")
    assert words in manager.locator(".careqa-notification-banner--suspended").inner_text()
    csv = manager.request.get("/services/export.csv").text()
    assert "Alder House" in csv and "Suspended" in csv

    # The commissioner sees it, and the meeting's decision, but cannot change them.
    manager.close()
    commissioner = browser_page("commissioner")
    _go(commissioner, assert_accessible, f"/services/{home.pk}/")
    assert words in commissioner.locator(".careqa-notification-banner--suspended").inner_text()
    _go(commissioner, assert_accessible, "/escalation/")
    assert "Alder House" in commissioner.locator("main").inner_text()
    _go(commissioner, assert_accessible, meeting_url)
    assert "The treatment room is still left open." in commissioner.locator("main").inner_text()
    assert commissioner.get_by_role("link", name="Record the decision").count() == 0

    # At the review date the manager records the review, then lifts the suspension.
    clock["today"] = datetime.date(2026, 7, 29)
    commissioner.close()
    manager = browser_page("qa_manager", username="dan")
    _go(manager, assert_accessible, f"/escalation/suspensions/{step.pk}/")
    _click(manager, assert_accessible, "link", "Record a review")
    manager.get_by_label("What the review found").fill("Checks signed for four weeks.")
    _date(manager, "next_review_on", datetime.date(2026, 8, 26))
    _click(manager, assert_accessible, "button", "Record the review")
    _click(manager, assert_accessible, "link", "Lift the suspension")
    manager.get_by_label("Reason", exact=True).fill("The room is locked and checked daily.")
    _click(manager, assert_accessible, "button", "Lift the suspension")
    assert "Not every condition" in manager.locator(".govuk-error-summary").inner_text()
    manager.get_by_label("Reason to lift", exact=False).fill("The checks were seen on a visit.")
    _click(manager, assert_accessible, "button", "Lift the suspension")
    step.refresh_from_db()
    assert step.status == "ended"
    _go(manager, assert_accessible, f"/services/{home.pk}/")
    assert manager.locator(".careqa-notification-banner--suspended").count() == 0
    _go(manager, assert_accessible, "/services/")
    assert "Suspended: no new placements" not in manager.locator("main").inner_text()
