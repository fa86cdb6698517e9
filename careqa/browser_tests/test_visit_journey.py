"""A monitoring visit from the programme to the issued report's PDF, in a real browser:
the manager plans the year, the officer records the visit, its findings, judgements, a
person's view and a required action, and writes the report; the manager issues it. The
PDF is read back with poppler. axe-core runs on every page."""

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps

from careqa.areas.models import CouncilProfile
from careqa.factories import ContractFactory, CouncilFactory, ServiceFactory, UserFactory
from careqa.providers.vocab import Rating
from careqa.visits import actions
from careqa.visits.models import Visit
from careqa.visits.vocab import ReportStatus, VisitStatus

pytestmark = pytest.mark.browser

SAID = "The staff know my dad well and he is never rushed at meals."
FOUND = "Staff named the safeguarding lead and the council's number."
ACTION = "Keep the treatment room locked whenever it is unattended."
# A fixed Wednesday, so the year's plan has room whatever the real date (the live server
# runs in this process, so patching the clock reaches its pages too).
TODAY = datetime.date(2026, 6, 10)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    return TODAY


def _question_sets():
    # A transactional test empties the tables the migrations filled: put the sets back.
    import importlib

    module = importlib.import_module("careqa.visits.migrations.0002_default_question_sets")
    module.load_default_sets(apps, None)


@pytest.fixture
def commissioned_home(transactional_db):
    _question_sets()
    council = CouncilFactory(name="Wolverhampton")
    CouncilProfile.objects.create(name="Wolverhampton Council").our_area.set([council])
    home = ServiceFactory(
        name="Alder House",
        council=council,
        street_address="1 High Street",
        city="Wolverhampton",
        rating=Rating.GOOD,
    )
    ContractFactory(service=home, start_date=datetime.date(2024, 4, 1))
    return home


@pytest.fixture
def officer(transactional_db):
    officer = UserFactory(
        username="qa_officer-browser", role="qa_officer", first_name="Priya", last_name="Shah"
    )
    manager = UserFactory(
        username="qa_manager-browser", role="qa_manager", first_name="Dan", last_name="Hughes"
    )
    actions.save_officer_profile(
        officer=officer, by=manager, visits_per_week=4, working_days=[0, 1, 2, 3, 4]
    )
    return officer


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


def _shot(page, tmp_path, name):
    # CAREQA_SCREENSHOT_DIR keeps them for a person to look at.
    folder = Path(os.environ.get("CAREQA_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"journey-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_a_visit_from_the_plan_to_the_issued_pdf(
    browser_page, assert_accessible, commissioned_home, officer, tmp_path, today
):
    year = today.year

    # The manager drafts the year's programme, reads it and confirms it.
    manager_page = browser_page("qa_manager")
    _go(manager_page, assert_accessible, f"/visits/programme/{year}/plan/")
    draft = manager_page.locator("main").inner_text()
    assert "Alder House" in draft and "Priya Shah" in draft
    _click(manager_page, assert_accessible, "button", "Confirm the programme")
    assert f"The {year} programme is planned" in manager_page.locator("main").inner_text()
    visit = Visit.objects.get(service=commissioned_home, status=VisitStatus.PLANNED)
    assert visit.lead_officer == officer
    manager_page.close()

    # The officer finds the visit on their programme page, then records what happened.
    page = browser_page("qa_officer")
    _go(page, assert_accessible, "/")
    _shot(page, tmp_path, "my-work-before")
    _go(page, assert_accessible, f"/visits/programme/{year}/officers/{officer.pk}/")
    page.get_by_role("link", name="Alder House").first.click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.url.endswith(f"/visits/{visit.pk}/")
    _click(page, assert_accessible, "link", "Record the visit")
    _date(page, "carried_out_on", today)
    page.get_by_label("Start time (optional)").fill("9:30")
    page.get_by_label("End time (optional)").fill("13:00")
    page.get_by_label("Unannounced").check()
    page.get_by_label("On site").check()
    page.get_by_label("Purpose of the visit").fill("The annual contract review.")
    page.get_by_label("Methodology").fill("Spoke to four residents and two staff.")
    _click(page, assert_accessible, "button", "Save")
    assert "The visit's record is saved" in page.locator("main").inner_text()
    _shot(page, tmp_path, "visit")

    # Findings for each key question: every question answered.
    for area in ("Safe", "Effective", "Caring", "Responsive", "Well-led"):
        _click(page, assert_accessible, "link", f"Record findings for {area}")
        radios = page.locator("input[type=radio][value=met]")
        assert radios.count() >= 3
        for i in range(radios.count()):
            radios.nth(i).check()
        if area == "Safe":
            page.get_by_label("Evidence for question 1", exact=True).fill(FOUND)
            _shot(page, tmp_path, "findings")
        _click(page, assert_accessible, "button", "Save findings")
        assert f"Findings for {area} saved" in page.locator("main").inner_text()

    # Judgements: the rule's preselected; the officer departs from it on Safe.
    _click(page, assert_accessible, "link", "Judge the key questions")
    page.select_option("#id_safe-judgement", "requires_improvement")
    _click(page, assert_accessible, "button", "Save judgements")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Requires improvement or Inadequate needs evidence" in summary
    page.fill("#id_safe-departure_reason", "The medicines audit found gaps the questions miss.")
    page.fill("#id_safe-evidence", "Two missed signatures on the medicines charts.")
    _click(page, assert_accessible, "button", "Save judgements")
    assert "Judgements saved" in page.locator("main").inner_text()

    # A person's view, shared with consent, and a required action.
    _click(page, assert_accessible, "link", "Record someone's view")
    _date(page, "heard_on", today)
    page.get_by_label("Relative or friend").check()
    page.get_by_label("At the visit").check()
    page.get_by_label("What they said", exact=True).fill(SAID)
    page.get_by_label("Positive").check()
    page.get_by_label("They agreed that what they said may be shared").check()
    _click(page, assert_accessible, "button", "Save the view")
    _click(page, assert_accessible, "link", "Add a required action")
    page.get_by_role("group", name="Key question").get_by_label("Safe").check()
    page.get_by_label("High").check()
    page.get_by_label("What must be put right").fill(ACTION)
    _click(page, assert_accessible, "button", "Save the action")
    assert ACTION in page.locator("main").inner_text()

    _click(page, assert_accessible, "button", "Write the report")
    assert "Monitoring visit report, version 1" in page.locator("h1").inner_text()
    assert page.get_by_role("button", name="Sign off and issue the report").count() == 0
    _shot(page, tmp_path, "report-draft")
    _go(page, assert_accessible, "/")
    mine = page.locator("#reports-to-write").inner_text()
    assert "Alder House" in mine and "Draft written" in mine
    _shot(page, tmp_path, "my-work")
    page.close()

    # The manager signs off and issues the report, then downloads its PDF.
    manager_page = browser_page("qa_manager")
    _go(manager_page, assert_accessible, "/")
    assert "Alder House" in manager_page.locator("#team-reports").inner_text()
    _shot(manager_page, tmp_path, "my-work-manager")
    report = visit.reports.get()
    _go(manager_page, assert_accessible, f"/visits/reports/{report.pk}/")
    _click(manager_page, assert_accessible, "button", "Sign off and issue the report")
    assert "Report version 1 issued" in manager_page.locator("main").inner_text()
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED
    _shot(manager_page, tmp_path, "report")
    with manager_page.expect_download() as download_info:
        manager_page.get_by_role("link", name="Download the PDF").click()
    folder = Path(os.environ.get("CAREQA_SCREENSHOT_DIR") or tmp_path)
    pdf = folder / "journey-report.pdf"
    download_info.value.save_as(pdf)

    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for words in (
        "Alder House",
        "Monitoring visit report",
        ACTION,
        SAID,
        "Safe: Requires improvement",
        FOUND,
        "Our overall judgement Good",
        "Evidence for the judgement: Two missed signatures",
    ):
        assert words in flat, words
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert 2 <= int(fields["Pages"]) <= 8
    assert fields["Tagged"].strip() == "yes"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), str(folder / "pdf")],
        check=True,
    )
