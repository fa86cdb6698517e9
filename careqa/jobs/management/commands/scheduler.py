"""careqa scheduler: runs the daily schedule for ever, each entry once a day at its time."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from careqa.jobs import schedule


class Command(BaseCommand):
    help = "Run the daily schedule (a long-running process; cron can call run-schedule instead)."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=30, help="seconds between looks")

    def handle(self, *args, every, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        names = ", ".join(f"{e.name} at {e.at:%H:%M}" for e in schedule.entries())
        self.stdout.write(f"Scheduler started: {names}")
        while self.running:
            close_old_connections()
            for run in schedule.run_due(started_by="scheduler"):
                self.stdout.write(f"{run.name}: {run.get_outcome_display().lower()}")
            self._sleep(every)

    def _sleep(self, seconds):
        end = time.monotonic() + seconds
        while self.running and time.monotonic() < end:
            time.sleep(min(1, end - time.monotonic()))

    def _stop(self, signum, frame):
        self.running = False
