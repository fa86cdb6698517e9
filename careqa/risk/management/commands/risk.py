"""careqa risk: every scored service's risk score, band and reasons."""

import csv

from django.core.management.base import BaseCommand

from careqa.risk.queries import scores_for_export
from careqa.risk.rules.score import Reason, reasons_text

COLUMNS = ("service_id", "location_id", "service_name", "score", "band", "reasons")


class Command(BaseCommand):
    help = "Print each service's risk score, band and reasons, the riskiest first."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["table", "csv"], default="table")

    def handle(self, *args, format, **options):
        rows = (
            (
                str(risk.service_id),
                risk.service.location_id,
                risk.service.name,
                str(risk.score),
                risk.band,
                reasons_text(Reason(words, points) for words, points in risk.reasons),
            )
            for risk in scores_for_export().iterator(chunk_size=2000)
        )
        if format == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(rows)
            return
        for row in rows:
            self.stdout.write(f"{row[3]:>3}  {row[4]:<20} {row[2]} ({row[1]}): {row[5]}")
