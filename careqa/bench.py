"""`make bench`: how fast national files import, on SQLite and PostgreSQL.

For each file and database: a first import into an empty database, a second import of the
same file (nothing changes), and parsing alone with the same reader; each in its own
process so that peak memory belongs to that step. Prints numbers and ratios, and the
targets they are held to. Then the insight figures (careqa.insights.bench) and the visits'
(careqa.visits.bench: planning a year, the report PDF, the My work page), each beside its
target, and the CQC API sync against its replay server (careqa.regulators.cqc_api.bench).
"""

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("CAREQA_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")
PG_BENCH_DB = "careqa_bench"
TARGETS = {"import_s": 20.0, "reimport_s": 10.0, "ratio": 8.0}


def _setup(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careqa.development")
    import django

    django.setup()


def empty_database(database_url):
    """Django set up on `database_url`, emptied first: the SQLite file (and its journal)
    removed, or PostgreSQL's public schema made anew. Each benchmark starts from nothing."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careqa.development")
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # or WhiteNoise warns
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step(args):
    """One measured step in this process; prints a JSON line."""
    _setup(args.database)
    if args.step == "parse":
        from careqa.regulators.parsers import parse_file

        started = time.perf_counter()
        parsed = parse_file(args.file, regulator=args.regulator)
        seconds = time.perf_counter() - started
        print(json.dumps({"seconds": seconds, "rows": parsed.rows, "peak_mb": _peak_mb()}))
        return
    from django.core.management import call_command

    from careqa.regulators.actions import import_file

    if args.step == "migrate":
        call_command("migrate", verbosity=0, interactive=False)
        return
    started = time.perf_counter()
    run = import_file(args.file, by=None, regulator=args.regulator)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "rows": run.rows,
                "services": run.created + run.updated + run.unchanged,
                "created": run.created,
                "unchanged": run.unchanged,
                "new_ratings": run.new_ratings,
                "peak_mb": _peak_mb(),
            }
        )
    )


def _run_step(step_name, database, file, regulator):
    command = [
        sys.executable,
        "-m",
        "careqa.bench",
        "step",
        step_name,
        "--database",
        database,
        "--file",
        str(file),
        "--regulator",
        regulator,
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"{step_name} failed:\n{result.stderr[-4000:]}")
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {}


def _fresh_postgres():
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_BENCH_DB}")
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + PG_BENCH_DB


def _postgres_database(name):
    """A PostgreSQL database kept between runs (created when missing): its imports are reused."""
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f"CREATE DATABASE {name}")
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def measure(label, file, regulator, database_kind, workdir):
    if database_kind == "sqlite":
        db_file = workdir / f"bench-{label}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        database = f"sqlite:///{db_file}"
    else:
        database = _fresh_postgres()
    _run_step("migrate", database, file, regulator)
    first = _run_step("import", database, file, regulator)
    second = _run_step("import", database, file, regulator)
    parse = _run_step("parse", database, file, regulator)
    return {
        "file": label,
        "database": database_kind,
        "rows": first["rows"],
        "services": first["services"],
        "import_s": first["seconds"],
        "rows_per_s": first["rows"] / first["seconds"],
        "peak_mb": first["peak_mb"],
        "reimport_s": second["seconds"],
        "reimport_unchanged": second["unchanged"],
        "parse_s": parse["seconds"],
        "parse_peak_mb": parse["peak_mb"],
        "ratio": first["seconds"] / parse["seconds"],
    }


def _files(workdir, only):
    files = []
    shared = Path(os.environ.get("CAREQA_SHARED_DATA", ROOT.parent / "shared" / "data"))
    ratings = shared / "cqc" / "cqc_latest_ratings_locations_2021-02.csv"
    if ratings.exists():
        files.append(("CQC ratings 2021-02 (real, CSV)", ratings, "cqc"))
    else:
        print(f"(skipping the real national ratings file: {ratings} not found)")
    generated = workdir / "generated"
    if not generated.exists():
        _setup(f"sqlite:///{workdir / 'unused.sqlite3'}")
        from careqa.demo.generate import write_demo_files

        print("Generating the national HSCA file…", flush=True)
        write_demo_files(
            generated,
            scale="national",
            seed=2026,
            council=None,
            fmt="csv",
            snapshot=datetime.date(2026, 11, 1),
            history_years=0,
        )
    hsca = next(generated.glob("*HSCA_Active_Locations.csv"))
    files.append(("HSCA national (generated, CSV)", hsca, "cqc"))
    return [f for f in files if not only or any(word in f[0].lower() for word in only)]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="careqa.bench")
    sub = parser.add_subparsers(dest="command")
    one = sub.add_parser("step")
    one.add_argument("step", choices=["migrate", "import", "parse"])
    one.add_argument("--database", required=True)
    one.add_argument("--file", required=True)
    one.add_argument("--regulator", required=True)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--only", default="", help="comma-separated words to pick files")
    parser.add_argument("--skip-imports", action="store_true", help="skip the imports")
    parser.add_argument("--skip-insights", action="store_true", help="skip the insight figures")
    parser.add_argument("--skip-visits", action="store_true", help="no visits' figures")
    parser.add_argument("--skip-sync", action="store_true", help="no CQC API sync figures")
    parser.add_argument("--skip-risk", action="store_true", help="no risk and compliance figures")
    parser.add_argument("--skip-returns", action="store_true", help="no data returns' figures")
    args = parser.parse_args(argv)
    if args.command == "step":
        step(args)
        return

    workdir = ROOT / "var" / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    only = [w for w in args.only.lower().split(",") if w]
    results = []
    if not args.skip_imports:
        for label, file, regulator in _files(workdir, only):
            for kind in args.databases.split(","):
                print(f"Measuring {label} on {kind}…", flush=True)
                results.append(measure(label, file, regulator, kind, workdir))
        _print(results)
    if not args.skip_insights:
        from careqa.insights.bench import run_insights_bench

        for kind in args.databases.split(","):
            if kind == "sqlite":
                url = f"sqlite:///{workdir / 'insights.sqlite3'}"
            else:
                url = _postgres_database("careqa_insights_bench")
            print(f"Measuring insight figures on {kind}…", flush=True)
            run_insights_bench(url)
    if not args.skip_visits:
        from careqa.visits.bench import run_visits_bench

        databases = {}
        for kind in args.databases.split(","):
            if kind == "sqlite":
                databases[kind] = f"sqlite:///{workdir / 'visits.sqlite3'}"
            else:
                databases[kind] = _postgres_database("careqa_visits_bench")
        run_visits_bench(databases)
    if not args.skip_risk:
        from careqa.risk.bench import run_risk_bench

        databases = {}
        for kind in args.databases.split(","):
            if kind == "sqlite":
                databases[kind] = f"sqlite:///{workdir / 'risk.sqlite3'}"
            else:
                databases[kind] = _postgres_database("careqa_risk_bench")
        run_risk_bench(databases)
    if not args.skip_sync:
        from careqa.regulators.cqc_api.bench import run_sync_bench

        databases = {}
        for kind in args.databases.split(","):
            if kind == "sqlite":
                databases[kind] = f"sqlite:///{workdir / 'sync.sqlite3'}"
            else:
                databases[kind] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/careqa_sync_bench"
        run_sync_bench(databases)
    if not args.skip_returns:
        from careqa.returns.bench import run_returns_bench

        databases = {}
        for kind in args.databases.split(","):
            if kind == "sqlite":
                databases[kind] = f"sqlite:///{workdir / 'returns.sqlite3'}"
            else:
                databases[kind] = _postgres_database("careqa_returns_bench")
        run_returns_bench(databases)


def _print(results):
    header = (
        f"{'file':<34} {'db':<9} {'rows':>7} {'import s':>9} {'rows/s':>8} {'peak MB':>8} "
        f"{'re-import s':>11} {'parse s':>8} {'import/parse':>12}"
    )
    print()
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['file']:<34} {r['database']:<9} {r['rows']:>7} {r['import_s']:>9.2f} "
            f"{r['rows_per_s']:>8.0f} {r['peak_mb']:>8.0f} {r['reimport_s']:>11.2f} "
            f"{r['parse_s']:>8.2f} {r['ratio']:>12.2f}"
        )
    print()
    print(
        "Targets (SQLite): import <= {import_s:.0f} s, unchanged re-import <= {reimport_s:.0f} s, "
        "import/parse <= {ratio:.0f}".format(**TARGETS)
    )
    for r in results:
        if r["database"] != "sqlite":
            continue
        met = [
            r["import_s"] <= TARGETS["import_s"],
            r["reimport_s"] <= TARGETS["reimport_s"],
            r["ratio"] <= TARGETS["ratio"],
        ]
        print(f"  {r['file']}: {'all met' if all(met) else 'NOT MET'}")


if __name__ == "__main__":
    main()
