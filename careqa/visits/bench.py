"""How fast the visits' heavy paths are, each beside its target (issue 8).

    run_visits_bench({"sqlite": url, "postgres": url}) -> [{"measure", "database", …}, …]

measures, each in a fresh process:

- planning a year for 2,000 services and 20 officers with the pure planner
  (rules.planning.plan_year), no database: the whole year, and re-planning from 1 June;
- the visit report PDF (report_pdf.report_pdf) of a real issued report (28 questions with
  evidence, 2 views, 3 actions), made through the actions, median of 20;
- the My work page (/) for an officer with ten years of history (about 150 visits a year
  to 100 services, most with their report issued, a few without), beside three colleagues
  with as many, median server time of 20 requests through Django's test Client.

Each database is emptied first (SQLite: a new file; PostgreSQL: its public schema is
dropped and made again), migrated, and filled; the history is bulk-inserted, since the
page reads visits and reports, not their audit trail.
Run alone: .venv/bin/python -m careqa.visits.bench [--database URL …] (SQLite by default)
"""

import argparse
import datetime
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
TARGETS = {"plan_s": 2.0, "pdf_s": 1.0, "page_ms": 100.0}
PLAN_RUNS, PDF_RUNS, PAGE_RUNS = 5, 20, 20
PLAN_YEAR = 2026
HISTORY_YEARS, VISITS_A_YEAR, SERVICES, COLLEAGUES = 10, 150, 100, 3
WITHOUT_REPORT = 6  # visits in the last 60 days carried out whose report is not issued yet
SERVICE_TYPES = ["residential", "nursing", "domiciliary", "supported_living", "day", "extra_care"]


def run_visits_bench(databases: dict) -> list[dict]:
    """Measure planning once and the PDF and page on each database; print, return rows."""
    results = _run(["--measure", "plan"])
    for index, (kind, url) in enumerate(databases.items()):
        print(f"Measuring the visits' PDF and My work page on {kind}…", flush=True)
        results += _run(["--measure", "page", "--database", url, *(["--pdf"] * (index == 0))])
    _print(results)
    return results


def _run(args):
    command = [sys.executable, "-m", "careqa.visits.bench", *args]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"visits bench failed:\n{result.stderr[-4000:]}")
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    # The requests' own JSON log lines share the output: only the measures are rows.
    return [row for row in rows if "measure" in row]


def _emit(**row):
    print(json.dumps(row, default=str), flush=True)


# ---- Planning: pure --------------------------------------------------------------------


def large_council(seed=20261202, services=2000, officers=20, year=PLAN_YEAR):
    """A council's services, team and fixed visits, from a fixed seed: every run plans the
    same council. Ratings, contracts and patches are spread as in a large county."""
    from careqa.visits.rules.needs import ServiceFacts
    from careqa.visits.rules.planning import FixedVisit, OfficerCapacity, ServiceToPlan

    rng = random.Random(seed)
    ratings = ["outstanding"] * 5 + ["good"] * 60 + ["requires_improvement"] * 20
    ratings += ["inadequate"] * 5 + [None] * 10
    to_plan = []
    for sid in range(1, services + 1):
        facts = ServiceFacts(
            service_id=sid,
            regulator="cqc",
            rating=rng.choice(ratings),
            rated_on=datetime.date(2024, 1, 1),
            commissioned_since=rng.choice(
                [datetime.date(2018, 4, 1)] * 9 + [datetime.date(year, 5, 1)]
            ),
            contract_standing=rng.choice(["active"] * 28 + ["suspended", "in_default"]),
            overdue_actions=rng.choice([0] * 8 + [1, 3]),
            risk_score=rng.uniform(0, 100),
        )
        to_plan.append(
            ServiceToPlan(
                facts=facts,
                council_id=rng.randint(1, 4),
                service_types=frozenset({rng.choice(SERVICE_TYPES)}),
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
            unavailable=frozenset(datetime.date(year, 8, d) for d in range(3, 15)),
        )
        for oid in range(1, officers + 1)
    ]
    fixed = [
        FixedVisit(
            rng.randint(1, services), rng.randint(1, officers), datetime.date(year, 1, d), "themed"
        )
        for d in range(5, 30)
    ]
    return to_plan, team, fixed


def measure_planning():
    from careqa.visits.rules.needs import visit_needs
    from careqa.visits.rules.planning import plan_year

    services, officers, fixed = large_council()
    needs = sum(len(visit_needs(s.facts, year=PLAN_YEAR)) for s in services)
    for not_before, label in (
        (None, f"plan a year: {len(services)} services, {len(officers)} officers"),
        (datetime.date(PLAN_YEAR, 6, 1), "re-plan the same year from 1 June"),
    ):
        times = []
        for _ in range(PLAN_RUNS):
            started = time.perf_counter()
            result = plan_year(
                services, officers, year=PLAN_YEAR, fixed=fixed, not_before=not_before
            )
            times.append(time.perf_counter() - started)
        _emit(
            measure=label,
            database="none",
            seconds=statistics.median(times),
            first_s=times[0],
            target=f"<= {TARGETS['plan_s']:g} s",
            met=statistics.median(times) <= TARGETS["plan_s"],
            notes=f"{needs} needs, {len(result.visits)} planned, {len(result.unplaced)} unplaced",
        )


# ---- The database: a team with ten years of visits -------------------------------------


def _working_days(year, rng, count, before):
    from careqa.visits.rules.calendar import working_days

    days = working_days(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    days = rng.sample(days, min(count, len(days)))
    return sorted(d for d in days if before is None or d < before)


def _issued_report(service, officer, manager, day, today):
    """One visit carried out, recorded, judged and reported through the actions."""
    from careqa.visits import actions
    from careqa.visits.rules.judgements import area_judgement
    from careqa.visits.vocab import Answer

    visit = actions.add_visit(
        service=service,
        by=manager,
        planned_on=day,
        lead_officer=officer,
        visit_type="contract_review",
    )
    visit = actions.record_visit(
        visit=visit,
        by=officer,
        today=today,
        carried_out_on=day,
        starts_at=datetime.time(9, 30),
        ends_at=datetime.time(15, 0),
        purpose="The annual monitoring visit of the year's programme.",
        methodology=(
            "We spoke to six residents, three relatives and five staff, observed the lunchtime "
            "meal and an activity, and sampled four care plans, medicines records and audits."
        ),
        interaction_observed="Staff were patient and spoke to people respectfully.",
        environment_observed="Clean and homely; one bathroom was out of use.",
        guidance_given="We signposted the manager to the council's falls prevention training.",
        verbal_feedback="We shared our main findings with the manager at the end of the day.",
    )
    questions = list(visit.question_set.questions.all())
    rng = random.Random(8)
    answers = {}
    for question in questions:
        answer = rng.choices((Answer.MET, Answer.PARTLY_MET, Answer.NOT_MET), (7, 2, 1))[0]
        evidence = (
            "Two of the four care plans we sampled had been reviewed this month; the other two "
            "had not been reviewed since the summer, and one did not reflect a recent fall. "
            "Staff we spoke to knew people's needs well and described them consistently."
        )
        answers[question] = (answer, evidence, "Discussed with the registered manager.")
    actions.save_findings(visit=visit, answers=answers, by=officer)
    by_area = {}
    for question, (answer, _, _) in answers.items():
        by_area.setdefault(question.area, []).append(answer)
    judgements = {
        area: (area_judgement(found).judgement or "", "", "See the findings for this area.")
        for area, found in by_area.items()
    }
    actions.judge_visit(visit=visit, by=officer, judgements=judgements)
    for role, sentiment, said in (
        ("resident", "positive", "The staff are kind and they always knock before coming in."),
        ("relative", "mixed", "The care is good but I can never get through on the phone."),
    ):
        actions.add_view(
            service=service,
            visit=visit,
            by=officer,
            heard_on=day,
            role=role,
            method="at_visit",
            said=said,
            sentiment=sentiment,
            consent_to_share=True,
        )
    for area, priority, action in (
        ("safe", "high", "Make sure medicines records are complete and checked every week."),
        ("effective", "medium", "Review every care plan monthly and record the review."),
        ("well_led", "low", "Carry out and record the monthly quality audits, with owners."),
    ):
        actions.add_required_action(
            visit=visit, by=officer, area=area, priority=priority, action=action
        )
    report = actions.draft_report(visit=visit, by=officer)
    return actions.issue_report(report=report, by=manager, today=today)


def build_history(today):
    """A council's 100 services, an officer and three colleagues with ten years of visits
    each; returns (the officer, a real issued report)."""
    from django.db import transaction

    from careqa.accounts.roles import Role
    from careqa.areas.models import CouncilProfile
    from careqa.factories import ContractFactory, CouncilFactory, ServiceFactory, UserFactory
    from careqa.visits.models import Finding, LeadOfficer, Report, Visit
    from careqa.visits.rules.calendar import add_working_days
    from careqa.visits.vocab import ReportStatus, VisitStatus

    rng = random.Random(2026)
    with transaction.atomic():
        council = CouncilFactory(name="Benchshire")
        CouncilProfile.objects.create(name="Benchshire County Council").our_area.set([council])
        services = []
        for n in range(SERVICES):
            kind = SERVICE_TYPES[n % len(SERVICE_TYPES)]
            services.append(
                ServiceFactory(
                    name=f"Bench Service {n:03d}",
                    council=council,
                    service_types=f" {kind} ",
                    care_home=kind in ("residential", "nursing"),
                    street_address=f"{n + 1} High Street",
                    city="Benchton",
                )
            )
            ContractFactory(service=services[-1], start_date=datetime.date(2015, 4, 1))
        manager = UserFactory(username="bench-manager", role=Role.QA_MANAGER)
        officer = UserFactory(
            username="bench-officer", role=Role.QA_OFFICER, first_name="Bea", last_name="Bench"
        )
        team = [officer] + [
            UserFactory(username=f"bench-colleague-{n}", role=Role.QA_OFFICER)
            for n in range(COLLEAGUES)
        ]
        LeadOfficer.objects.bulk_create(
            LeadOfficer(service=s, officer=team[i % len(team)], assigned_on=today)
            for i, s in enumerate(services)
        )
        nursing = next(s for s in services if "nursing" in s.service_types)
        report = _issued_report(
            nursing, officer, manager, add_working_days(today - datetime.timedelta(21), 0), today
        )

        first_year = today.year - HISTORY_YEARS + 1
        recent = today - datetime.timedelta(days=60)
        visits = []
        for member in team:
            for year in range(first_year, today.year + 1):
                for day in _working_days(year, rng, VISITS_A_YEAR, None):
                    if day == report.visit.planned_on and member == officer:
                        continue
                    happened = day < today
                    visits.append(
                        Visit(
                            service=rng.choice(services),
                            year=year,
                            visit_type=rng.choice(
                                ("contract_review", "routine_monitoring", "themed")
                            ),
                            planned_on=day,
                            carried_out_on=day if happened else None,
                            lead_officer=member,
                            status=VisitStatus.REPORT_ISSUED if happened else VisitStatus.PLANNED,
                            reasons="The annual monitoring visit",
                            question_set=report.visit.question_set if happened else None,
                            purpose="The annual monitoring visit of the year's programme.",
                        )
                    )
        # A few recent visits without an issued report: carried out, or a draft written.
        own_recent = [
            v for v in visits if v.lead_officer == officer and recent <= v.planned_on < today
        ]
        for n, visit in enumerate(own_recent[-WITHOUT_REPORT:]):
            visit.status = VisitStatus.CARRIED_OUT if n % 2 else VisitStatus.REPORT_DRAFTED
        Visit.objects.bulk_create(visits, batch_size=500)
        if visits and visits[0].pk is None:  # a database that returns no ids on bulk insert
            raise SystemExit("the bench needs a database that returns ids on bulk insert")
        # Some of the colleagues' visits have the officer along as a second officer.
        helped = [v for v in visits if v.lead_officer != officer and rng.random() < 0.05]
        Through = Visit.other_officers.through
        Through.objects.bulk_create(Through(visit=v, user=officer) for v in helped)

        questions = list(report.visit.question_set.questions.all())
        findings = (
            Finding(visit=v, question=q, answer="met", evidence="Seen in the care plans.")
            for v in visits
            if v.lead_officer == officer and v.carried_out_on
            for q in questions
        )
        Finding.objects.bulk_create(findings, batch_size=2000)
        Report.objects.bulk_create(
            (
                Report(
                    visit=v,
                    status=ReportStatus.ISSUED
                    if v.status == VisitStatus.REPORT_ISSUED
                    else ReportStatus.DRAFT,
                    content=report.content if v.status == VisitStatus.REPORT_ISSUED else {},
                    issued_on=v.planned_on + datetime.timedelta(days=10)
                    if v.status == VisitStatus.REPORT_ISSUED
                    else None,
                    issued_by=manager if v.status == VisitStatus.REPORT_ISSUED else None,
                )
                for v in visits
                if v.status in (VisitStatus.REPORT_ISSUED, VisitStatus.REPORT_DRAFTED)
            ),
            batch_size=200,
        )
    return officer, report


def measure_pdf(report, kind):
    from careqa.visits.report_pdf import report_pdf

    content = report.content
    times, size = [], 0
    for _ in range(PDF_RUNS + 1):
        started = time.perf_counter()
        size = len(report_pdf(content))
        times.append(time.perf_counter() - started)
    median = statistics.median(times[1:])
    questions = sum(len(area["questions"]) for area in content["areas"])
    _emit(
        measure=f"visit report PDF, median of {PDF_RUNS}",
        database=kind,
        seconds=median,
        first_s=times[0],
        target=f"<= {TARGETS['pdf_s']:g} s",
        met=median <= TARGETS["pdf_s"],
        notes=f"{questions} questions, {len(content['views'])} views, "
        f"{len(content['actions'])} actions, {size // 1024} KB",
    )


def measure_page(user, kind, who="officer"):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from careqa.visits.models import Visit

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    times = []
    for _ in range(PAGE_RUNS + 1):
        started = time.perf_counter()
        response = client.get("/")
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"/ answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    median_ms = statistics.median(times[1:]) * 1000
    own = Visit.objects.filter(lead_officer=user)
    _emit(
        measure=f"My work page (/), {who}, median of {PAGE_RUNS}",
        database=kind,
        seconds=median_ms / 1000,
        first_s=times[0],
        target=f"<= {TARGETS['page_ms']:g} ms",
        met=median_ms <= TARGETS["page_ms"],
        notes=f"{len(queries.captured_queries)} queries; {own.count()} own visits, "
        f"{Visit.objects.count()} in all, {len(response.content) // 1024} KB",
    )


def measure_database(database_url, *, pdf):
    empty_database(database_url)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    officer, report = build_history(timezone.localdate())
    print(f"(built the history in {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    if pdf:
        measure_pdf(report, connection.vendor)
    measure_page(officer, connection.vendor)
    # The manager's page adds the team's sections over the same ten years.
    manager = type(officer).objects.get(username="bench-manager")
    measure_page(manager, connection.vendor, "manager")


def _print(results):
    print()
    print(f"{'visits':<52} {'db':<10} {'median':>9} {'first':>8} {'target':>10}  met  notes")
    print("-" * 100)
    for r in results:
        ms = "ms" in r["target"]
        value = r["seconds"] * (1000 if ms else 1)
        first = r["first_s"] * (1000 if ms else 1)
        unit = "ms" if ms else "s"
        print(
            f"{r['measure']:<52} {r['database']:<10} {value:>7.3f}{unit:<2} {first:>6.3f}{unit:<2}"
            f" {r['target']:>10}  {'yes' if r['met'] else 'NO ':<4} {r['notes']}"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(prog="careqa.visits.bench")
    parser.add_argument("--measure", choices=["plan", "page"], help="one step, in this process")
    parser.add_argument(
        "--database", action="append", help="a DATABASE_URL, emptied first (repeatable)"
    )
    parser.add_argument("--pdf", action="store_true", help="with --measure page: the PDF too")
    args = parser.parse_args(argv)
    if args.measure == "plan":
        measure_planning()
    elif args.measure == "page":
        measure_database(args.database[0], pdf=args.pdf)
    else:
        WORKDIR.mkdir(parents=True, exist_ok=True)
        databases = {"sqlite": f"sqlite:///{WORKDIR / 'visits.sqlite3'}"}
        if args.database:
            databases = {url.split(":", 1)[0]: url for url in args.database}
        run_visits_bench(databases)


if __name__ == "__main__":
    main()
