"""The risk score's inputs read from the database, for many services at once: a handful
of queries whatever their number, then plain RiskInputs for the pure rule."""

import datetime
from typing import NamedTuple

from django.db.models import Max, Q

from careqa.plans.models import ActionPlan, PlanItem
from careqa.plans.rules import OPEN_STATES
from careqa.plans.vocab import ItemState, PlanStatus
from careqa.providers.models import Contract, PublishedRating, Service
from careqa.providers.vocab import LIVE_CONTRACT_STATUSES, ContractStatus
from careqa.risk.models import IntelligenceEntry, SafeguardingEnquiry
from careqa.risk.rules.score import EnquiryFact, IntelligenceFact, RiskInputs
from careqa.risk.vocab import OPEN_ENTRY_STATUSES
from careqa.visits.models import Visit
from careqa.visits.vocab import HAPPENED, VisitStatus

KEY_QUESTIONS = ("safe", "effective", "caring", "responsive", "well_led")
OFSTED_AREAS = ("experiences_progress", "help_protection", "leadership")
ISSUED = (VisitStatus.REPORT_ISSUED, VisitStatus.CLOSED)


def _chunks(ids, size=900):
    # SQLite limits the parameters of one query.
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _of(queryset, path, chunk):
    return queryset if chunk is None else queryset.filter(**{f"{path}__in": chunk})


def inputs_for(services, *, today, everything=False) -> list[RiskInputs]:
    """RiskInputs for each of `services` (ServiceRows or Services), in their order. With
    `everything` (the whole register) each query reads its whole table once instead of
    naming tens of thousands of ids."""
    services = list(services)
    ids = [s.pk for s in services]
    kq, contracts, judged, visited, overdue, late, enquiries, intel = (
        {},
        {},
        {},
        {},
        {},
        set(),
        {},
        {},
    )
    provider_intel = {}
    provider_ids = {s.provider_id for s in services if s.provider_id}
    for chunk in [None] if everything else _chunks(ids):
        for r in (
            _of(PublishedRating.objects, "service_id", chunk)
            .filter(withdrawn_on__isnull=True)
            .order_by("service_id", "-rated_on", "-pk")
            .values("service_id", *KEY_QUESTIONS, *OFSTED_AREAS)
        ):
            if r["service_id"] not in kq:
                kq[r["service_id"]] = tuple(r[a] for a in (*KEY_QUESTIONS, *OFSTED_AREAS) if r[a])
        for row in (
            _of(Contract.objects, "service_id", chunk)
            .filter(status__in=LIVE_CONTRACT_STATUSES)
            .values_list("service_id", "status")
        ):
            contracts.setdefault(row[0], set()).add(row[1])
        for v in (
            _of(Visit.objects, "service_id", chunk)
            .filter(status__in=ISSUED)
            .exclude(overall="")
            .order_by("service_id", "-carried_out_on", "-pk")
            .values("service_id", "overall", "carried_out_on")
        ):
            judged.setdefault(v["service_id"], (v["overall"], v["carried_out_on"]))
        visited.update(
            _of(Visit.objects, "service_id", chunk)
            .filter(status__in=HAPPENED)
            .values("service_id")
            .annotate(last=Max("carried_out_on"))
            .values_list("service_id", "last")
        )
        for sid in (
            _of(PlanItem.objects, "plan__service_id", chunk)
            .filter(
                plan__status=PlanStatus.OPEN,
                state__in=OPEN_STATES,
                due_on__lt=today,
            )
            .values_list("plan__service_id", flat=True)
        ):
            overdue[sid] = overdue.get(sid, 0) + 1
        late.update(
            _of(ActionPlan.objects, "service_id", chunk)
            .filter(
                status=PlanStatus.OPEN,
                response_due__lt=today,
                items__state=ItemState.AWAITING_RESPONSE,
            )
            .values_list("service_id", flat=True)
        )
        for e in _of(SafeguardingEnquiry.objects, "service_id", chunk).values(
            "service_id", "kind", "opened_on", "closed_on", "outcome"
        ):
            enquiries.setdefault(e["service_id"], []).append(
                EnquiryFact(e["kind"], e["opened_on"], e["closed_on"], e["outcome"])
            )
    open_entries = IntelligenceEntry.objects.filter(status__in=OPEN_ENTRY_STATUSES).filter(
        Q(service_id__in=ids) if len(ids) < 900 else Q(service__isnull=False)
    )
    for sid, severity, received in open_entries.values_list(
        "service_id", "severity", "received_on"
    ):
        intel.setdefault(sid, []).append(IntelligenceFact(severity, received))
    provider_entries = IntelligenceEntry.objects.filter(
        status__in=OPEN_ENTRY_STATUSES, service__isnull=True
    )
    if len(provider_ids) < 900:
        provider_entries = provider_entries.filter(provider_id__in=provider_ids)
    for pid, severity, received in provider_entries.values_list(
        "provider_id", "severity", "received_on"
    ):
        provider_intel.setdefault(pid, []).append(IntelligenceFact(severity, received))
    concerned, concerned_providers = _open_concerns()
    missed = _missed_returns(ids, today=today, everything=everything)
    result = []
    for s in services:
        judgement, judged_on = judged.get(s.pk, (None, None))
        statuses = contracts.get(s.pk, set())
        result.append(
            RiskInputs(
                service_id=s.pk,
                rating=s.rating or None,
                rated_on=s.rating_published,
                key_question_ratings=kq.get(s.pk, ()),
                visit_judgement=judgement,
                judged_on=judged_on,
                visited_on=visited.get(s.pk),
                overdue_actions=overdue.get(s.pk, 0),
                response_overdue=s.pk in late,
                enquiries=tuple(enquiries.get(s.pk, ())),
                intelligence=tuple(intel.get(s.pk, ()))
                + tuple(provider_intel.get(s.provider_id, ())),
                suspended=ContractStatus.SUSPENDED in statuses,
                in_default=ContractStatus.IN_DEFAULT in statuses,
                commissioned=bool(statuses),
                provider_concern=s.pk in concerned or s.provider_id in concerned_providers,
                missed_returns=missed.get(s.pk, 0),
            )
        )
    return result


def _open_concerns() -> tuple[set, set]:
    """(service ids, provider ids) with an open provider concern: few, read whole."""
    from careqa.risk.models import ProviderConcern
    from careqa.risk.vocab import ConcernStatus

    services, providers = set(), set()
    for sid, pid in ProviderConcern.objects.exclude(status=ConcernStatus.CLOSED).values_list(
        "service_id", "provider_id"
    ):
        if sid:
            services.add(sid)
        else:
            providers.add(pid)
    return services, providers


def _missed_returns(ids, *, today, everything) -> dict:
    """{service id: data returns missed in the last 12 months} (careqa.returns' clocks)."""
    from careqa.returns.models import Clock

    since = today - datetime.timedelta(days=365)
    missed = {}
    for chunk in [None] if everything else _chunks(ids):
        rows = _of(Clock.objects, "service_id", chunk).filter(
            kind=Clock.Kind.MISSED, period_start__gte=since, period_start__lte=today
        )
        for sid in rows.values_list("service_id", flat=True):
            missed[sid] = missed.get(sid, 0) + 1
    return missed


class ServiceRow(NamedTuple):
    """What the score reads of a service itself (lighter than a model instance: the whole
    register is read at once)."""

    pk: int
    rating: str | None
    rating_published: object
    provider_id: int | None


def service_rows(services) -> list[ServiceRow]:
    """`services` (a queryset of Service) as rows, in id order."""
    fields = ("pk", "rating", "rating_published", "provider_id")
    return [ServiceRow(*row) for row in services.order_by("pk").values_list(*fields)]


def services_to_score():
    """Every active service in the register."""
    return Service.objects.filter(active=True)
