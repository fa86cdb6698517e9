"""How fast the insight figures are on the generated national register with years of history.

    run_insights_bench(database_url) -> [{"measure", "database", "seconds", …}, …]

generates the national demo files with three years of history (once, under var/bench),
imports them oldest first into `database_url` (once: a database that already holds them is
reused), then measures, each in a fresh process so that no cache from the import helps:

- the England-wide care-home table by council (every council), current and as at a year
  before the latest file;
- the page that shows that table, median server time, once the page exists (PAGE below);
- the register as at a date, over all services (target 1 s), first call (which reads the
  imports' history) and then the median of later calls;
- every Insights page as a QA manager opens it (our council and comparator group, which the
  bench sets up if the database has none), the scrutiny report's text step and its PDF, and
  the register's CSV export: the median server time of PAGE_REPEAT requests after one to
  warm up, beside its target (PAGE_TARGETS).
"""

import argparse
import datetime
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
WORKDIR = ROOT / "var" / "bench"
GENERATED = WORKDIR / "insights-generated"
SNAPSHOT = datetime.date(2026, 11, 1)
HISTORY_YEARS = 3
REPEAT = 5
TARGETS = {"asat_s": 1.0, "page_ms": 300.0}
# The page that shows the England-wide care-home table by council: its URL name and query.
# Until the pages land there is nothing to measure; set this when they do.
PAGE = ("insights:figures", {"service_type": "care_homes", "areas": "england", "by": "council"})
PAGE_REPEAT = 20
PAGE_TARGET_MS = 300.0
PDF_TARGET_MS = 3000.0
OUR_COUNCIL = "Wolverhampton"
OUR_GROUP = (
    "West Midlands metropolitan councils",
    ("Wolverhampton", "Dudley", "Walsall", "Sandwell", "Birmingham", "Solihull", "Coventry"),
)


def run_insights_bench(database_url) -> list[dict]:
    """Measure on `database_url` (SQLite or PostgreSQL); print and return the numbers."""
    command = [sys.executable, "-m", "careqa.insights.bench", "--database", database_url]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"insights bench failed:\n{result.stderr[-4000:]}")
    results = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    _print(results)
    return results


def _setup(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careqa.development")
    import django

    django.setup()


def _files():
    """The demo files, oldest snapshot first, generated on the first run."""
    try:
        from careqa.demo.generate import write_demo_files
    except ImportError:
        return None
    order = GENERATED / "order.json"
    if not order.exists():
        print("(generating the national demo files with history…)", file=sys.stderr)
        paths = write_demo_files(
            GENERATED,
            scale="national",
            seed=2026,
            council=None,
            fmt="csv",
            snapshot=SNAPSHOT,
            history_years=HISTORY_YEARS,
        )
        order.write_text(json.dumps([p.name for p in paths]))
    return [GENERATED / name for name in json.loads(order.read_text())]


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _import(files):
    from django.core.management import call_command

    from careqa.regulators.actions import import_file
    from careqa.regulators.models import ImportRun

    call_command("migrate", verbosity=0, interactive=False)
    done = set(
        ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).values_list("sha256", flat=True)
    )
    for path in files:
        if _sha256(path) in done:
            continue
        started = time.perf_counter()
        import_file(path, by=None)
        print(f"(imported {path.name} in {time.perf_counter() - started:.1f} s)", file=sys.stderr)


def _timed(function, repeat=REPEAT):
    first_started = time.perf_counter()
    value = function()
    first = time.perf_counter() - first_started
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return value, first, statistics.median(times)


def _measure(database_url):
    _setup(database_url)
    kind = "sqlite" if database_url.startswith("sqlite") else "postgres"
    files = _files()
    if files is None:
        print(json.dumps({"measure": "skipped: no demo generator", "database": kind}))
        return
    _import(files)

    from careqa.insights.areas import england
    from careqa.insights.asat import register_as_at
    from careqa.insights.figures import rating_figures
    from careqa.insights.revisions import import_history
    from careqa.insights.tables import table_from_figures
    from careqa.providers.models import ChangeEvent, PublishedRating, Service
    from careqa.regulators.models import ImportRun

    latest = max(
        ImportRun.objects.filter(regulator="cqc", status="succeeded").values_list(
            "snapshot_date", flat=True
        )
    )
    year_before = latest.replace(year=latest.year - 1)
    scale = {
        "services": Service.objects.count(),
        "ratings": PublishedRating.objects.count(),
        "listing_events": ChangeEvent.objects.filter(
            kind__in=("deregistered", "reactivated")
        ).count(),
    }

    def emit(measure, seconds, first=None, **extra):
        row = {"measure": measure, "database": kind, "seconds": seconds, **scale, **extra}
        if first is not None:
            row["first_s"] = first
        print(json.dumps(row, default=str), flush=True)

    # The first as-at call reads the imports' history (kept in memory after it).
    started = time.perf_counter()
    import_history()
    emit("imports' history read (once per import)", time.perf_counter() - started)

    for as_at in (latest, year_before, datetime.date(latest.year - 2, 6, 30)):
        found, first, median = _timed(lambda d=as_at: register_as_at(d))
        emit(
            f"register as at {as_at} (first: rebuilt, then kept)",
            median,
            first,
            rows=len(found),
            target_s=TARGETS["asat_s"],
        )

    for as_at in (None, year_before):
        table, first, median = _timed(
            lambda d=as_at: table_from_figures(
                rating_figures("care_homes", england(), by="council", as_at=d)
            )
        )
        label = "current" if as_at is None else f"as at {as_at}"
        emit(
            f"England care homes by council, {label}",
            median,
            first,
            columns=len(table.columns),
            homes=table.rows[-1].cells[-1].count,
        )

    page = _page_time()
    if page is None:
        emit(f"page {PAGE[0]}: not there yet", None)
    else:
        emit(f"page {PAGE[0]}, median server time", page, target_ms=TARGETS["page_ms"])

    for label, seconds, target_ms in _pages_times(latest):
        emit(f"page {label}", seconds, target_ms=target_ms)

    # The risk score of every active service on the same register (careqa.risk): the
    # first run creates every score and its history row; the next finds nothing changed.
    from careqa.risk.actions import recompute

    done, first, median = _timed(lambda: recompute(today=latest))
    emit("recompute-risk, every active service", median, first, rows=done["scored"], target_s=2.0)


def _page_time():
    """Median server time of the England-wide table page, or None until it exists."""
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from careqa.accounts.roles import Role
    from careqa.factories import UserFactory

    try:
        path = reverse(PAGE[0])
    except NoReverseMatch:
        return None
    user = UserFactory(username="insights-bench", role=Role.QA_MANAGER)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    times = []
    for _ in range(REPEAT + 1):
        started = time.perf_counter()
        response = client.get(path, PAGE[1])
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return statistics.median(times[1:])


def _our_council_and_group(user):
    """This installation's council and a comparator group holding it, as the demo has."""
    from careqa.areas.models import Council, CouncilProfile
    from careqa.insights.actions import create_comparator_group
    from careqa.insights.models import ComparatorGroup

    council = Council.objects.filter(name=OUR_COUNCIL).first()
    if council is None:
        return None, None
    profile = CouncilProfile.objects.order_by("pk").first()
    if profile is None:
        profile = CouncilProfile.objects.create(name=f"{OUR_COUNCIL} Council")
        profile.our_area.set([council])
    group = ComparatorGroup.objects.filter(name=OUR_GROUP[0]).first()
    if group is None:
        by_name = {c.name: c for c in Council.objects.filter(name__in=OUR_GROUP[1])}
        group = create_comparator_group(
            name=OUR_GROUP[0], councils=[by_name[n] for n in OUR_GROUP[1] if n in by_name], by=user
        )
    return council, group


def _pages(latest, council, group):
    """(label, method, URL, data, target ms) of every page measured."""
    from django.urls import reverse

    report = {
        "council": council.pk,
        "group": group.pk,
        "as_at_day": latest.day,
        "as_at_month": latest.month,
        "as_at_year": latest.year,
    }
    year_before = {
        "as_at_day": latest.day,
        "as_at_month": latest.month,
        "as_at_year": latest.year - 1,
    }
    insights = [
        ("Ratings (opening)", "insights:figures", {}),
        ("Ratings as at a year before", "insights:figures", year_before),
        ("Comparator table (opening)", "insights:comparator", {}),
        ("Beds (opening)", "insights:beds", {}),
        ("Change over a year (opening)", "insights:change", {}),
        ("Change over a year, a year before", "insights:change", year_before),
    ]
    pages = [(label, "get", reverse(name), data, PAGE_TARGET_MS) for label, name, data in insights]
    pages += [
        ("Scrutiny report: text step", "get", reverse("insights:report"), report, PAGE_TARGET_MS),
        ("Scrutiny report: PDF", "post", reverse("insights:report"), report, PDF_TARGET_MS),
        ("Register CSV export", "get", reverse("providers:service-export"), {}, PAGE_TARGET_MS),
    ]
    return pages


def _pages_times(latest):
    """[(label, median seconds, target ms)] of every page, as a QA manager sees it."""
    from django.test import Client

    from careqa.accounts.models import User
    from careqa.accounts.roles import Role

    user = User.objects.filter(username="insights-bench").first()
    if user is None:
        from careqa.factories import UserFactory

        user = UserFactory(username="insights-bench", role=Role.QA_MANAGER)
    council, group = _our_council_and_group(user)
    if council is None:
        return []
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    found = []
    for label, method, path, data, target_ms in _pages(latest, council, group):
        times = []
        for _ in range(PAGE_REPEAT + 1):
            started = time.perf_counter()
            response = getattr(client, method)(path, data)
            if response.streaming:
                b"".join(response.streaming_content)
            times.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{label} ({path}) answered {response.status_code}")
        found.append((label, statistics.median(times[1:]), target_ms))
    return found


def _print(results):
    print()
    title = f"insight figures (pages: median of {PAGE_REPEAT})"
    print(f"{title:<52} {'db':<9} {'median s':>9} {'first s':>8}  notes")
    print("-" * 100)
    for r in results:
        seconds = "" if r.get("seconds") is None else f"{r['seconds']:.3f}"
        first = "" if r.get("first_s") is None else f"{r['first_s']:.3f}"
        notes = ", ".join(f"{k}={r[k]}" for k in ("rows", "columns", "homes", "target_s") if k in r)
        if "target_ms" in r and r.get("seconds") is not None:
            ms = r["seconds"] * 1000
            verdict = "within" if ms <= r["target_ms"] else "OVER"
            notes = f"{ms:,.0f} ms, target ≤ {r['target_ms']:,.0f} ms: {verdict}"
        print(f"{r['measure']:<52} {r['database']:<9} {seconds:>9} {first:>8}  {notes}")
    if results and "services" in results[0]:
        r = results[0]
        print(
            f"(on {r['services']} services, {r['ratings']} ratings, "
            f"{r['listing_events']} deregistrations and relistings)"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(prog="careqa.insights.bench")
    parser.add_argument("--database", help="a DATABASE_URL; measure in this process")
    args = parser.parse_args(argv)
    if args.database:
        _measure(args.database)
    else:
        WORKDIR.mkdir(parents=True, exist_ok=True)
        run_insights_bench(f"sqlite:///{WORKDIR / 'insights.sqlite3'}")


if __name__ == "__main__":
    main()
