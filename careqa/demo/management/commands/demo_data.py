"""careqa demo-data: write invented regulator files in their real published layouts.

    careqa demo-data --out DIR [--scale national|council] [--seed N] [--council NAME]
                     [--format csv|xlsx|ods] [--snapshot YYYY-MM-DD] [--history-years N]

The same arguments always give byte-identical files. See careqa/demo/generate.py.
"""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError

from careqa.demo import generate
from careqa.demo.england import council as find_council


class Command(BaseCommand):
    help = (
        "Write a deterministic, invented register in CQC's and Ofsted's published layouts "
        "(HSCA active locations, latest ratings, Ofsted providers), with earlier years."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="directory to write the files into")
        parser.add_argument(
            "--scale",
            choices=generate.SCALES,
            default="national",
            help="national: all of England (~50,000 locations); council: the council and a "
            "sample of its region (a few hundred)",
        )
        parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
        parser.add_argument(
            "--council",
            default=generate.DEFAULT_COUNCIL,
            help=f"the demo council at council scale (default {generate.DEFAULT_COUNCIL})",
        )
        parser.add_argument("--format", dest="fmt", choices=generate.FORMATS, default="csv")
        parser.add_argument(
            "--snapshot",
            type=_date,
            default=generate.DEFAULT_SNAPSHOT,
            help=f"date of the latest files, YYYY-MM-DD (default {generate.DEFAULT_SNAPSHOT})",
        )
        parser.add_argument(
            "--history-years",
            type=int,
            default=generate.DEFAULT_HISTORY_YEARS,
            help="earlier yearly editions to write as well (default %(default)s)",
        )

    def handle(self, *args, out, scale, seed, council, fmt, snapshot, history_years, **options):
        try:
            council = find_council(council).name
        except ValueError as error:
            raise CommandError(str(error)) from error
        if history_years < 0:
            raise CommandError("--history-years must be 0 or more")
        started = time.monotonic()

        def report(item):
            size = item.path.stat().st_size / 1_000_000
            self.stdout.write(f"{item.path}: {item.rows:,} rows ({size:.1f} MB)")

        files = generate.generate_demo_files(
            out,
            scale=scale,
            seed=seed,
            council=council,
            fmt=fmt,
            snapshot=snapshot,
            history_years=history_years,
            progress=report,
        )
        seconds = time.monotonic() - started
        self.stdout.write(f"Wrote {len(files)} files in {seconds:.1f} s.")


def _date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"not a date YYYY-MM-DD: {text}") from error
