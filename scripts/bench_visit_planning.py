#!/usr/bin/env python
"""How long the visit planner takes for a large council: 2,000 services, 20 officers.

Run from the project folder: .venv/bin/python scripts/bench_visit_planning.py
The target is 2 seconds on the project's benchmark machine.
"""

import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from careqa.visits.rules.needs import ServiceFacts, visit_needs  # noqa: E402
from careqa.visits.rules.planning import (  # noqa: E402
    FixedVisit,
    OfficerCapacity,
    ServiceToPlan,
    plan_year,
)

YEAR = 2026
TYPES = ["residential", "nursing", "domiciliary", "supported_living", "day", "extra_care"]


def council(seed=20261202, services=2000, officers=20):
    # A fixed seed: every run measures the same council.
    rng = random.Random(seed)
    ratings = ["outstanding"] * 5 + ["good"] * 60 + ["requires_improvement"] * 20
    ratings += ["inadequate"] * 5 + [None] * 10
    to_plan = []
    for sid in range(1, services + 1):
        facts = ServiceFacts(
            service_id=sid,
            regulator="cqc",
            rating=rng.choice(ratings),
            rated_on=date(2024, 1, 1),
            commissioned_since=rng.choice([date(2018, 4, 1)] * 9 + [date(YEAR, 5, 1)]),
            contract_standing=rng.choice(["active"] * 28 + ["suspended", "in_default"]),
            overdue_actions=rng.choice([0] * 8 + [1, 3]),
            risk_score=rng.uniform(0, 100),
        )
        to_plan.append(
            ServiceToPlan(
                facts=facts,
                council_id=rng.randint(1, 4),
                service_types=frozenset({rng.choice(TYPES)}),
                lead_officer_id=rng.choice([None, rng.randint(1, officers)]),
                joint_partner=rng.choice([""] * 9 + ["NHS quality nurse"]),
            )
        )
    team = [
        OfficerCapacity(
            officer_id=oid,
            visits_per_week=rng.choice([4, 5, 5]),
            weekdays=frozenset({0, 1, 2, 3, 4}) if oid % 5 else frozenset({0, 1, 2, 3}),
            councils=None if oid % 3 else frozenset({1, 2, 3, 4}),
            unavailable=frozenset(date(YEAR, 8, d) for d in range(3, 15)),
        )
        for oid in range(1, officers + 1)
    ]
    fixed = [
        FixedVisit(rng.randint(1, services), rng.randint(1, officers), date(YEAR, 1, d), "themed")
        for d in range(5, 30)
    ]
    return to_plan, team, fixed


def measure(services, officers, fixed, not_before):
    times = []
    for _ in range(5):
        started = time.perf_counter()
        result = plan_year(services, officers, year=YEAR, fixed=fixed, not_before=not_before)
        times.append(time.perf_counter() - started)
    when = f"re-planned from {not_before}" if not_before else "the whole year"
    print(
        f"{when}: {len(result.visits)} visits planned, {len(result.unplaced)} unplaced, "
        f"{len(result.met)} needs met by fixed visits; best {min(times):.3f} s, "
        f"median {statistics.median(times):.3f} s (target 2 s)"
    )


def main():
    services, officers, fixed = council()
    needs = sum(len(visit_needs(s.facts, year=YEAR)) for s in services)
    print(f"{len(services)} services needing {needs} visits, {len(officers)} officers")
    measure(services, officers, fixed, None)
    measure(services, officers, fixed, date(YEAR, 6, 1))


if __name__ == "__main__":
    main()
