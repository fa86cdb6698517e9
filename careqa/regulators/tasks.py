"""The import of an uploaded file, as a background job (run by `careqa worker`)."""

import shutil
import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks import task

from careqa.jobs.worker import on_give_up
from careqa.regulators.abandoned import UPLOAD_PREFIX, remove_upload
from careqa.regulators.models import ImportRun
from careqa.regulators.progress import ProgressWriter, remove_progress
from careqa.regulators.records import ImportFileError


@task()
def import_upload(run_id):
    """Import the stored upload of run `run_id`; returns the run's outcome.

    A bad file is an outcome, not a failure of the job: it is recorded on the run and not
    tried again. Anything else raises, and the worker tries again (careqa.jobs.worker).
    """
    from careqa.regulators.actions import import_file

    run = ImportRun.objects.get(pk=run_id)
    if run.status in (ImportRun.Status.SUCCEEDED, ImportRun.Status.FAILED) and not run.stored_file:
        return run.status  # already done (a job queued twice)
    remove_upload(run.upload_path)  # the copy of an attempt that was killed
    folder = Path(tempfile.mkdtemp(prefix=UPLOAD_PREFIX))
    try:
        path = folder / Path(run.stored_file).name
        with default_storage.open(run.stored_file) as source, open(path, "wb") as target:
            shutil.copyfileobj(source, target, 1 << 20)
        try:
            import_file(
                path,
                by=run.by,
                regulator=run.regulator or None,
                file_name=run.file_name,
                upload_path=folder,
                progress=ProgressWriter(run),
                run=run,
            )
        except ImportFileError:
            _finished(run)
            return ImportRun.Status.FAILED
        _finished(run)
        return ImportRun.Status.SUCCEEDED
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _finished(run):
    """The job is over: the stored upload and its progress are no longer needed."""
    if run.stored_file:
        default_storage.delete(run.stored_file)
    remove_progress(run)
    ImportRun.objects.filter(pk=run.pk).update(stored_file="")


@on_give_up(import_upload)
def _gave_up(row, reason):
    run = ImportRun.objects.filter(pk=row.args_kwargs["args"][0]).first()
    if run is None:
        return
    if run.status != ImportRun.Status.SUCCEEDED:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED,
            error=f"{run.file_name}: the import could not be finished. {reason}. "
            "Nothing in the register was changed.",
            finished_at=timezone.now(),
        )
    _finished(run)
