"""A worker killed half-way through a job (SIGKILL, for real): nothing half-written, and the
job is tried again by the next worker, or failed with its reason once out of attempts."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django_tasks_db.models import DBTaskResult

from careqa.jobs.models import AdministratorNotice, ScheduleRun
from careqa.jobs.tests.tasks import write_then_wait

BASE_DIR = Path(__file__).resolve().parents[3]


def start_worker(env, *extra):
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--no-startup-delay", "--interval", "0.1", *extra],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def kill_when_inside(worker, folder):
    deadline = time.monotonic() + 60
    while not (folder / "inside").exists():
        assert worker.poll() is None, worker.stdout.read()
        assert time.monotonic() < deadline, "the job never started"
        time.sleep(0.1)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(10)
    worker.stdout.close()


def killed_job(outside_db, tmp_path):
    job = write_then_wait.enqueue(str(tmp_path))
    outside_db.push()
    kill_when_inside(start_worker(outside_db.env), tmp_path)
    outside_db.pull()
    row = DBTaskResult.objects.get(pk=job.id)
    assert row.status == "RUNNING"  # as the killed worker left it
    assert not ScheduleRun.objects.filter(name="half-written").exists()  # nothing half-written
    return row


def test_a_job_killed_half_way_leaves_nothing_and_is_run_again(outside_db, tmp_path):
    row = killed_job(outside_db, tmp_path)

    (tmp_path / "release").touch()
    done = subprocess.run(
        [sys.executable, "manage.py", "worker", "--batch", "--no-startup-delay"],
        cwd=BASE_DIR,
        env=outside_db.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    outside_db.pull()
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert len(row.worker_ids) == 2  # the killed attempt and this one
    assert ScheduleRun.objects.filter(name="half-written").count() == 1


def test_a_killed_job_out_of_attempts_is_failed_with_its_reason_and_told(outside_db, tmp_path):
    row = killed_job(outside_db, tmp_path)

    env = outside_db.env | {"CAREQA_JOB_ATTEMPTS": "1"}
    done = subprocess.run(
        [sys.executable, "manage.py", "worker", "--batch", "--no-startup-delay"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    outside_db.pull()
    row.refresh_from_db()
    assert row.status == "FAILED"
    assert "stopped before the job finished, so nothing it was doing was saved" in row.traceback
    notice = AdministratorNotice.objects.get()
    assert notice.subject == "A background job stopped after 1 attempts: write_then_wait"
    assert notice.task_id == str(row.pk)
    assert not ScheduleRun.objects.filter(name="half-written").exists()
