"""The portal's test world: provider A with two homes, provider B with one; on A's first
home an issued report, a draft correction of it and an action plan of two items; a current
and a proposed suspension; entries at each sharing level."""

import datetime

import pytest

from careqa.factories import ContractFactory, ServiceFactory
from careqa.tests.personas import PROVIDER_A, PROVIDER_B

AREAS = ("safe", "effective", "caring", "responsive", "well_led")
ISSUED_ON = datetime.date(2026, 3, 4)


@pytest.fixture
def officer(personas):
    return personas["qa_officer"]


@pytest.fixture
def manager(personas):
    return personas["qa_manager"]


@pytest.fixture
def provider_a(personas):
    return personas[PROVIDER_A]


@pytest.fixture
def provider_b(personas):
    return personas[PROVIDER_B]


@pytest.fixture
def homes(provider_a, provider_b):
    first = ServiceFactory(provider=provider_a.scope_provider, name="Amber Court")
    second = ServiceFactory(
        provider=provider_a.scope_provider, name="Amber Lodge", council=first.council
    )
    other = ServiceFactory(provider=provider_b.scope_provider, name="Birch House")
    return first, second, other


def issue_report(service, officer, manager, *, on=ISSUED_ON):
    from careqa.visits import actions

    visit = actions.add_visit(
        service=service,
        by=manager,
        planned_on=on - datetime.timedelta(days=2),
        lead_officer=officer,
        visit_type="contract_review",
    )
    visit = actions.record_visit(visit=visit, by=officer, today=on, carried_out_on=visit.planned_on)
    actions.judge_visit(visit=visit, by=officer, judgements={a: ("good", "x", "") for a in AREAS})
    report = actions.draft_report(visit=visit, by=officer)
    return actions.issue_report(report=report, by=manager, today=on)


@pytest.fixture
def report(homes, officer, manager):
    return issue_report(homes[0], officer, manager)


@pytest.fixture
def other_report(homes, officer, manager):
    return issue_report(homes[2], officer, manager, on=datetime.date(2026, 3, 11))


@pytest.fixture
def plan(homes, officer):
    from careqa.plans import actions

    today = datetime.date(2026, 3, 5)
    plan = actions.open_plan(service=homes[0], by=officer, today=today)
    for remedy in ("Check medicines records weekly", "Train night staff in moving and handling"):
        actions.add_item(
            plan=plan,
            by=officer,
            today=today,
            area="safe",
            remedy=remedy,
            priority="high",
            evidence_needed="Signed checks",
            owner="",
            source="desktop_monitoring",
        )
    return plan


@pytest.fixture
def other_plan(homes, officer):
    from careqa.plans import actions

    return actions.open_plan(service=homes[2], by=officer, today=datetime.date(2026, 3, 5))


@pytest.fixture
def steps(homes, manager):
    from careqa.escalation.actions import take_step

    ContractFactory(service=homes[0])
    today = datetime.date.today()
    current = take_step(
        service=homes[0],
        kind="suspension",
        placements="all",
        conditions=["A new registered manager in post"],
        review_on=today + datetime.timedelta(days=28),
        by=manager,
        today=today,
        decide=True,
        reason="Medicines errors",
        evidence="e",
    )
    return current


def entry(service, officer, sharing, summary):
    from careqa.risk import actions

    return actions.record_intelligence(
        by=officer,
        today=datetime.date.today(),
        service=service,
        source="complaint",
        received_on=datetime.date.today(),
        summary=summary,
        key_question="responsive",
        severity="medium",
        sharing=sharing,
    )
