"""How fast the risk score and the compliance trend are over the national register (issue 10).

    run_risk_bench({"sqlite": url, "postgres": url}) -> [{"measure", "database", …}, …]

On each database, emptied first and migrated, in a fresh process: the largest CQC file in
../shared/data imported (the national latest-ratings file, about 32,000 locations, with
their rating history), then, bulk-inserted from a fixed seed, contracts with 3,000 of them
(a few suspended or in default through escalation steps), issued visits, action plans with
items (some overdue), safeguarding enquiries, intelligence and provider concerns. Then:

- a full recompute of every active service's score (`careqa.risk.actions.recompute`):
  first with no score saved (every row new), then again with nothing changed;
- the compliance trend for 36 months (`careqa.risk.compliance.trend`), median of 5.

Run alone: .venv/bin/python -m careqa.risk.bench [--database URL …] (SQLite by default)
"""

import argparse
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from careqa.bench import empty_database

ROOT = Path(__file__).resolve().parent.parent.parent
WORKDIR = ROOT / "var" / "bench"
TARGETS = {"recompute_s": 2.0, "trend_s": 1.0}
TODAY = datetime.date(2026, 11, 20)
CONTRACTED, TREND_RUNS = 3000, 5


def national_file() -> Path:
    shared = Path(os.environ.get("CAREQA_SHARED_DATA", ROOT.parent / "shared" / "data"))
    return shared / "cqc" / "cqc_latest_ratings_locations_2021-02.csv"


def run_risk_bench(databases: dict) -> list[dict]:
    if not national_file().exists():
        print(f"(skipping the risk figures: {national_file()} not found)")
        return []
    results = []
    for kind, url in databases.items():
        print(f"Measuring the risk recompute and compliance trend on {kind}…", flush=True)
        command = [sys.executable, "-m", "careqa.risk.bench", "--database", url]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(f"risk bench failed:\n{done.stderr[-4000:]}")
        results += [json.loads(line) for line in done.stdout.splitlines() if line[:1] == "{"]
    _print(results)
    return results


def _print(results):
    # CPU seconds of this process beside the wall clock: on a shared machine the clock
    # also counts the time waiting for a core (the database server's work is not in it).
    header = f"{'risk measure':<68} {'db':<10} {'seconds':>8} {'cpu s':>6}  target"
    print()
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['measure']:<68} {r['database']:<10} {r['seconds']:>8.3f} "
            f"{r['cpu_s']:>6.2f}  {r['target']}"
        )


def _emit(**row):
    print(json.dumps(row, default=str), flush=True)


def fill(rng: random.Random) -> dict:
    """The generated records beside the imported register; returns their counts."""
    from careqa.accounts.models import User
    from careqa.accounts.roles import Role
    from careqa.escalation.models import Step
    from careqa.plans.models import ActionPlan, PlanItem
    from careqa.providers.models import Contract, Service
    from careqa.risk.models import IntelligenceEntry, ProviderConcern, SafeguardingEnquiry
    from careqa.visits.models import Visit

    officer = User.objects.create(username="bench-officer", role=Role.QA_OFFICER)
    ids = list(Service.objects.filter(active=True).order_by("pk").values_list("pk", flat=True))
    ours = sorted(rng.sample(ids, min(CONTRACTED, len(ids))))
    day = lambda back: TODAY - datetime.timedelta(days=rng.randint(0, back))  # noqa: E731
    contracts = []
    for sid in ours:
        status = rng.choice(["active"] * 46 + ["suspended"] * 3 + ["in_default"])
        contracts.append(
            Contract(
                service_id=sid,
                framework="Bench framework",
                start_date=day(2000),
                status=status,
            )
        )
    Contract.objects.bulk_create(contracts, batch_size=2000)
    steps = [
        Step(
            service_id=c.service_id,
            contract_id=c.pk,
            kind="suspension" if c.status == "suspended" else "default_notice",
            status="current",
            reason="Bench",
            evidence="Bench",
            proposed_on=(decided := day(400)),
            decided_on=decided,
        )
        for c in Contract.objects.exclude(status="active")
    ]
    Step.objects.bulk_create(steps, batch_size=2000)
    visits = []
    for sid in ours:
        for _ in range(rng.choice([0, 1, 2, 2, 3])):
            carried = day(900)
            visits.append(
                Visit(
                    service_id=sid,
                    year=carried.year,
                    visit_type="routine_monitoring",
                    planned_on=carried,
                    carried_out_on=carried,
                    lead_officer=officer,
                    status="report_issued",
                    overall=rng.choice(
                        ["good"] * 6 + ["requires_improvement"] * 3 + ["inadequate"]
                    ),
                )
            )
    Visit.objects.bulk_create(visits, batch_size=2000)
    plans = [
        ActionPlan(service_id=sid, opened_on=day(500), response_due=day(300))
        for sid in rng.sample(ours, len(ours) // 3)
    ]
    ActionPlan.objects.bulk_create(plans, batch_size=2000)
    items = []
    for plan in ActionPlan.objects.all():
        for _ in range(rng.randint(1, 5)):
            due = plan.opened_on + datetime.timedelta(days=rng.randint(14, 200))
            done = rng.random() < 0.6
            items.append(
                PlanItem(
                    plan=plan,
                    area="safe",
                    remedy="Bench remedy",
                    priority="medium",
                    state="completed" if done else rng.choice(["agreed", "awaiting_response"]),
                    due_on=due,
                    completed_on=min(TODAY, due + datetime.timedelta(days=rng.randint(-10, 30)))
                    if done
                    else None,
                    added_on=plan.opened_on,
                )
            )
    PlanItem.objects.bulk_create(items, batch_size=2000)
    enquiries = []
    for _ in range(8000):
        opened = day(1500)
        closed = opened + datetime.timedelta(days=rng.randint(10, 120))
        enquiries.append(
            SafeguardingEnquiry(
                service_id=rng.choice(ids if rng.random() < 0.5 else ours),
                kind=rng.choice(["s42", "s42", "care_concern"]),
                risk_types=["neglect"],
                risk_source="service_provider",
                risk_location="care_home_residential",
                opened_on=opened,
                closed_on=closed if closed < TODAY else None,
                outcome=rng.choice(["removed", "reduced", "remains"]) if closed < TODAY else "",
            )
        )
    SafeguardingEnquiry.objects.bulk_create(enquiries, batch_size=2000)
    entries = [
        IntelligenceEntry(
            service_id=rng.choice(ours),
            source="complaint",
            received_on=day(400),
            summary="Bench entry",
            severity=rng.choice(["low", "medium", "high"]),
            status=rng.choice(["open", "under_review", "closed"]),
            sharing=rng.choice([1, 2, 3]),
        )
        for _ in range(3000)
    ]
    IntelligenceEntry.objects.bulk_create(entries, batch_size=2000)
    concerns = []
    for sid in rng.sample(ours, 30):
        opened = day(900)
        concerns.append(
            ProviderConcern(
                service_id=sid,
                triggers=["several_enquiries"],
                decision="Bench",
                decided_by="Bench",
                opened_on=opened,
                lead_officer=officer,
                strategy_meeting_due=opened + datetime.timedelta(days=7),
                status="open" if rng.random() < 0.4 else "closed",
            )
        )
    for concern in concerns:
        if concern.status == "closed":
            concern.closed_on = min(TODAY, concern.opened_on + datetime.timedelta(days=90))
    ProviderConcern.objects.bulk_create(concerns)
    return {
        "contracts": len(contracts),
        "visits": len(visits),
        "plan_items": len(items),
        "enquiries": len(enquiries),
        "intelligence": len(entries),
        "concerns": len(concerns),
    }


def measure(database_url):
    empty_database(database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    from careqa.regulators.actions import import_file
    from careqa.risk import compliance
    from careqa.risk.actions import recompute

    run = import_file(str(national_file()), by=None, regulator="cqc")
    counts = fill(random.Random(20261120))
    kind = connection.vendor
    label = f"{run.created + run.updated + run.unchanged:,} services, {counts['contracts']:,} ours"
    for what in ("full recompute, no score saved yet", "full recompute again, nothing changed"):
        started, cpu = time.perf_counter(), time.process_time()
        result = recompute(today=TODAY)
        _emit(
            measure=f"{what} ({label})",
            database=kind,
            seconds=time.perf_counter() - started,
            cpu_s=time.process_time() - cpu,
            scored=result["scored"],
            target=f"<= {TARGETS['recompute_s']:g} s",
            **counts,
        )
    times = []
    cpu = time.process_time()
    for _ in range(TREND_RUNS):
        started = time.perf_counter()
        figures = compliance.trend(today=TODAY)
        times.append(time.perf_counter() - started)
    cpu = (time.process_time() - cpu) / TREND_RUNS
    _emit(
        measure=f"compliance trend, 36 months ({counts['contracts']:,} services ours)",
        database=kind,
        seconds=statistics.median(times),
        first_s=times[0],
        cpu_s=cpu,
        green_now=figures["counts"][""][-1].share_green,
        target=f"<= {TARGETS['trend_s']:g} s",
    )


def main(argv=None):
    parser = argparse.ArgumentParser(prog="careqa.risk.bench")
    parser.add_argument("--database", action="append", help="a DATABASE_URL, emptied first")
    args = parser.parse_args(argv)
    databases = args.database or [f"sqlite:///{WORKDIR / 'risk.sqlite3'}"]
    if len(databases) == 1:
        measure(databases[0])  # one database: measured in this process, JSON lines out
        return
    run_risk_bench({url.split(":")[0]: url for url in databases})


if __name__ == "__main__":
    main()
