"""The quality surveillance meeting (a kind of careqa.meetings.kinds) and its agenda from
risk: the highest risk, rising risk since the last meeting, new intelligence since then
(only what the person building the agenda may read; each item keeps its sharing level, so
the pack carries the most restrictive it holds), open safeguarding enquiries and open
provider concerns.

Registered for that kind only; it also takes the meetings' own "decided last time" and
the newly rated services from the sections every kind may take."""

from django.db.models import Q

from careqa.accounts.permissions import Permission
from careqa.meetings import agenda, kinds
from careqa.meetings.rules import new_since
from careqa.providers.models import Service
from careqa.risk import queries
from careqa.risk.alerts import ours
from careqa.risk.models import LEVEL_PERMISSION, RiskHistory, SafeguardingEnquiry, ServiceRisk
from careqa.risk.presenters import band_label
from careqa.risk.rules.surveillance import highest, risk_rose
from careqa.risk.vocab import SharingLevel

QUALITY_SURVEILLANCE = kinds.register(
    kinds.Kind(
        "quality_surveillance",
        "Quality surveillance meeting",
        shared_sections=frozenset({"decided-last-time", "newly-rated"}),
        outcomes=("no_action", "surveillance", "monitor", "further_visit", "safeguarding", "refer"),
        professions=True,
        log_title="Quality surveillance log",
    )
)
ONLY = frozenset({QUALITY_SURVEILLANCE.key})


def _day(date):
    return f"{date.day} {date:%B %Y}"


def _our_services(context):
    return ours(Service.objects.filter(council_id=context.council_id))


def _reasons(risk, count=3):
    top = sorted(risk.reasons, key=lambda r: -r[1])[:count]
    return [f"{words} {'+' if points >= 0 else ''}{points}" for words, points in top]


@agenda.register
class HighestRisk(agenda.Section):
    key = "risk-highest"
    title = "Highest risk"
    order = 6
    kinds = ONLY

    def items(self):
        risks = {
            r.service_id: r
            for r in ServiceRisk.objects.filter(
                service__in=_our_services(self.context)
            ).select_related("service")
        }
        proposed = []
        for sid in highest([(sid, r.score) for sid, r in risks.items()]):
            risk = risks[sid]
            proposed.append(
                agenda.Proposed(
                    service=risk.service,
                    topic=f"Risk score {risk.score} ({band_label(risk.band).lower()})",
                    detail=_reasons(risk),
                    permission=Permission.VIEW_RISK,
                )
            )
        return proposed


@agenda.register
class RisingRisk(agenda.Section):
    key = "risk-rising"
    title = "Rising risk since the last meeting"
    order = 7
    kinds = ONLY

    def items(self):
        c = self.context
        risks = list(
            ServiceRisk.objects.filter(service__in=_our_services(c)).select_related("service")
        )
        then = {}
        # The score each had on the day of the last meeting (its latest history by then).
        for sid, score, band in (
            RiskHistory.objects.filter(
                service_id__in=[r.service_id for r in risks], on__lte=c.since
            )
            .order_by("service_id", "on", "id")
            .values_list("service_id", "score", "band")
        ):
            then[sid] = (score, band)
        proposed = []
        for risk in sorted(risks, key=lambda r: (-r.score, r.service_id)):
            before = then.get(risk.service_id)
            if not risk_rose(before, (risk.score, risk.band)):
                continue
            proposed.append(
                agenda.Proposed(
                    service=risk.service,
                    topic=f"Risk up since {_day(c.since)}: {before[0]} then, {risk.score} now",
                    detail=[
                        f"Band {band_label(before[1]).lower()} then, "
                        f"{band_label(risk.band).lower()} now",
                        *_reasons(risk),
                    ],
                    permission=Permission.VIEW_RISK,
                )
            )
        return proposed


@agenda.register
class NewIntelligence(agenda.Section):
    key = "risk-new-intelligence"
    title = "New intelligence since the last meeting"
    order = 8
    kinds = ONLY

    def items(self):
        c = self.context
        services = list(_our_services(c).order_by("name", "pk"))
        by_provider = {}
        for service in services:
            by_provider.setdefault(service.provider_id, []).append(service)
        entries = (
            queries.visible_entries(c.by)
            .filter(received_on__gt=c.since, received_on__lte=c.on)
            .filter(
                Q(service__in=services)
                | Q(service__isnull=True, provider_id__in=[p for p in by_provider if p])
            )
            .order_by("received_on", "pk")
        )
        proposed = []
        for entry in entries:
            if not new_since(entry.received_on, since=c.since, on=c.on):
                continue
            level = SharingLevel(entry.sharing)
            about = [entry.service] if entry.service_id else by_provider.get(entry.provider_id)
            for service in about or []:
                proposed.append(
                    agenda.Proposed(
                        service=service,
                        topic=f"New intelligence (entry {entry.pk}) received "
                        f"{_day(entry.received_on)}: "
                        f"{entry.get_source_display().lower()}, "
                        f"{entry.get_severity_display().lower()} severity",
                        detail=[
                            entry.summary[:600],
                            *(
                                ["About the provider: all its services"]
                                if not entry.service_id
                                else []
                            ),
                            f"Sharing level: {level.label}",
                        ],
                        permission=LEVEL_PERMISSION[level],
                        sharing=int(level),
                    )
                )
        return proposed


@agenda.register
class OpenEnquiries(agenda.Section):
    key = "risk-open-enquiries"
    title = "Open safeguarding enquiries"
    order = 9
    kinds = ONLY

    def items(self):
        c = self.context
        enquiries = (
            SafeguardingEnquiry.objects.filter(
                service__in=_our_services(c), opened_on__lte=c.on, closed_on__isnull=True
            )
            .select_related("service")
            .order_by("service__name", "service_id", "opened_on", "pk")
        )
        by_service = {}
        for enquiry in enquiries:
            by_service.setdefault(enquiry.service, []).append(enquiry)
        proposed = []
        for service, open_ in by_service.items():
            count = len(open_)
            proposed.append(
                agenda.Proposed(
                    service=service,
                    topic=f"{count} open safeguarding enquir{'ies' if count != 1 else 'y'}",
                    detail=[
                        f"{e.get_kind_display()}{f' {e.reference}' if e.reference else ''}, "
                        f"opened {_day(e.opened_on)}: {', '.join(e.risk_type_labels).lower()}"
                        for e in open_
                    ],
                    permission=Permission.VIEW_SAFEGUARDING,
                )
            )
        return proposed


@agenda.register
class OpenProviderConcerns(agenda.Section):
    key = "risk-open-concerns"
    title = "Open provider concerns"
    order = 10
    kinds = ONLY

    def items(self):
        from careqa.risk.actions import concern_services
        from careqa.risk.models import ProviderConcern

        c = self.context
        services = {s.pk: s for s in _our_services(c)}
        concerns = (
            ProviderConcern.objects.filter(opened_on__lte=c.on)
            .exclude(status="closed")
            .select_related("service", "provider", "lead_officer")
            .order_by("opened_on", "pk")
        )
        proposed = []
        for concern in concerns:
            for service in concern_services(concern):
                if service.pk not in services:
                    continue
                meeting = (
                    f"strategy meeting held {_day(concern.strategy_meeting_on)}"
                    if concern.strategy_meeting_on
                    else f"strategy meeting due {_day(concern.strategy_meeting_due)}"
                )
                proposed.append(
                    agenda.Proposed(
                        service=services[service.pk],
                        topic=f"Provider concern opened {_day(concern.opened_on)}: "
                        f"{concern.get_status_display().lower()}",
                        detail=[
                            *(
                                []
                                if concern.service_id
                                else ["About the provider: all its services"]
                            ),
                            meeting[0].upper() + meeting[1:],
                            f"Lead officer: {concern.lead_officer}",
                        ],
                        permission=Permission.VIEW_PROVIDER_CONCERN_DETAILS,
                    )
                )
        return proposed
