"""Records for the backup and retention tests: a commissioned care home, its team, a visit
carried out and reported with people's views, one view heard away from any visit and a visit
carried out but not yet reported. Built through the apps' own actions, so the audit trail,
JSON content and many-to-many rows are as real use leaves them."""

import datetime

from careqa.areas.models import CouncilProfile
from careqa.factories import ContractFactory, CouncilFactory, ServiceFactory, UserFactory
from careqa.visits import actions

AREAS = ("safe", "effective", "caring", "responsive", "well_led")
REPORTED_ON = datetime.date(2024, 3, 20)
HEARD_AWAY_ON = datetime.date(2024, 6, 3)


def seed_records() -> dict:
    council = CouncilFactory(name="Wolverhampton")
    CouncilProfile.objects.create(name="Wolverhampton Council").our_area.set([council])
    manager = UserFactory(username="manager", role="qa_manager")
    officer = UserFactory(username="officer", role="qa_officer")
    service = ServiceFactory(name="Alder House – Ty’n y Coed", council=council)
    ContractFactory(service=service, start_date=datetime.date(2023, 4, 1))

    reported = _carried_out(service, manager, officer, datetime.date(2024, 3, 4))
    said_at_visit = [
        actions.add_view(
            service=service,
            visit=reported,
            by=officer,
            heard_on=reported.carried_out_on,
            role="relative",
            method="at_visit",
            said="Mrs Jones's daughter: staff always phone me when Mum is unwell.",
            sentiment="positive",
            consent_to_share=True,
        ),
        actions.add_view(
            service=service,
            visit=reported,
            by=officer,
            heard_on=reported.carried_out_on,
            role="resident",
            method="at_visit",
            said="I wait a long time for help at night, ask for Room 4.",
            sentiment="negative",
            consent_to_share=False,
        ),
    ]
    actions.judge_visit(
        visit=reported, by=officer, judgements={a: ("good", "Seen at the visit", "") for a in AREAS}
    )
    report = actions.draft_report(visit=reported, by=officer)
    report = actions.issue_report(report=report, by=manager, today=REPORTED_ON)

    away = actions.add_view(
        service=service,
        by=officer,
        heard_on=HEARD_AWAY_ON,
        role="professional",
        method="phone",
        said="District nurse Ann Lee: pressure care has improved.",
        sentiment="positive",
    )
    unreported = _carried_out(service, manager, officer, datetime.date(2024, 9, 2))
    open_view = actions.add_view(
        service=service,
        visit=unreported,
        by=officer,
        heard_on=unreported.carried_out_on,
        role="staff",
        method="at_visit",
        said="A carer, Tom: we are short on nights.",
        sentiment="mixed",
    )
    return {
        "service": service,
        "manager": manager,
        "officer": officer,
        "reported": reported,
        "report": report,
        "said_at_visit": said_at_visit,
        "away": away,
        "unreported": unreported,
        "open_view": open_view,
    }


def _carried_out(service, manager, officer, on):
    visit = actions.add_visit(
        service=service,
        by=manager,
        planned_on=on,
        lead_officer=officer,
        visit_type="contract_review",
    )
    return actions.record_visit(visit=visit, by=officer, today=on, carried_out_on=on)
