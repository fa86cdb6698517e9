"""Imports left "Running" by a crash or a kill: recognised, marked failed, their upload removed.

Kept apart from actions.py so that the imports list can check without loading the parsers.
"""

import os
import shutil
import socket
import tempfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from careqa.audit.models import AuditEvent
from careqa.regulators.models import ImportRun

UPLOAD_PREFIX = "careqa-upload-"
SYSTEM = "CareQA"


def fail_abandoned_runs():
    """Mark failed each run left "Running" by a process that is no longer running.

    A crash or a kill leaves its run "Running" for ever, and an upload's temporary file on
    disk. Only runs of this machine can be judged (a process elsewhere cannot be seen);
    runs recorded before processes were (no pid) are left as they are. Returns the runs.
    """
    host = socket.gethostname()
    abandoned = [
        run
        # An upload imported as a job is the job worker's to judge: it retries it.
        for run in ImportRun.objects.filter(
            status=ImportRun.Status.RUNNING, host=host, stored_file=""
        )
        .exclude(pid=None)
        .only("pk", "pid", "host", "upload_path", "started_at", "file_name")
        if not _still_running(run)
    ]
    for run in abandoned:
        reason = (
            f"The import stopped before it finished (process {run.pid} on {run.host} is no "
            "longer running)"
        )
        with transaction.atomic():
            # Only if still running: another request may have just cleaned it up.
            changed = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING).update(
                status=ImportRun.Status.FAILED, error=reason, finished_at=timezone.now()
            )
            if changed:
                AuditEvent.objects.create(
                    occurred_at=timezone.now(),
                    actor_name=SYSTEM,
                    action=AuditEvent.Action.CHANGED,
                    record_type="import run",
                    record_id=run.pk,
                    record_label=run.file_name[:300],
                    changes={"status": [ImportRun.Status.RUNNING, ImportRun.Status.FAILED]},
                    import_run_id=run.pk,
                    note=reason[:300],
                )
        if changed:
            remove_upload(run.upload_path)
    return abandoned


def _still_running(run):
    try:
        os.kill(run.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: it exists
    started = _process_started(run.pid)
    # A process started after the run is another one that was given the same number.
    return started is None or started <= run.started_at.timestamp() + 5


def _process_started(pid):
    """When process `pid` started, as a Unix time, where Linux's /proc tells; else None."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        with open("/proc/stat", encoding="ascii") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith("btime"))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, StopIteration):
        return None


def remove_upload(folder):
    """Remove an abandoned upload's temporary folder, and nothing that is not one."""
    if not folder:
        return
    path = Path(folder)
    if path.parent != Path(tempfile.gettempdir()) or not path.name.startswith(UPLOAD_PREFIX):
        return
    shutil.rmtree(path, ignore_errors=True)
