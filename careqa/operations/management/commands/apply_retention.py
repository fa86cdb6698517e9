"""careqa apply-retention: redact personal details kept longer than the retention policy says.

Run daily by the schedule; --dry-run lists what would be redacted and changes nothing.
Running it again redacts nothing more: what is redacted stays as it is.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from careqa.operations.actions import apply_retention
from careqa.providers.presenters import day


class Command(BaseCommand):
    help = (
        "Redact personal details (people's views, safeguarding records) kept longer after "
        "their case or visit closed than CAREQA_RETENTION_DAYS allows. Rows are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list, change nothing")
        parser.add_argument(
            "--today", help="the day to apply the policy as at (YYYY-MM-DD); default today"
        )

    def handle(self, *args, dry_run, today, **options):
        try:
            as_at = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today: {today!r} is not a date like 2027-03-31") from error
        run = apply_retention(today=as_at, dry_run=dry_run)
        verb = "Would redact" if dry_run else "Redacted"
        for redaction in run.redactions:
            record = redaction.record
            self.stdout.write(
                f"{verb} {', '.join(redaction.fields)} of {redaction.retained.label} "
                f"#{record.pk} ({record}; {_about(record)}closed {day(redaction.closed_on)}, "
                f"due {day(redaction.due_on)})"
            )
        for copy in run.copies:
            self.stdout.write(f"{verb} {copy}")
        total = len(run.redactions)
        if not total and not run.copies:
            self.stdout.write(f"Nothing is due for redaction on {day(as_at)}.")
            return
        records = "record" if total == 1 else "records"
        copies = "copy" if len(run.copies) == 1 else "copies"
        self.stdout.write(
            f"{verb} {total} {records} and {len(run.copies)} {copies} as at {day(as_at)}."
            + (" Nothing was changed (dry run)." if dry_run else "")
        )


def _about(record):
    service = getattr(record, "service", None)
    return f"{service}; " if service is not None else ""
