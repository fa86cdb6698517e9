"""careqa report scrutiny: the 'Quality Assurance and Compliance Update' as a PDF."""

import datetime
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careqa.insights.areas import UnknownName, _close
from careqa.insights.asat import CONVENTIONS, PUBLICATION
from careqa.insights.models import ComparatorGroup
from careqa.insights.reports.pdf import report_pdf
from careqa.insights.reports.scrutiny import build_report, default_scope


class Command(BaseCommand):
    help = "Write a report as PDF. `report scrutiny --council NAME --as-at DATE --out FILE.pdf`"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=("scrutiny",), help="Which report: scrutiny")
        parser.add_argument("--council", required=True, help="The council the report is for")
        parser.add_argument("--as-at", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--group", help="A comparator group's name (default: its region)")
        parser.add_argument("--out", required=True, help="The PDF file to write")
        parser.add_argument(
            "--convention",
            choices=tuple(CONVENTIONS),
            default=PUBLICATION,
            help="When a rating counts: from its publication (the default) or, as official "
            "statistics do, from its inspection date if published by the end of the next month",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            council = _council(options["council"])
            group = _group(options["group"]) if options["group"] else None
        except UnknownName as error:
            raise CommandError(str(error)) from error
        as_at = datetime.date.today()
        if options["as_at"]:
            try:
                as_at = datetime.date.fromisoformat(options["as_at"])
            except ValueError as error:
                raise CommandError("--as-at must be a date, YYYY-MM-DD") from error
        report = build_report(default_scope(council, as_at, group, options["convention"]))
        pdf = report_pdf(report)
        out = Path(options["out"])
        out.write_bytes(pdf)
        for caveat in report.caveats:
            self.stderr.write(f"Note: {caveat}")
        self.stdout.write(
            f"Wrote {out} ({len(pdf):,} bytes): figures {report.seconds:.1f} s, "
            f"in all {time.monotonic() - started:.1f} s"
        )


def _council(name):
    from careqa.areas.models import Council
    from careqa.areas.names import council_key

    council = Council.objects.select_related("region").filter(key=council_key(name)).first()
    if council is None:
        known = list(Council.objects.values_list("name", flat=True))
        raise UnknownName("council", name, _close(name, known))
    return council


def _group(name):
    text = " ".join(name.split())
    group = ComparatorGroup.objects.filter(name__iexact=text, active=True).first()
    if group is None:
        known = list(ComparatorGroup.objects.filter(active=True).values_list("name", flat=True))
        raise UnknownName("comparator group", name, _close(text, known))
    return group
