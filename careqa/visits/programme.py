"""The annual programme as a whole: drafting it (pure planning over the database's facts)
and its rows in the CSV's and the command line's shape."""

import datetime

from careqa.providers.models import Service
from careqa.visits.planning_inputs import fixed_visits, officers_to_plan, services_to_plan
from careqa.visits.rules.needs import VISIT_TYPE_LABELS
from careqa.visits.rules.planning import plan_year

CSV_COLUMNS = [
    "service_id",
    "location_id",
    "service_name",
    "council",
    "visit_type",
    "planned_date",
    "officer",
    "reasons",
]


def draft_programme(year, *, today):
    """The plan for `year`: (PlanResult, the services it covers)."""
    services = services_to_plan(year)
    result = plan_year(
        services,
        officers_to_plan(),
        year=year,
        fixed=fixed_visits(year),
        not_before=max(today, datetime.date(year, 1, 1)) if today.year == year else None,
    )
    return result, services


def plan_rows(result) -> list[list[str]]:
    """One row a planned visit, in CSV_COLUMNS order (words, not codes)."""
    from careqa.accounts.models import User

    services = Service.objects.select_related("council").in_bulk(
        {v.service_id for v in result.visits}
    )
    officers = User.objects.in_bulk({v.officer_id for v in result.visits})
    rows = []
    for visit in sorted(result.visits, key=lambda v: (v.day, v.service_id)):
        service = services[visit.service_id]
        rows.append(
            [
                str(service.pk),
                service.location_id,
                str(service),
                service.council.name if service.council else "",
                VISIT_TYPE_LABELS.get(visit.visit_type, visit.visit_type),
                visit.day.isoformat(),
                officers[visit.officer_id].display_name,
                "; ".join(visit.reasons),
            ]
        )
    return rows
