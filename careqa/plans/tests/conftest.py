"""The plans' test set-up: a care home of provider A with a visit report issued with two
required actions (so its plan is open), documents stored in a temporary folder."""

import datetime

import pytest

from careqa.tests.personas import PROVIDER_A

VISITED = datetime.date(2026, 3, 2)
ISSUED = datetime.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def officer(personas):
    return personas["qa_officer"]


@pytest.fixture
def manager(personas):
    return personas["qa_manager"]


@pytest.fixture
def home(personas):
    from careqa.factories import ServiceFactory

    return ServiceFactory(provider=personas[PROVIDER_A].scope_provider, name="Alder House")


def carry_out(service, *, officer, manager, required=(), planned_on=VISITED):
    from careqa.visits import actions

    visit = actions.add_visit(
        service=service,
        by=manager,
        planned_on=planned_on,
        lead_officer=officer,
        visit_type="contract_review",
    )
    visit = actions.record_visit(
        visit=visit, by=officer, today=planned_on, carried_out_on=planned_on
    )
    areas = ("safe", "effective", "caring", "responsive", "well_led")
    actions.judge_visit(visit=visit, by=officer, judgements={a: ("good", "x", "") for a in areas})
    for area, action in required:
        actions.add_required_action(
            visit=visit, by=officer, area=area, priority="high", action=action
        )
    return actions.draft_report(visit=visit, by=officer)


@pytest.fixture
def issued(home, officer, manager):
    """The report, issued on ISSUED with two required actions."""
    from careqa.visits.actions import issue_report

    report = carry_out(
        home,
        officer=officer,
        manager=manager,
        required=(("safe", "Check medicines records weekly"), ("well_led", "Audit monthly")),
    )
    return issue_report(report=report, by=manager, today=ISSUED)


@pytest.fixture
def plan(issued):
    return issued.action_plans.get()
