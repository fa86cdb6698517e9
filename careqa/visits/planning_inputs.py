"""What the programme is planned from, read from the database: every service we
commission with its facts, the officers' capacity and patch, and the visits that stay put.
The planning itself is pure (careqa.visits.rules.planning)."""

import datetime
from dataclasses import replace

from django.db.models import Max, Q

from careqa.accounts.roles import Role
from careqa.providers.models import Contract, Service
from careqa.providers.rules import contract_standing
from careqa.providers.vocab import LIVE_CONTRACT_STATUSES
from careqa.visits.models import LeadOfficer, OfficerProfile, Visit
from careqa.visits.rules.needs import ServiceFacts
from careqa.visits.rules.planning import FixedVisit, OfficerCapacity, ServiceToPlan
from careqa.visits.vocab import HAPPENED, VisitStatus

# Other apps add facts the programme weighs without the visits knowing them: each is a
# function of the services' ids returning {service id: {ServiceFacts field: value}}
# (careqa.risk adds the risk score).
FACT_SOURCES: list = []


def _more_facts(facts: ServiceFacts, extra: dict) -> ServiceFacts:
    return replace(facts, **extra.get(facts.service_id, {})) if extra else facts


def commissioned_services():
    live = Contract.objects.filter(status__in=LIVE_CONTRACT_STATUSES)
    return Service.objects.filter(active=True, pk__in=live.values("service_id"))


def services_to_plan(year) -> list[ServiceToPlan]:
    services = list(commissioned_services().select_related("council").order_by("pk"))
    ids = [s.pk for s in services]
    statuses, since = {}, {}
    for row in Contract.objects.filter(
        service_id__in=ids, status__in=LIVE_CONTRACT_STATUSES
    ).values("service_id", "status", "start_date"):
        statuses.setdefault(row["service_id"], []).append(row["status"])
        start = row["start_date"]
        if row["service_id"] not in since or start < since[row["service_id"]]:
            since[row["service_id"]] = start
    leads = dict(
        LeadOfficer.objects.filter(service_id__in=ids).values_list("service_id", "officer_id")
    )
    last = dict(
        Visit.objects.filter(
            service_id__in=ids, status__in=HAPPENED, carried_out_on__lt=datetime.date(year, 1, 1)
        )
        .values("service_id")
        .annotate(last=Max("carried_out_on"))
        .values_list("service_id", "last")
    )
    extra: dict = {}
    for source in FACT_SOURCES:
        for service_id, values in source(ids).items():
            extra.setdefault(service_id, {}).update(values)
    return [
        ServiceToPlan(
            facts=_more_facts(
                ServiceFacts(
                    service_id=s.pk,
                    regulator=s.regulator,
                    rating=s.rating or None,
                    rated_on=s.rating_published,
                    commissioned_since=since.get(s.pk),
                    contract_standing=contract_standing(statuses.get(s.pk, [])),
                    last_visit_on=last.get(s.pk),
                ),
                extra,
            ),
            council_id=s.council_id,
            service_types=frozenset(s.type_codes),
            lead_officer_id=leads.get(s.pk),
        )
        for s in services
    ]


def officers_to_plan() -> list[OfficerCapacity]:
    profiles = (
        OfficerProfile.objects.filter(
            plans_visits=True,
            officer__is_active=True,
            officer__role__in=[Role.QA_OFFICER, Role.QA_MANAGER],
        )
        .prefetch_related("councils")
        .order_by("officer_id")
    )
    return [
        OfficerCapacity(
            officer_id=p.officer_id,
            visits_per_week=p.visits_per_week,
            weekdays=frozenset(p.working_days or [0, 1, 2, 3, 4]),
            councils=frozenset(c.pk for c in p.councils.all()) or None,
            service_types=frozenset(p.service_types) or None,
        )
        for p in profiles
    ]


def fixed_visits(year) -> list[FixedVisit]:
    """Visits re-planning never moves: carried out, or moved or added by hand."""
    visits = Visit.objects.filter(year=year).exclude(status=VisitStatus.CANCELLED)
    visits = visits.filter(Q(status__in=HAPPENED) | Q(fixed_by_hand=True))
    return [
        FixedVisit(
            service_id=v.service_id,
            officer_id=v.lead_officer_id,
            day=v.carried_out_on or v.planned_on,
            visit_type=v.visit_type,
        )
        for v in visits.order_by("pk")
    ]
