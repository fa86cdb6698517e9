"""A QA manager's less daily paths: import a file, read its summary, record a contract;
an administrator's: configure the council, add and deactivate a user. In a real browser,
with axe-core on every page."""

import pytest

from careqa.accounts.models import User
from careqa.factories import CouncilFactory, ServiceFactory
from careqa.jobs.testing import run_queued_jobs
from careqa.providers.models import Contract, Service

pytestmark = pytest.mark.browser


def test_manager_imports_a_file_then_records_a_contract(
    browser_page, assert_accessible, shared_data, tmp_path
):
    page = browser_page("qa_manager")
    page.goto("/imports/")
    assert_accessible(page)
    page.get_by_role("button", name="Import a file").click()
    page.wait_for_load_state("load")
    assert_accessible(page)

    # A file that is not a regulator's: the form comes back with the reason.
    page.get_by_label("Ofsted").check()
    wrong = tmp_path / "homes_list.csv"
    wrong.write_text("Home,Beds\nAlder House,30\n", encoding="utf-8")
    page.set_input_files("input[type=file]", str(wrong))
    page.get_by_role("button", name="Import file").click()
    page.wait_for_load_state("load")
    # The upload is imported as a job: the worker's turn, then the import's page says why.
    assert run_queued_jobs() == 1
    page.reload()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert "Failed" in page.locator("main").inner_text()
    assert "homes_list.csv" in page.locator("main").inner_text()
    page.goto("/imports/upload/")

    page.get_by_label("Ofsted").check()
    page.set_input_files(
        "input[type=file]",
        str(shared_data / "ofsted" / "ofsted_csc_providers_at_31_march_2025.csv"),
    )
    page.get_by_role("button", name="Import file").click()
    page.wait_for_load_state("load")
    assert run_queued_jobs() == 1
    page.reload()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Import summary").is_visible()
    assert "Succeeded" in page.locator("main").inner_text()

    service = Service.objects.filter(regulator="ofsted", council__name="Wolverhampton").first()
    page.goto(f"/services/{service.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Record a contract").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_role("button", name="Add contract").click()  # empty: errors come back
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.locator(".govuk-error-summary").is_visible()
    page.get_by_label("Framework or contract name").fill("Children's Residential Framework")
    page.locator("input[name$='day']").first.fill("1")
    page.locator("input[name$='month']").first.fill("4")
    page.locator("input[name$='year']").first.fill("2025")
    page.get_by_label("Funded placements").fill("2")
    page.get_by_role("button", name="Add contract").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert Contract.objects.get(service=service).framework == "Children's Residential Framework"


def test_administrator_names_the_council_and_its_area(browser_page, assert_accessible):
    wolverhampton = CouncilFactory(name="Wolverhampton")
    ServiceFactory(council=wolverhampton)
    page = browser_page("administrator")
    page.goto("/settings/council/")
    assert_accessible(page)
    page.get_by_label("Council name").fill("City of Wolverhampton Council")
    page.get_by_label("Wolverhampton").check()
    page.get_by_role("button", name="Save council settings").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.locator("header").get_by_text("City of Wolverhampton Council").is_visible()


def test_administrator_adds_a_user_then_deactivates_them(browser_page, assert_accessible):
    page = browser_page("administrator")
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Administration").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_role("link", name="Users", exact=True).click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_role("link", name="Add a user").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    # Submitted empty, the form lists what is missing and each error leads to its field.
    page.get_by_role("button", name="Send invitation").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_role("link", name="Enter the person's first name").click()
    assert page.evaluate("document.activeElement.id") == "id_first_name"
    page.get_by_label("First name").fill("Priya")
    page.get_by_label("Last name").fill("Shah")
    page.get_by_label("Email address").fill("priya.shah@example.org")
    page.get_by_label("Username").fill("pshah")
    page.get_by_label("Organisation (optional)").fill("Black Country ICB")
    page.get_by_label("Partner (read only)").check()
    page.get_by_role("button", name="Send invitation").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.get_by_text("Invitation sent to priya.shah@example.org").is_visible()
    page.get_by_role("button", name="Deactivate account of Priya Shah").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.get_by_role("button", name="Deactivate account").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.get_by_text("Priya Shah's account deactivated").is_visible()
    assert page.get_by_text("deactivated this user").is_visible()
    assert User.objects.get(username="pshah").is_active is False
