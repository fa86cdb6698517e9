"""The job worker: django-tasks-db's worker with a heartbeat, retries and recovery.

- A heartbeat row, written every few seconds from a thread of its own, tells /healthz the
  worker is alive, and tells other workers which running jobs still have someone on them.
- A job that raises is tried again (after a short wait) until it has had
  CAREQA_JOB_ATTEMPTS attempts; then it stays failed and the administrators are told.
- A job left "running" by a worker that was killed (SIGKILL, a crash, the machine lost) is
  found when a worker starts, and on each heartbeat: it is queued again, or failed with the
  reason once it has had its attempts. Its work was in a transaction that never committed,
  so nothing of it was written.
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from careqa.jobs.models import WorkerHeartbeat
from careqa.jobs.notify import notify_administrators

logger = logging.getLogger("careqa.jobs")

STOPPED = "careqa.jobs.worker.WorkerStopped"
# Seconds before a failed job's next attempt, by attempts made so far.
RETRY_WAIT = (0, 5, 30)

# Called when a job stops for good: task path -> fn(task_result_row, reason).
_give_up_handlers = {}


def on_give_up(task):
    """Decorator: `fn(row, reason)` runs when `task` fails for the last time."""

    def register(fn):
        _give_up_handlers[task.module_path] = fn
        return fn

    return register


def attempts(row):
    return len(row.worker_ids)


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def worker_is_gone(beat, *, now, here):
    """Whether the worker behind a heartbeat row has certainly stopped."""
    if beat is None or beat.stopped_at is not None:
        return True
    if beat.host == here:
        return not _pid_alive(beat.pid)
    return beat.beat_at < now - timedelta(seconds=settings.CAREQA_HEARTBEAT_MAX_AGE)


def recover_abandoned(*, except_worker=None):
    """Queue again, or fail with the reason, each job whose worker has gone. Returns them."""
    now, here = timezone.now(), socket.gethostname()
    beats = {b.worker_id: b for b in WorkerHeartbeat.objects.all()}
    recovered = []
    for row in DBTaskResult.objects.running():
        last = row.worker_ids[-1] if row.worker_ids else None
        if last == except_worker:
            continue
        beat = beats.get(last)
        if not worker_is_gone(beat, now=now, here=here):
            continue
        where = f"process {beat.pid} on {beat.host}" if beat else f"worker {last}"
        reason = (
            f"The worker running this job ({where}) stopped before the job finished, "
            "so nothing it was doing was saved"
        )
        with transaction.atomic():
            # Only if still running as we saw it: another worker may have got there first.
            claimed = DBTaskResult.objects.filter(
                pk=row.pk, status=TaskResultStatus.RUNNING, worker_ids=row.worker_ids
            )
            if attempts(row) < settings.CAREQA_JOB_ATTEMPTS:
                done = claimed.update(status=TaskResultStatus.READY, run_after=now)
            else:
                done = claimed.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    exception_class_path=STOPPED,
                    traceback=reason,
                )
        if done:
            logger.warning("job %s (%s): %s", row.pk, row.task_path, reason)
            row.refresh_from_db()
            if row.status == TaskResultStatus.FAILED:
                _gave_up(row, reason)
            recovered.append(row)
    return recovered


def _gave_up(row, reason):
    handler = _give_up_handlers.get(row.task_path)
    if handler is not None:
        try:
            handler(row, reason)
        except Exception:
            logger.exception("job %s: its give-up handler failed", row.pk)
    notify_administrators(
        f"A background job stopped after {attempts(row)} attempts: {row.task_name}",
        reason,
        task_id=row.pk,
    )


def last_error_line(row):
    lines = [line for line in (row.traceback or "").strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no reason recorded"


class CareQAWorker(Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._stop_beating = threading.Event()

    def run(self):
        now = timezone.now()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "started_at": now,
                "beat_at": now,
                "stopped_at": None,
            },
        )
        recover_abandoned(except_worker=self.worker_id)
        beating = threading.Thread(target=self._beat, name="heartbeat", daemon=True)
        beating.start()
        try:
            super().run()
        finally:
            self._stop_beating.set()
            close_old_connections()
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(
                stopped_at=timezone.now()
            )

    def _beat(self):
        # Its own thread, so its own database connection: a beat is never held back by a
        # job's long transaction on PostgreSQL (on SQLite it waits for the one writer).
        try:
            while not self._stop_beating.wait(settings.CAREQA_HEARTBEAT_EVERY):
                try:
                    WorkerHeartbeat.objects.filter(worker_id=self.worker_id).update(
                        beat_at=timezone.now()
                    )
                    recover_abandoned(except_worker=self.worker_id)
                except Exception:
                    logger.exception("heartbeat failed; trying again")
        finally:
            connection.close()

    def run_task(self, db_task_result):
        super().run_task(db_task_result)
        row = DBTaskResult.objects.get(pk=db_task_result.pk)
        if row.status != TaskResultStatus.FAILED:
            return
        if attempts(row) < settings.CAREQA_JOB_ATTEMPTS:
            wait = RETRY_WAIT[min(attempts(row), len(RETRY_WAIT) - 1)]
            DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.FAILED).update(
                status=TaskResultStatus.READY,
                run_after=timezone.now() + timedelta(seconds=wait),
                finished_at=None,
            )
            logger.warning("job %s failed (%s); tried again", row.pk, last_error_line(row))
        else:
            _gave_up(row, last_error_line(row))
