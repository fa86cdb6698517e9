"""An import's progress page: the bar moves without the page reloading, then the result."""

import pytest
from django.utils import timezone

from careqa.regulators.models import ImportRun
from careqa.regulators.progress import ProgressWriter

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _storage_here(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_bar_moves_by_polling_then_the_page_becomes_the_result(browser_page, assert_accessible):
    run = ImportRun.objects.create(
        regulator="cqc",
        file_name="hsca.csv",
        started_at=timezone.now(),
        by_name="A",
        status=ImportRun.Status.RUNNING,
        stored_file="imports/1/hsca.csv",
    )
    page = browser_page("qa_manager")
    page.goto(f"/imports/{run.pk}/", timeout=60_000)
    assert_accessible(page)
    page.evaluate("() => { window.notReloaded = true; }")

    ProgressWriter(run)("write", 300, 1200)
    page.get_by_text("300 of 1,200 rows").wait_for(timeout=10_000)
    assert page.locator("[data-progress-stage]").inner_text() == "Updating the register"
    assert page.evaluate("() => document.querySelector('progress').value") == 300
    assert page.evaluate("() => window.notReloaded") is True  # moved without reloading

    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.SUCCEEDED, finished_at=timezone.now()
    )
    page.get_by_role("heading", name="Import summary").wait_for(timeout=10_000)
    assert_accessible(page)
