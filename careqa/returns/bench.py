"""How fast the returns' heavy paths are, each beside its target (issue 11).

    run_returns_bench({"sqlite": url, "postgres": url}) -> [{"measure", "database", …}, …]

measures, in a fresh process for each database (emptied, migrated, filled):

- validating and saving a CSV return for 500 services: the monthly care-home KPI return
  in its own layout, posted to the upload page through Django's test Client as an officer
  (read, every row checked, all saved in one transaction with their audit events); the
  first upload of a month, then the median of 5 uploads that replace it;
- a return's figures over 36 months for our area: the figures page (a field's median and
  quartiles for 36 months beside one service's own, the share that submitted, the
  summary of the latest month) for 500 care homes with 36 months of returns bulk-inserted,
  median server time of 10 requests.

Run alone: .venv/bin/python -m careqa.returns.bench [--database URL …] (SQLite by default)
"""

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from careqa.bench import empty_database

ROOT = Path(__file__).resolve().parent.parent.parent
WORKDIR = ROOT / "var" / "bench"
TARGETS = {"upload_s": 2.0, "figures_ms": 300.0}
SERVICES, MONTHS, UPLOADS, PAGE_RUNS = 500, 36, 5, 10


def run_returns_bench(databases: dict) -> list[dict]:
    results = []
    for kind, url in databases.items():
        print(f"Measuring the returns' upload and figures on {kind}…", flush=True)
        results += _run(["--database", url])
    _print(results)
    return results


def _run(args):
    command = [sys.executable, "-m", "careqa.returns.bench", "--in-process", *args]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"returns bench failed:\n{result.stderr[-4000:]}")
    # Only the measures: the request log writes JSON lines to stdout too.
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return [row for row in rows if "measure" in row]


def _emit(**row):
    print(json.dumps(row, default=str), flush=True)


def build_area():
    """Our area: one council, 500 care homes of ten providers, an officer."""
    from careqa.accounts.models import User
    from careqa.areas.models import Council, CouncilProfile, Region
    from careqa.providers.models import Provider, Service
    from careqa.returns.actions import load_default_templates

    region = Region.objects.create(name="West Midlands", key="west-midlands")
    council = Council.objects.create(name="Dudley", key="dudley", region=region)
    profile = CouncilProfile.objects.create(name="Dudley Council")
    profile.our_area.set([council])
    providers = Provider.objects.bulk_create(
        Provider(regulator="cqc", provider_id=f"1-{100 + n}", name=f"Group {n} Ltd")
        for n in range(10)
    )
    Service.objects.bulk_create(
        Service(
            regulator="cqc",
            location_id=f"1-{500000 + n}",
            provider=providers[n % 10],
            name=f"Care Home {n:03d}",
            council=council,
            region=region,
            service_types=" residential " if n % 3 else " nursing ",
            care_home=True,
            beds=20 + n % 60,
            rating="good",
        )
        for n in range(SERVICES)
    )
    officer = User.objects.create_user(
        username="bench-officer", password="x", role="qa_officer", first_name="Bench"
    )
    load_default_templates()
    return officer


def _values(service, start):
    from careqa.demo.returns import care_home_values

    return care_home_values(service, start)


def measure_upload(officer, kind):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from careqa.providers.models import Service
    from careqa.returns import rules, upload
    from careqa.returns.models import ReturnTemplate, Submission

    template = ReturnTemplate.objects.get(key="care-home-kpis")
    start = rules.current_period(template.schedule, today=timezone.localdate())
    services = list(Service.objects.order_by("location_id"))
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(upload.layout_headings(template))
    for service in services:
        values = _values(service, start)
        writer.writerow(
            [service.location_id, service.name, *(values.get(s.code, "") for s in template.specs)]
        )
    data = out.getvalue().encode()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(officer)
    url = reverse("returns:upload", args=[template.pk]) + f"?period={start}"
    times = []
    for _ in range(UPLOADS + 1):
        started = time.perf_counter()
        response = client.post(url, {"file": SimpleUploadedFile("kpis.csv", data)})
        times.append(time.perf_counter() - started)
        if response.status_code != 302:
            raise SystemExit(
                f"the upload answered {response.status_code}: {response.content[:2000]}"
            )
    live = Submission.objects.filter(period_start=start, superseded=False).count()
    median = statistics.median(times[1:])
    _emit(
        measure=f"Upload a CSV return for {SERVICES} services, median of {UPLOADS} re-uploads",
        database=kind,
        seconds=median,
        first_s=times[0],
        target=f"<= {TARGETS['upload_s']:g} s",
        met=max(median, times[0]) <= TARGETS["upload_s"],
        notes=f"{len(data) // 1024} KB, {len(template.specs)} fields; {live} live returns",
    )


def fill_history(today):
    """36 months of returns for every service, bulk-inserted (the figures read values)."""
    from careqa.providers.models import Service
    from careqa.returns import rules
    from careqa.returns.actions import insert_values
    from careqa.returns.models import ReturnTemplate, Submission

    template = ReturnTemplate.objects.get(key="care-home-kpis")
    periods = rules.recent_periods(template.schedule, today=today, count=MONTHS + 1)[1:]
    services = list(Service.objects.all())
    for start in periods:
        Submission.objects.filter(template_key=template.key, period_start=start).delete()
        made = Submission.objects.bulk_create(
            (
                Submission(
                    template=template,
                    template_key=template.key,
                    service=s,
                    period_start=start,
                    submitted_on=rules.window(template.schedule, start)[0],
                    values=rules.validate(template.specs, template.rules, _values(s, start))[0],
                )
                for s in services
                if random.Random(f"{s.pk}{start}").random() > 0.05
            ),
            batch_size=2000,
        )
        insert_values(made, template)
    return template


def measure_figures(officer, kind, today):
    from django.test import Client
    from django.urls import reverse

    from careqa.providers.models import Service
    from careqa.returns.models import ReturnValue, Submission

    started = time.perf_counter()
    template = fill_history(today)
    print(f"(filled 36 months in {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    service = Service.objects.order_by("pk").first()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(officer)
    url = reverse("returns:figures", args=[template.pk]) + f"?field=falls&service={service.pk}"
    times = []
    for _ in range(PAGE_RUNS + 1):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"the figures page answered {response.status_code}")
    median_ms = statistics.median(times[1:]) * 1000
    _emit(
        measure=f"A return's figures over {MONTHS} months, {SERVICES} services, median of "
        f"{PAGE_RUNS}",
        database=kind,
        seconds=median_ms / 1000,
        first_s=times[0],
        target=f"<= {TARGETS['figures_ms']:g} ms",
        met=median_ms <= TARGETS["figures_ms"],
        notes=f"{Submission.objects.count():,} returns, {ReturnValue.objects.count():,} numbers",
    )


def measure_database(database_url):
    empty_database(database_url)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    officer = build_area()
    measure_upload(officer, connection.vendor)
    measure_figures(officer, connection.vendor, timezone.localdate())


def _print(results):
    print()
    print(f"{'returns':<62} {'db':<10} {'median':>9} {'first':>9} {'target':>10}  met  notes")
    print("-" * 112)
    for r in results:
        ms = "ms" in r["target"]
        value = r["seconds"] * (1000 if ms else 1)
        first = r["first_s"] * (1000 if ms else 1)
        unit = "ms" if ms else "s"
        print(
            f"{r['measure']:<62} {r['database']:<10} {value:>7.3f}{unit:<2} {first:>7.3f}{unit:<2}"
            f" {r['target']:>10}  {'yes' if r['met'] else 'NO ':<4} {r['notes']}"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(prog="careqa.returns.bench")
    parser.add_argument("--in-process", action="store_true", help="measure in this process")
    parser.add_argument("--database", action="append", default=[])
    args = parser.parse_args(argv)
    if args.in_process:
        measure_database(args.database[0])
        return
    WORKDIR.mkdir(parents=True, exist_ok=True)
    urls = args.database or [f"sqlite:///{WORKDIR / 'returns.sqlite3'}"]
    run_returns_bench({url.split(":", 1)[0]: url for url in urls})


if __name__ == "__main__":
    main()
