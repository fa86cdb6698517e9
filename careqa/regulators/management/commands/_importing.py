"""What `import-cqc` and `import-ofsted` share: arguments, progress bar, the closing counts."""

import argparse
import datetime
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from careqa.regulators.actions import import_file
from careqa.regulators.records import ImportFileError


class ImportCommand(BaseCommand):
    regulator = None

    def add_arguments(self, parser):
        parser.add_argument("file", help="the regulator's file (CSV, XLSX or ODS)")
        parser.add_argument(
            "--snapshot-date",
            type=datetime.date.fromisoformat,
            help="the date the file describes, YYYY-MM-DD, when the file itself does not say",
        )
        parser.add_argument(
            "--no-deactivate",
            action="store_true",
            help="do not mark services missing from a national file as inactive",
        )
        parser.add_argument("--user", help="record the import as done by this user name")
        parser.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="show a progress bar (default: when the output is a terminal)",
        )

    def handle(self, *args, file, snapshot_date, no_deactivate, user, progress, **options):
        by = None
        if user:
            try:
                by = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user called {user!r}") from error
        show = sys.stderr.isatty() if progress is None else progress
        bars = {}

        def report(stage, done, total):
            if not show:
                return
            bar = bars.get(stage)
            if bar is None:
                label = "Reading" if stage == "read" else "Writing"
                bar = bars[stage] = tqdm(total=total, desc=label, unit=" rows", file=sys.stderr)
            if total and bar.total != total:
                bar.total = total
            bar.n = done
            bar.refresh()

        try:
            run = import_file(
                file,
                by=by,
                regulator=self.regulator,
                snapshot_date=snapshot_date,
                deactivate_missing=not no_deactivate,
                progress=report,
            )
        except ImportFileError as error:
            raise CommandError(
                f"Import failed, nothing was changed. {error.for_command_line()}"
            ) from error
        except FileNotFoundError as error:
            raise CommandError(f"{file}: no such file") from error
        finally:
            for bar in bars.values():
                bar.close()
        seconds = (run.finished_at - run.started_at).total_seconds()
        self.stdout.write(
            f"Imported {run.file_name} as {run.get_layout_display()}"
            + (f", snapshot {run.snapshot_date:%d %B %Y}" if run.snapshot_date else "")
            + f" (import #{run.pk}, {seconds:.1f} s)"
        )
        self.stdout.write(
            f"rows {run.rows}: created {run.created}, updated {run.updated}, "
            f"unchanged {run.unchanged}, deactivated {run.deactivated}, "
            f"new ratings {run.new_ratings}, ratings completed {run.ratings_updated}, "
            f"rejected {run.rejected}, "
            f"skipped (outside social care) {run.skipped}; "
            f"providers created {run.providers_created}, updated {run.providers_updated}"
        )
        for warning in run.warnings[:20]:
            self.stdout.write(f"warning: {warning}")
