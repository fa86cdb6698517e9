"""A run left "Running" by a process that was killed is marked failed and its upload removed."""

import datetime
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from careqa.audit.models import AuditEvent
from careqa.factories import UserFactory
from careqa.regulators.abandoned import UPLOAD_PREFIX, fail_abandoned_runs
from careqa.regulators.actions import import_file
from careqa.regulators.models import ImportRun
from careqa.regulators.records import ImportFileError

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_pid():
    """The number of a process that has certainly ended (started and reaped here)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    pid = int(done.stdout)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    return pid


@pytest.fixture
def upload_folder():
    folder = Path(tempfile.mkdtemp(prefix=UPLOAD_PREFIX))
    (folder / "national.ods").write_bytes(b"PK\x03\x04 left behind")
    yield folder
    if folder.exists():
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()


def running(**kw):
    defaults = dict(
        regulator="cqc",
        file_name="national.ods",
        started_at=timezone.now() - datetime.timedelta(minutes=5),
        by_name="Sam Manager",
        status=ImportRun.Status.RUNNING,
        host=socket.gethostname(),
    )
    return ImportRun.objects.create(**{**defaults, **kw})


def test_a_run_whose_process_is_gone_is_failed_with_the_reason(dead_pid, upload_folder):
    run = running(pid=dead_pid, upload_path=str(upload_folder))

    assert fail_abandoned_runs() == [run]

    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    host = socket.gethostname()
    assert run.error == (
        f"The import stopped before it finished (process {dead_pid} on {host} is no longer running)"
    )
    assert run.finished_at is not None
    assert not upload_folder.exists()
    event = AuditEvent.objects.get(record_type="import run", record_id=run.pk)
    assert event.changes == {"status": ["running", "failed"]}


def test_a_run_whose_process_still_runs_is_left_running(upload_folder):
    run = running(pid=os.getpid(), upload_path=str(upload_folder), started_at=timezone.now())
    assert fail_abandoned_runs() == []
    run.refresh_from_db()
    assert run.status == ImportRun.Status.RUNNING
    assert upload_folder.exists()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
def test_a_process_number_reused_by_a_newer_process_does_not_keep_a_run_running():
    # This test's process started well after a run of a day ago: it is not that run's.
    run = running(pid=os.getpid(), started_at=timezone.now() - datetime.timedelta(days=1))
    assert fail_abandoned_runs() == [run]


def test_a_run_of_another_machine_or_of_old_is_left_alone(dead_pid):
    elsewhere = running(pid=dead_pid, host="another-server")
    old = running(pid=None, host="")
    fail_abandoned_runs()
    for run in (elsewhere, old):
        run.refresh_from_db()
        assert run.status == ImportRun.Status.RUNNING


def test_only_an_upload_folder_is_ever_removed(dead_pid, tmp_path):
    precious = tmp_path / "keep"
    precious.mkdir()
    running(pid=dead_pid, upload_path=str(precious))
    fail_abandoned_runs()
    assert precious.exists()


def test_the_imports_list_cleans_up_and_shows_the_reason(client, dead_pid, upload_folder):
    run = running(pid=dead_pid, upload_path=str(upload_folder))
    client.force_login(UserFactory(username="manager", role="qa_manager"))

    response = client.get(reverse("regulators:import-list"))

    assert response.status_code == 200
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert "Failed" in response.content.decode()
    assert not upload_folder.exists()


def test_the_next_import_cleans_up_first_and_records_its_own_process(dead_pid, tmp_path):
    stale = running(pid=dead_pid)
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportFileError):
        import_file(bad, by=None, regulator="cqc")
    stale.refresh_from_db()
    assert stale.status == ImportRun.Status.FAILED
    latest = ImportRun.objects.exclude(pk=stale.pk).get()
    assert (latest.pid, latest.host) == (os.getpid(), socket.gethostname())
