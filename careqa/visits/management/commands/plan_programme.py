"""careqa plan-programme --year YYYY [--dry-run] [--format table|csv]

Drafts the year's programme of monitoring visits: every active service we commission gets
the visits it needs (careqa.visits.rules.needs), spread over the officers by capacity and
patch on working days (rules.planning). Without --dry-run the programme is saved, keeping
visits already carried out or moved by hand.
"""

import csv
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from careqa.spreadsheets import safe_cell
from careqa.visits.actions import apply_programme
from careqa.visits.programme import CSV_COLUMNS, draft_programme, plan_rows

# Who the audit trail says planned it, when no one signed in did.
PLANNER = "careqa plan-programme"


class Command(BaseCommand):
    help = "Draft (and, without --dry-run, save) a year's programme of monitoring visits."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--dry-run", action="store_true", help="show the plan; save nothing")
        parser.add_argument("--format", dest="fmt", choices=["table", "csv"], default="table")

    def handle(self, *args, year, dry_run, fmt, **options):
        if not 2000 <= year <= 2100:
            raise CommandError(f"--year {year}: give a year such as {datetime.date.today().year}")
        result, services = draft_programme(year, today=timezone.localdate())
        rows = plan_rows(result)
        if fmt == "csv":
            writer = csv.writer(self.stdout)
            writer.writerow(CSV_COLUMNS)
            # Opened in a spreadsheet: a name such as `=HYPERLINK(...)` must not run.
            writer.writerows([safe_cell(cell) for cell in row] for row in rows)
        else:
            self._table(rows)
        for unplaced in result.unplaced:
            self.stderr.write(f"Not placed: service {unplaced.service_id}: {unplaced.why}")
        summary = (
            f"{len(rows)} visits for {len(services)} services in {year}"
            f"{f'; {len(result.unplaced)} could not be placed' if result.unplaced else ''}."
        )
        if dry_run:
            self.stderr.write(f"{summary} Dry run: nothing saved.")
            return
        counts = apply_programme(year=year, result=result, by=PLANNER)
        self.stderr.write(
            f"{summary} Saved: {counts['added']} added, {counts['moved']} moved, "
            f"{counts['cancelled']} cancelled, {counts['kept']} unchanged."
        )

    def _table(self, rows):
        widths = [10, 32, 26, 12, 22]
        header = ["Date", "Service", "Visit", "Council", "Officer"]
        self.stdout.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
        for row in rows:
            cells = [row[5], row[2], row[4], row[3], row[6]]
            self.stdout.write("  ".join(c[:w].ljust(w) for c, w in zip(cells, widths, strict=True)))
