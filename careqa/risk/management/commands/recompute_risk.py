"""careqa recompute-risk: every active service's risk score, from today's evidence."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from careqa.risk.actions import recompute


class Command(BaseCommand):
    help = (
        "Recompute the risk score of every active service (keeping a history row for each change)."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        done = recompute(today=timezone.localdate())
        self.stdout.write(
            f"Scored {done['scored']} services: {done['new']} new, {done['changed']} changed "
            f"({time.perf_counter() - started:.2f} s)"
        )
