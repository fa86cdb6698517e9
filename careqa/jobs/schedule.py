"""The daily schedule: what runs each day, at what time, registered by the app that owns it.

An app adds its daily work in its own `schedule.py` (imported at start-up by
load_registrations), calling `register(name, at, command=... or call=...)`. `careqa
scheduler` runs each entry once a day at or after its time; `careqa run-schedule`, called
from cron, does the same once and exits. Every run is logged (ScheduleRun) with its
outcome and what it said, and shown on the "Jobs and schedule" page.

Names kept for the owners to register: sync-cqc (the CQC API sync), apply-retention
(retention of personal details), expire-invitations (account invitations).
"""

import datetime
import io
import traceback
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

OUTPUT_LIMIT = 4000


@dataclass(frozen=True)
class Entry:
    name: str
    at: datetime.time  # local time (settings.TIME_ZONE) of day
    description: str
    command: tuple = ()  # a management command and its arguments, or
    call: object = None  # a callable returning a summary (text)

    def run(self):
        if self.call is not None:
            return str(self.call() or "")
        out = io.StringIO()
        call_command(*self.command, stdout=out, stderr=out)
        return out.getvalue()


_entries: dict[str, Entry] = {}


def register(name, at, *, description, command=(), call=None):
    if bool(command) == (call is not None):
        raise ValueError(f"schedule entry {name}: give a command or a callable, not both")
    if isinstance(at, str):
        at = datetime.time.fromisoformat(at)
    _entries[name] = Entry(name, at, description, tuple(command), call)


def entries():
    return sorted(_entries.values(), key=lambda e: (e.at, e.name))


def entry(name):
    return _entries[name]


def load_registrations():
    """Import each installed app's `schedule` module, where it registers its daily work."""
    for config in apps.get_app_configs():
        if config.name.startswith("careqa.") and config.name != "careqa.jobs":
            try:
                import_module(f"{config.name}.schedule")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.schedule":
                    raise


def due(now, runs_today):
    """The entries whose time has come today and that have not run today (pure)."""
    local = timezone.localtime(now).time()
    return [e for e in entries() if e.at <= local and e.name not in runs_today]


def run_entry(item, *, started_by, now=None):
    """Run one entry now, logging the run; returns the ScheduleRun."""
    from careqa.jobs.models import ScheduleRun

    now = now or timezone.now()
    run = ScheduleRun.objects.create(
        name=item.name, day=timezone.localdate(now), started_at=now, started_by=started_by
    )
    try:
        # Each entry keeps its own transactions (a sync commits batch by batch).
        output = item.run()
    except Exception as error:
        run.outcome = ScheduleRun.Outcome.FAILED
        run.output = f"{error!r}\n\n{traceback.format_exc()}"[-OUTPUT_LIMIT:]
    else:
        run.outcome = ScheduleRun.Outcome.SUCCEEDED
        run.output = output[:OUTPUT_LIMIT]
    run.finished_at = timezone.now()
    run.save()
    if run.outcome == ScheduleRun.Outcome.FAILED:
        from careqa.jobs.notify import notify_administrators

        notify_administrators(
            f"The daily {item.name} failed", run.output.splitlines()[0] if run.output else ""
        )
    return run


def run_due(*, started_by, now=None):
    """Run every entry due today that has not yet run today. Returns the runs."""
    from careqa.jobs.models import ScheduleRun

    now = now or timezone.now()
    done = set(
        ScheduleRun.objects.filter(day=timezone.localdate(now))
        .exclude(outcome=ScheduleRun.Outcome.RUNNING)
        .values_list("name", flat=True)
    )
    return [run_entry(item, started_by=started_by) for item in due(now, done)]
