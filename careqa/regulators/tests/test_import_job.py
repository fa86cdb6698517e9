"""An upload imports as a job: its page shows the progress, then the result."""

import django.test
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from careqa.jobs.testing import run_queued_jobs
from careqa.providers.models import Service
from careqa.regulators.models import ImportRun
from careqa.regulators.progress import ProgressWriter, read_progress
from careqa.regulators.tests.test_parsers_support import hsca_rows, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _storage_here(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_upload_is_stored_queued_and_its_page_shows_progress_until_done(
    client, personas, tmp_path
):
    client.force_login(personas["qa_manager"])
    path = write_csv(tmp_path / "hsca.csv", hsca_rows())
    with open(path, "rb") as handle, django.test.TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("regulators:import-upload"), {"regulator": "cqc", "file": handle}
        )
    run = ImportRun.objects.get()
    assert response.url == reverse("regulators:import-detail", args=[run.pk])
    assert run.status == ImportRun.Status.QUEUED
    assert default_storage.exists(run.stored_file)
    assert not Service.objects.exists()  # nothing imported by the request itself

    html = client.get(response.url).text
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert '<progress class="careqa-progress"' in html
    assert "Waiting for the job worker to start the import" in html
    assert "careqa-progress.js" in html
    progress_url = reverse("regulators:import-progress", args=[run.pk])
    assert client.get(progress_url).json() == {
        "status": "queued",
        "status_label": "Waiting to start",
        "finished": False,
        "stage": "",
        "done": 0,
        "total": None,
    }

    # Part-way, as the job writes it.
    ProgressWriter(run)("write", 40, 120)
    state = client.get(progress_url).json()
    assert (state["stage"], state["done"], state["total"]) == ("Updating the register", 40, 120)
    assert "40 of 120 rows" in client.get(response.url).text

    assert run_queued_jobs() == 1
    run.refresh_from_db()
    assert run.status == ImportRun.Status.SUCCEEDED and Service.objects.exists()
    assert client.get(progress_url).json()["finished"] is True
    html = client.get(response.url).text
    assert "Import summary" in html and "http-equiv" not in html
    assert run.stored_file == "" and read_progress(run) is None  # tidied away


def test_progress_is_written_at_most_twice_a_second_but_always_at_the_end(tmp_path, settings):
    run = ImportRun(pk=99)
    now = [0.0]
    writer = ProgressWriter(run, clock=lambda: now[0])
    writer("read", 1, 100)
    now[0] = 0.1
    writer("read", 2, 100)
    assert read_progress(run)["done"] == 1
    writer("read", 100, 100)
    assert read_progress(run)["done"] == 100
    now[0] = 0.7
    writer("write", 5, 100)
    assert read_progress(run)["stage"] == "write"
