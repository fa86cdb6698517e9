"""careqa figures: rating benchmarks from the command line, as CSV or an aligned table."""

import csv
import datetime
import io

from django.core.management.base import BaseCommand, CommandError

from careqa.insights.areas import (
    UnknownName,
    comparator_group_named,
    councils_named,
    england,
    our_area,
    region_named,
)
from careqa.insights.asat import CONVENTIONS, PUBLICATION
from careqa.insights.figures import BREAKDOWNS, bed_share, rating_figures

HEADER = ("area", "group", "rating", "measure", "count", "pct_incl_nyi", "pct_excl_nyi")
POOR_ROW = ("requires_improvement_or_inadequate", "Requires improvement or Inadequate")


class Command(BaseCommand):
    help = (
        "Print the rating distribution of a service type over an area: one row per group and "
        "rating, with the count and the percentages including and excluding not yet inspected."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--service-type",
            required=True,
            help="residential, nursing, care_homes, domiciliary, childrens_home, fostering, … "
            "or several joined by commas",
        )
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--areas", help='Councils, comma-separated: "Dudley,Walsall"')
        where.add_argument("--region", help='An English region: "West Midlands"')
        where.add_argument("--group", help="A comparator group's name")
        where.add_argument("--england", action="store_true", help="All of England")
        where.add_argument(
            "--our-area", action="store_true", help="This council's area (the default)"
        )
        parser.add_argument("--by", choices=BREAKDOWNS, help="Break the figures down")
        parser.add_argument("--as-at", help="A date, YYYY-MM-DD (default: the current register)")
        parser.add_argument(
            "--beds",
            action="store_true",
            help="Weigh by beds (places for children's services), with the share in services "
            "rated Requires improvement or Inadequate",
        )
        parser.add_argument("--format", choices=("csv", "table"), default="table")
        parser.add_argument(
            "--convention",
            choices=tuple(CONVENTIONS),
            default=PUBLICATION,
            help="When a rating counts: from its publication (the default) or, as official "
            "statistics do, from its inspection date if published by the end of the next month",
        )

    def handle(self, *args, **options):
        try:
            area = _area(options)
            figures = rating_figures(
                options["service_type"],
                area,
                by=options["by"],
                as_at=_date(options["as_at"]),
                weighted=options["beds"],
                convention=options["convention"],
            )
        except UnknownName as error:
            raise CommandError(str(error)) from None
        rows = []
        for distribution in (*figures.groups, figures.whole):
            for row in distribution.rows:
                rows.append(
                    (
                        area.label,
                        row.group,
                        row.label,
                        distribution.measure,
                        str(row.count),
                        "" if row.pct_incl_nyi is None else str(row.pct_incl_nyi),
                        "" if row.pct_excl_nyi is None else str(row.pct_excl_nyi),
                    )
                )
            if options["beds"]:
                share = bed_share(distribution)
                rows.append(
                    (
                        area.label,
                        distribution.group,
                        POOR_ROW[1],
                        distribution.measure,
                        str(share.requires_improvement_or_inadequate),
                        "" if share.share_incl_nyi is None else str(share.share_incl_nyi),
                        "" if share.share_excl_nyi is None else str(share.share_excl_nyi),
                    )
                )
        if options["format"] == "csv":
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(rows)
            self.stdout.write(out.getvalue(), ending="")
            # The CSV stays one table for the programs that read it; its caveats go to stderr.
            for caveat in figures.caveats:
                self.stderr.write(f"Note: {caveat}")
        else:
            self.stdout.write(_aligned([HEADER, *rows]), ending="")
            for caveat in figures.caveats:
                self.stdout.write(f"\nNote: {caveat}")


def _area(options):
    if options["areas"] is not None:
        return councils_named(options["areas"])
    if options["region"] is not None:
        return region_named(options["region"])
    if options["group"] is not None:
        return comparator_group_named(options["group"])
    if options["england"]:
        return england()
    area = our_area()
    if area is None:
        raise CommandError(
            "This installation's area is not set (Settings > Council): give --areas, "
            "--region, --group or --england."
        )
    return area


def _date(text):
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-at '{text}' is not a date written YYYY-MM-DD.") from None


def _aligned(rows):
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    numeric = {4, 5, 6}
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip() + "\n")
    return "".join(lines)
