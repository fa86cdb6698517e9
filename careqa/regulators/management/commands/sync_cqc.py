"""careqa sync-cqc: bring the register up to date from CQC's API (the changed locations)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from careqa.regulators.cqc_api import SyncError, sync


def _since(text):
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(text) from None
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


class Command(BaseCommand):
    help = (
        "Write the locations CQC's API lists as changed since the last sync into the register "
        "(needs CQC_API_KEY)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            type=_since,
            help="YYYY-MM-DD: where the first sync starts when there has been none (default: "
            "the date of the latest CQC file import)",
        )
        parser.add_argument("--user", help="record the sync as done by this user name")

    def handle(self, *args, since, user, **options):
        by = None
        if user:
            try:
                by = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user called {user!r}") from error
        verbose = options.get("verbosity", 1) > 1
        try:
            runs = sync(
                since=since,
                by=by,
                report=(lambda message: self.stderr.write(message)) if verbose else None,
            )
        except SyncError as error:
            raise CommandError(str(error)) from error
        if not runs:
            self.stdout.write("Nothing to do: the last sync ended just now.")
        for run in runs:
            seconds = (run.finished_at - run.started_at).total_seconds()
            self.stdout.write(
                f"Sync #{run.pk}: changes from {run.window_start:%Y-%m-%d %H:%M:%S} to "
                f"{run.window_end:%Y-%m-%d %H:%M:%S} UTC"
                + (f" (resumed {run.resumed} times)" if run.resumed else "")
                + f", {seconds:.1f} s"
            )
            self.stdout.write(
                f"changed {run.changes}: written {run.locations_written}, outside social care "
                f"{run.locations_skipped}, gone from CQC {run.locations_gone}; providers "
                f"fetched {run.providers_fetched}; awaiting a report "
                f"{run.unpublished_inspections}; {run.batches} batches; requests "
                f"{run.requests}, retried {run.retries}"
            )
