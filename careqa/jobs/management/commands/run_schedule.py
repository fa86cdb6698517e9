"""careqa run-schedule: run today's due entries of the schedule once, then exit (for cron).

careqa run-schedule             every entry due now that has not run today
careqa run-schedule NAME ...    these entries now, whether or not they ran today
"""

from django.core.management.base import BaseCommand, CommandError

from careqa.jobs import schedule
from careqa.jobs.models import ScheduleRun


class Command(BaseCommand):
    help = "Run the daily schedule's due entries once (for cron), or the named ones now."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*")

    def handle(self, *args, names, **options):
        known = {e.name for e in schedule.entries()}
        if unknown := [n for n in names if n not in known]:
            raise CommandError(
                f"Not in the schedule: {', '.join(unknown)}. Known: {', '.join(sorted(known))}"
            )
        if names:
            runs = [schedule.run_entry(schedule.entry(n), started_by="run-schedule") for n in names]
        else:
            runs = schedule.run_due(started_by="run-schedule")
        for run in runs:
            self.stdout.write(f"{run.name}: {run.get_outcome_display().lower()}")
        if not runs:
            self.stdout.write("Nothing due.")
        if any(run.outcome == ScheduleRun.Outcome.FAILED for run in runs):
            raise CommandError("An entry failed: see the Jobs and schedule page.")
