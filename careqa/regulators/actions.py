"""Importing a regulator's file: parse it, then upsert the register in one transaction.

The write is all-or-nothing: a bad file, or any failure while writing, leaves the register
exactly as it was; only the ImportRun row recording the failure is kept. Work is done in
bulk (a few queries per thousand rows) so that a national file imports in seconds, and a
re-import of an unchanged file writes nothing but the run's own record.
"""

import hashlib
import os
import socket
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from careqa.audit.models import AuditEvent
from careqa.regulators import register_writer
from careqa.regulators.abandoned import fail_abandoned_runs
from careqa.regulators.models import ImportRun
from careqa.regulators.parsers import parse_file
from careqa.regulators.records import ImportFileError


def import_file(
    path,
    *,
    by,
    regulator=None,
    file_name=None,
    snapshot_date=None,
    deactivate_missing=True,
    progress=None,
    upload_path="",
    run=None,
    parsed=None,
) -> ImportRun:
    """Import one CQC or Ofsted file; return the recorded run, or raise ImportFileError.

    `by` is the user who asked for it, or None for the command line (recorded by name).
    `progress(stage, done, total)` is called now and then for a progress bar.
    `upload_path` is the temporary folder an upload was saved in, removed should the run
    be abandoned (the process killed) before the caller can remove it.
    `run` is a run already recorded (an upload queued as a job), started again here.
    `parsed` is what parse_file already made of `path` (in another process), not read again.
    """
    path = Path(path)
    file_name = file_name or path.name
    fail_abandoned_runs()
    fields = dict(
        pid=os.getpid(),
        host=socket.gethostname(),
        upload_path=str(upload_path or ""),
        regulator=regulator or "",
        file_name=file_name,
        file_size=path.stat().st_size if path.exists() else 0,
        sha256=_sha256(path),
        started_at=timezone.now(),
        by=by if by is not None and not isinstance(by, str) else None,
        by_name=_actor_name(by),
    )
    if run is None:
        run = ImportRun.objects.create(**fields)
    else:
        for name, value in fields.items():
            setattr(run, name, value)
        run.status, run.error, run.finished_at = ImportRun.Status.RUNNING, "", None
        run.save()
    try:
        parsed = parsed or parse_file(
            path,
            regulator=regulator,
            file_name=file_name,
            snapshot_date=snapshot_date,
            progress=(lambda done, total: progress("read", done, total)) if progress else None,
        )
        run.regulator = parsed.regulator
        run.layout = parsed.layout
        run.snapshot_date = parsed.snapshot_date
        run.full_register = parsed.full_register and deactivate_missing
        with transaction.atomic():
            register_writer.write(parsed, run=run, by=by, progress=progress)
            run.status = ImportRun.Status.SUCCEEDED
            run.finished_at = timezone.now()
            run.save()
    except ImportFileError as error:
        _record_failure(run, str(error))
        raise
    except Exception as error:
        _record_failure(run, f"{file_name}: the import stopped unexpectedly ({error!r})")
        raise
    return run


def _record_failure(run, message):
    run.status = ImportRun.Status.FAILED
    run.error = message
    run.finished_at = timezone.now()
    # Only the run's own columns: the counts of a rolled-back write would mislead.
    run.save(update_fields=["status", "error", "finished_at", "regulator", "layout"])


def _actor_name(by):
    if by is None:
        return "Command line"
    if isinstance(by, str):
        return by
    return by.get_full_name() or by.username


def _sha256(path):
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def audit_events_of_run(run):
    return AuditEvent.objects.filter(import_run_id=run.pk)


def queue_import(upload, *, regulator, by, storage=None):
    """Record an uploaded file's import, keep the file in storage and queue the job.

    Returns the run (status "queued"); the job worker imports it (careqa.regulators.tasks)
    with the same import_file the command line uses, all-or-nothing.
    """
    from django.core.files.storage import default_storage
    from django.utils.text import get_valid_filename

    from careqa.regulators.tasks import import_upload

    storage = storage or default_storage
    run = ImportRun.objects.create(
        regulator=regulator or "",
        file_name=upload.name[:300],
        file_size=upload.size or 0,
        started_at=timezone.now(),
        by=by,
        by_name=_actor_name(by),
        status=ImportRun.Status.QUEUED,
    )
    # The upload's own (sanitised) name: a parser may read the snapshot date from it.
    name = get_valid_filename(Path(upload.name).name) or "upload"
    run.stored_file = storage.save(f"imports/{run.pk}/{name}", upload)
    run.save(update_fields=["stored_file"])
    transaction.on_commit(lambda: import_upload.enqueue(run.pk))
    return run
