"""Jobs for the tests of the worker (queued by the tests, run by a real worker)."""

import time
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from careqa.jobs.models import ScheduleRun


@task()
def always_fails():
    raise RuntimeError("the regulator's server said no")


@task()
def write_then_wait(folder):
    """Write a row, say so (a file "inside"), then wait in the same transaction for "release"."""
    folder = Path(folder)
    with transaction.atomic():
        ScheduleRun.objects.create(
            name="half-written", day=timezone.localdate(), started_at=timezone.now(), started_by="t"
        )
        (folder / "inside").touch()
        deadline = time.monotonic() + 60
        while not (folder / "release").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    return "done"
