"""How fast the CQC API sync is against the replay server on 127.0.0.1 (`make bench`).

    run_sync_bench({"sqlite": url, "postgres": url}) -> [{"measure", "database", …}, …]

For each database, in a fresh process with a fresh database: a register of REGISTER
services already there (bulk-inserted, as a national file import leaves it), then a sync
of LOCATIONS changed locations (generated, every tenth a GP surgery outside the register,
plus the real samples when ../shared is there) with the rate limit off, then the same
changes synced again (nothing new: the nightly case of CQC listing what did not change for
us). Prints seconds, requests and requests a second; at CQC's polite default rate (the
setting CAREQA_CQC_API_RATE_PER_MINUTE) the requests alone take requests / rate minutes.
Run alone: .venv/bin/python -m careqa.regulators.cqc_api.bench [--database URL …]
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
WORKDIR = ROOT / "var" / "bench"
LOCATIONS = 500
REGISTER = 20000
TARGETS = {"sync_s": 30.0}


def run_sync_bench(databases: dict) -> list[dict]:
    results = []
    for kind, url in databases.items():
        print(f"Measuring the CQC API sync on {kind}…", flush=True)
        results += _run(["--database", url])
    _print(results)
    return results


def _run(args):
    command = [sys.executable, "-m", "careqa.regulators.cqc_api.bench", "--one", *args]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"sync bench failed:\n{result.stderr[-4000:]}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def _fresh(url):
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return url
    import psycopg

    admin, name = url.rsplit("/", 1)
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return url


def _register(count):
    """`count` CQC services (with a provider each 5) as a national import leaves them."""
    from careqa.providers.models import Provider, Service

    providers = Provider.objects.bulk_create(
        Provider(regulator="cqc", provider_id=f"1-5{n:09d}", name=f"Register Provider {n}")
        for n in range(count // 5)
    )
    Service.objects.bulk_create(
        (
            Service(
                regulator="cqc",
                location_id=f"1-4{n:09d}",
                name=f"Register Home {n}",
                provider=providers[n // 5],
                service_types=" residential ",
                care_home=True,
                beds=30,
                rating="good",
                rating_published=datetime.date(2024, 1, 1),
                first_seen_on=datetime.date(2026, 11, 1),
            )
            for n in range(count)
        ),
        batch_size=2000,
    )


def one(database):
    os.environ["DATABASE_URL"] = _fresh(database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careqa.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from careqa.regulators.cqc_api import replay, sync

    call_command("migrate", verbosity=0, interactive=False)
    _register(REGISTER)
    kind = "sqlite" if database.startswith("sqlite") else "postgres"
    samples = Path(settings.CAREQA_SHARED_DATA) / "cqc" / "samples"
    with replay.ReplayServer() as api:
        ids = replay.serve_generated(api, LOCATIONS)
        for path in sorted(samples.glob("api_location_1-*.json")) if samples.is_dir() else ():
            data = json.loads(path.read_text())
            api.set_location(data)
            provider_id = data["providerId"]
            api.set(f"providers/{provider_id}", replay.generated_provider(provider_id))
            ids.append(data["locationId"])
        api.set_changes(ids)
        settings.CAREQA_CQC_API_KEY = "bench"
        settings.CAREQA_CQC_API_URL = api.url
        settings.CAREQA_CQC_API_RATE_PER_MINUTE = 0
        start = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
        for label, until in (
            ("first sync", datetime.datetime(2026, 12, 1, 2, tzinfo=datetime.UTC)),
            ("same changes again", datetime.datetime(2026, 12, 2, 2, tzinfo=datetime.UTC)),
        ):
            asked = len(api.log)
            started = time.perf_counter()
            (run,) = sync(since=start, until=until)
            seconds = time.perf_counter() - started
            requests = len(api.log) - asked
            print(
                json.dumps(
                    {
                        "measure": label,
                        "database": kind,
                        "register": REGISTER,
                        "changes": run.changes,
                        "written": run.locations_written,
                        "requests": requests,
                        "seconds": seconds,
                        "requests_per_s": requests / seconds,
                        "at_default_rate_min": requests
                        / float(os.environ.get("CAREQA_CQC_API_RATE_PER_MINUTE", "600")),
                    }
                )
            )


def _print(results):
    header = (
        f"{'sync':<20} {'db':<9} {'register':>8} {'changes':>7} {'written':>7} "
        f"{'requests':>8} {'s':>7} {'req/s':>7} {'min at 600/min':>14}"
    )
    print()
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['measure']:<20} {r['database']:<9} {r['register']:>8} {r['changes']:>7} "
            f"{r['written']:>7} {r['requests']:>8} {r['seconds']:>7.2f} "
            f"{r['requests_per_s']:>7.0f} {r['at_default_rate_min']:>14.1f}"
        )
    print(f"Target: a sync of {LOCATIONS} changes <= {TARGETS['sync_s']:.0f} s with no rate limit")
    for r in results:
        met = r["seconds"] <= TARGETS["sync_s"]
        print(f"  {r['measure']} on {r['database']}: {'met' if met else 'NOT MET'}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="careqa.regulators.cqc_api.bench")
    parser.add_argument("--database", action="append", help="database URL (repeatable)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        one(args.database[0])
        return
    WORKDIR.mkdir(parents=True, exist_ok=True)
    urls = args.database or [f"sqlite:///{WORKDIR / 'sync.sqlite3'}"]
    run_sync_bench(
        {("sqlite" if u.startswith("sqlite") else f"postgres {i}"): u for i, u in enumerate(urls)}
    )


if __name__ == "__main__":
    main()
