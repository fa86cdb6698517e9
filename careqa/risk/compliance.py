"""The compliance status of our services on any date, rebuilt from history: the rating
that stood (providers.PublishedRating), the suspensions and default notices in force
(escalation steps), the action-plan items overdue (due and completed dates) and the
provider concerns open (opened and closed dates). Seven queries whatever the number of
services or dates; the judgement itself is the pure careqa.risk.rules.compliance.

"Our services" on a date: those under a contract of ours that had started and not ended
(nor been terminated) by then. On today's date what the records say now also counts (a
contract marked suspended, an item reopened), so the status today matches the page.
"""

import bisect
import datetime
import functools
from dataclasses import dataclass, field

from careqa.escalation.vocab import StepKind, StepStatus
from careqa.plans.models import PlanItem
from careqa.plans.rules import OPEN_STATES
from careqa.plans.vocab import PlanStatus
from careqa.providers.models import Contract, PublishedRating, Service
from careqa.providers.vocab import ContractStatus
from careqa.risk.models import ProviderConcern
from careqa.risk.rules.compliance import (
    AMBER,
    GREEN,
    RED,
    ComplianceFacts,
    ComplianceStatus,
    compliance_status,
)

STATUSES = (GREEN, AMBER, RED)
ALL_TYPES = ""  # the key of every type together (our whole area)


def month_ends(today: datetime.date, months: int = 36) -> list[datetime.date]:
    """`today` and the last day of each of the months before it: `months` dates, oldest
    first."""
    dates = [today]
    day = today.replace(day=1) - datetime.timedelta(days=1)
    while len(dates) < months:
        dates.append(day)
        day = day.replace(day=1) - datetime.timedelta(days=1)
    return dates[::-1]


def _during(start, end, day) -> bool:
    """Whether `day` falls in [start, end): `end` None is still running."""
    return start is not None and start <= day and (end is None or day < end)


@dataclass
class _History:
    """One service's records, as plain values."""

    id: int
    provider_id: int | None
    rating: str | None
    rating_published: datetime.date | None
    contracts: list = field(default_factory=list)  # (start, end, terminated_on, status)
    rated_on: list = field(default_factory=list)  # sorted, with `ratings` beside
    ratings: list = field(default_factory=list)  # (overall, withdrawn_on)
    steps: list = field(default_factory=list)  # (kind, decided_on, ended_on, status)
    items: list = field(default_factory=list)  # (due_on, done_on, open_now, added_on)
    concerns: list = field(default_factory=list)  # (opened_on, closed_on)
    deactivated_on: datetime.date | None = None
    active: bool = True

    def ours_on(self, day, today) -> bool:
        if not self.active and (self.deactivated_on is None or self.deactivated_on <= day):
            return False
        for start, end, terminated_on, status in self.contracts:
            if start > day or (end is not None and end < day):
                continue
            if terminated_on is not None and terminated_on <= day:
                continue
            if day >= today and status == ContractStatus.TERMINATED:
                continue
            return True
        return False

    def rating_on(self, day):
        if not self.rated_on:
            # No history kept (a service added by hand): its current rating, once published.
            if self.rating and (self.rating_published is None or self.rating_published <= day):
                return self.rating
            return None
        index = bisect.bisect_right(self.rated_on, day)
        while index > 0:
            index -= 1
            overall, withdrawn_on = self.ratings[index]
            if withdrawn_on is None or withdrawn_on > day:
                return overall
        return None

    def facts_on(self, day, today) -> tuple:
        """(rating, overdue actions, suspended, in default, provider concern) on `day`."""
        now = day >= today
        suspended = in_default = concern = False
        for kind, decided_on, ended_on, status in self.steps:
            if status == StepStatus.CURRENT if now else _during(decided_on, ended_on, day):
                suspended = suspended or kind == StepKind.SUSPENSION
                in_default = in_default or kind == StepKind.DEFAULT_NOTICE
        if now:
            statuses = {c[3] for c in self.contracts}
            suspended = suspended or ContractStatus.SUSPENDED in statuses
            in_default = in_default or ContractStatus.IN_DEFAULT in statuses
        overdue = 0
        for due_on, done_on, open_now, added_on in self.items:
            if due_on >= day or added_on > day:
                continue
            if open_now if now else (done_on is None or done_on > day):
                overdue += 1
        for opened_on, closed_on in self.concerns:
            concern = concern or _during(opened_on, closed_on, day)
        return (self.rating_on(day), overdue, suspended, in_default, concern)


def _histories(service_ids=None) -> dict[int, _History]:
    """Every service we have held a contract with (or those of `service_ids`, a few), with
    their records; the whole register is read table by table, never id by id."""
    from careqa.escalation.models import Step

    def few(queryset, path):
        return queryset if service_ids is None else queryset.filter(**{f"{path}__in": ids})

    ids = list(service_ids or [])
    rows = list(
        few(Contract.objects, "service_id").values_list(
            "service_id", "start_date", "end_date", "status", "pk"
        )
    )
    contracted = {r[0] for r in rows}
    services = Service.objects.filter(contracts__isnull=False).distinct()
    histories = {
        pk: _History(pk, provider, rating, published, deactivated_on=off, active=active)
        for pk, provider, rating, published, off, active in few(services, "pk").values_list(
            "pk", "provider_id", "rating", "rating_published", "deactivated_on", "active"
        )
        if pk in contracted
    }
    terminations = {}
    steps = Step.objects.filter(
        kind__in=(StepKind.SUSPENSION, StepKind.DEFAULT_NOTICE, StepKind.TERMINATION),
        status__in=(StepStatus.CURRENT, StepStatus.ENDED),
        decided_on__isnull=False,
    )
    for sid, kind, decided_on, ended_on, status, contract_id in few(
        steps, "service_id"
    ).values_list("service_id", "kind", "decided_on", "ended_on", "status", "contract_id"):
        if sid not in histories:
            continue
        if kind == StepKind.TERMINATION:
            terminations[contract_id] = decided_on
        else:
            histories[sid].steps.append((kind, decided_on, ended_on, status))
    for sid, start, end, status, pk in rows:
        if sid in histories:
            histories[sid].contracts.append((start, end, terminations.get(pk), status))
    # Only the ratings of services we have contracted with: the register holds every other.
    ratings = few(
        PublishedRating.objects.filter(service_id__in=Contract.objects.values("service_id")),
        "service_id",
    ).order_by("service_id", "rated_on")
    for sid, rated_on, overall, withdrawn_on in ratings.values_list(
        "service_id", "rated_on", "overall", "withdrawn_on"
    ):
        history = histories.get(sid)
        if history is not None:
            history.rated_on.append(rated_on)
            history.ratings.append((overall, withdrawn_on))
    items = few(PlanItem.objects.filter(due_on__isnull=False), "plan__service_id")
    for sid, due_on, completed_on, verified_on, state, plan_status, added_on in items.values_list(
        "plan__service_id",
        "due_on",
        "completed_on",
        "verified_on",
        "state",
        "plan__status",
        "added_on",
    ):
        history = histories.get(sid)
        if history is None:
            continue
        done_on = completed_on or verified_on
        open_now = state in OPEN_STATES and plan_status == PlanStatus.OPEN
        if plan_status != PlanStatus.OPEN and done_on is None:
            continue  # a plan closed without the item's completion: no date to go by
        history.items.append((due_on, done_on, open_now, added_on))
    by_provider = {}
    for history in histories.values():
        by_provider.setdefault(history.provider_id, []).append(history)
    for sid, pid, opened_on, closed_on in ProviderConcern.objects.values_list(
        "service_id", "provider_id", "opened_on", "closed_on"
    ):
        about = [histories[sid]] if sid in histories else by_provider.get(pid, []) if pid else []
        for history in about:
            history.concerns.append((opened_on, closed_on))
    return histories


@dataclass(frozen=True)
class ServiceCompliance:
    service_id: int
    on: datetime.date
    status: ComplianceStatus


@functools.lru_cache(maxsize=4096)
def _judge(rating, overdue=0, suspended=False, in_default=False, concern=False):
    # The same facts give the same status: most services on most dates differ only by rating.
    return compliance_status(ComplianceFacts(rating, overdue, suspended, in_default, concern))


def compliance_on(dates, *, today, service_ids=None) -> dict:
    """{date: {service id: ComplianceStatus}} for our services on each of `dates`."""
    histories = _histories(service_ids)
    result = {day: {} for day in dates}
    for h in histories.values():
        # A service with no step, item or concern in its history is judged on its rating.
        plain = not (h.steps or h.items or h.concerns)
        for day in dates:
            if not h.ours_on(day, today):
                continue
            if plain and day < today:
                result[day][h.id] = _judge(h.rating_on(day))
            else:
                result[day][h.id] = _judge(*h.facts_on(day, today))
    return result


def status_of(service, *, today) -> ComplianceStatus | None:
    """A service's compliance status today; None when it is not one of our services."""
    return compliance_on([today], today=today, service_ids=[service.pk])[today].get(service.pk)


def statuses_now(*, today) -> dict:
    """{service id: ComplianceStatus} of every service of ours today."""
    return compliance_on([today], today=today)[today]


@dataclass(frozen=True)
class Count:
    green: int
    amber: int
    red: int

    @property
    def total(self) -> int:
        return self.green + self.amber + self.red

    @property
    def share_green(self):
        """Per cent green, one decimal, or None with no services."""
        if not self.total:
            return None
        return round(100 * self.green / self.total, 1)


def _service_types() -> dict:
    return dict(
        Service.objects.filter(contracts__isnull=False)
        .distinct()
        .values_list("pk", "service_types")
    )


def _types_of(service_types: str) -> list[str]:
    return service_types.split()


def trend(*, today, months=36) -> dict:
    """The counts month by month, for our area and by service type:
    {"dates": [...], "types": [codes], "counts": {type or ALL_TYPES: [Count per date]}}."""
    dates = month_ends(today, months)
    statuses = compliance_on(dates, today=today)
    types = _service_types()
    codes = sorted({code for value in types.values() for code in _types_of(value)})
    counts = {key: [] for key in (ALL_TYPES, *codes)}
    for day in dates:
        tally = {key: {GREEN: 0, AMBER: 0, RED: 0} for key in counts}
        for sid, status in statuses[day].items():
            tally[ALL_TYPES][status.status] += 1
            for code in _types_of(types.get(sid, "")):
                tally[code][status.status] += 1
        for key, value in tally.items():
            counts[key].append(Count(value[GREEN], value[AMBER], value[RED]))
    return {"dates": dates, "types": codes, "counts": counts}


def services_behind(*, day, today, status="", service_type=""):
    """Our services on `day` (of `service_type`, with `status`), with their statuses then."""
    statuses = compliance_on([day], today=today)[day]
    services = Service.objects.filter(contracts__isnull=False).distinct()
    if service_type:
        services = services.filter(service_types__contains=f" {service_type} ")
    return [
        (service, statuses[service.pk])
        for service in services.select_related("provider").order_by("name", "pk")
        if service.pk in statuses and (not status or statuses[service.pk].status == status)
    ]
