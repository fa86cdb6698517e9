"""How far an import job has got: written by the job, read by the import's page.

Kept in Django's storage beside the uploaded file, not in the database: the import holds
the database's write lock (SQLite has one writer) for its whole transaction, so progress
written there would wait for the end. The storage is shared by the web server and the
worker already (the upload travels through it), so whatever reaches one reaches the other.
"""

import json
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

STAGES = {"read": "Reading the file", "write": "Updating the register"}
EVERY = 0.5  # seconds between writes: enough for a bar, little work for the import


def progress_name(run):
    return f"imports/{run.pk}/progress.json"


class ProgressWriter:
    """progress(stage, done, total) for import_file, writing at most every EVERY seconds."""

    def __init__(self, run, *, storage=None, clock=time.monotonic):
        self.name = progress_name(run)
        self.storage = storage or default_storage
        self.clock = clock
        self.last = None

    def __call__(self, stage, done, total):
        now = self.clock()
        finished = total is not None and done >= total
        if self.last is not None and now - self.last < EVERY and not finished:
            return
        self.last = now
        self.write({"stage": stage, "done": done, "total": total})

    def write(self, state):
        body = json.dumps(state).encode()
        try:
            path = self.storage.path(self.name)
        except NotImplementedError:
            self.storage.delete(self.name)
            self.storage.save(self.name, ContentFile(body))
            return
        # On disk: written aside then renamed, so a reader never sees half a file.
        from pathlib import Path

        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        aside = target.with_suffix(".tmp")
        aside.write_bytes(body)
        aside.replace(target)


def read_progress(run, *, storage=None):
    """{"stage", "stage_label", "done", "total"} as last written, or None."""
    storage = storage or default_storage
    try:
        with storage.open(progress_name(run)) as handle:
            state = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    state["stage_label"] = STAGES.get(state.get("stage"), "Working")
    return state


def remove_progress(run, *, storage=None):
    storage = storage or default_storage
    storage.delete(progress_name(run))
