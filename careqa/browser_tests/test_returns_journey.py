"""A data return in a real browser: a care home's registered manager (a provider user)
opens their home's returns, sends October's KPIs with an error, is shown it beside the
field, puts it right and sends; axe-core runs on every page."""

import datetime

import pytest

from careqa.factories import ProviderFactory, ServiceFactory
from careqa.returns import actions
from careqa.returns.models import Submission

pytestmark = pytest.mark.browser

TODAY = datetime.date(2026, 10, 10)  # inside October's window, the 8th to the 14th

VALUES = {
    "occupied_beds": "33",  # more than the 30 registered beds: the error
    "vacant_beds": "2",
    "funded_by_council": "9",
    "staff_headcount": "40",
    "agency_hours": "96",
    "staff_vacancies": "1",
    "staff_turnover": "21",
    "falls": "4",
    "falls_with_harm": "1",
    "pressure_ulcers": "0",
    "medication_errors": "0",
    "safeguarding_referrals": "1",
    "complaints_received": "1",
    "complaints_upheld": "0",
    "hospital_admissions": "2",
    "dols_applications": "1",
}


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    return TODAY


def test_a_manager_sends_a_monthly_return_after_putting_an_error_right(
    browser_page, assert_accessible
):
    actions.load_default_templates()
    provider = ProviderFactory(name="Alder Care Ltd")
    home = ServiceFactory(name="Alder House", provider=provider, beds=30)
    page = browser_page("provider", scope_provider=provider)

    page.goto(f"/returns/services/{home.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Send the return for October 2026").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert page.input_value("#id_registered_beds") == "30"  # from the register
    for code, value in VALUES.items():
        page.fill(f"#id_{code}", value)
    page.locator("#id_infection_outbreak_1").check()  # No
    page.get_by_role("button", name="Send the return").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Occupied beds must be no more than registered beds" in summary
    assert not Submission.objects.exists()
    assert page.input_value("#id_falls") == "4"  # what was typed is kept

    page.locator(".govuk-error-summary a").first.click()
    page.fill("#id_occupied_beds", "28")
    page.get_by_role("button", name="Send the return").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert "Care home monthly KPIs: October 2026" in page.locator("h1").inner_text()
    sent = Submission.objects.get()
    assert sent.values["occupied_beds"] == "28" and not sent.late and not sent.on_behalf
