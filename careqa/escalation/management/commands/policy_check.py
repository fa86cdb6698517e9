"""careqa policy-check: the services in our area the policy rule flags for suspension."""

import csv

from django.core.management.base import BaseCommand
from django.utils import timezone

from careqa.escalation.queries import flagged_services, policy_from_settings

COLUMNS = ("service_id", "location_id", "service_name", "falls", "dates")


class Command(BaseCommand):
    help = (
        "List services whose regulator rating has fallen from Good or Outstanding to "
        "Requires improvement or Inadequate as often as the policy rule says (settings)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["table", "csv"], default="table")

    def handle(self, *args, format, **options):
        policy = policy_from_settings()
        rows = [
            (
                str(service.pk),
                service.location_id,
                service.name,
                str(len(falls)),
                " ".join(day.isoformat() for day in falls),
            )
            for service, falls in flagged_services(timezone.localdate(), policy=policy)
        ]
        if format == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(rows)
            return
        if not rows:
            self.stdout.write(f"No service in our area has fallen {policy.falls} times or more.")
            return
        widths = [max(len(r[i]) for r in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
        for row in [COLUMNS, *rows]:
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
