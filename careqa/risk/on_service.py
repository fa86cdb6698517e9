"""Risk and intelligence on a service's page, its timeline and My work (the registries of
careqa.providers and careqa.work): the score with its reasons and trend, the entries the
person may read, and safeguarding enquiries over time."""

from django.urls import reverse
from django.utils import timezone

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission
from careqa.providers import service_page, timeline
from careqa.risk import queries
from careqa.risk.models import LEVEL_PERMISSION, RiskHistory, SafeguardingEnquiry, ServiceRisk
from careqa.risk.presenters import BAND_TAGS, counts_by_year, level_words, reasons_of, trend_points
from careqa.risk.rules.sharing import most_restrictive
from careqa.risk.vocab import OPEN_ENTRY_STATUSES, RiskType, SharingLevel
from careqa.work import sections


@service_page.register
class RiskPanel(service_page.Panel):
    key = "risk"
    title = "Risk score"
    order = 5
    permission = Permission.VIEW_RISK
    template_name = "risk/_service_panel.html"

    def context(self):
        risk = ServiceRisk.objects.filter(service=self.service).first()
        history = list(RiskHistory.objects.filter(service=self.service).order_by("on", "id"))[-24:]
        return {
            "risk": risk,
            "reasons": reasons_of(risk) if risk else [],
            "tag": BAND_TAGS.get(risk.band, "") if risk else "",
            "score_history": history,
            "trend": trend_points(history),
        }


@service_page.register
class IntelligencePanel(service_page.Panel):
    key = "intelligence"
    title = "Intelligence"
    order = 6
    permission = Permission.VIEW_SHARED_INTELLIGENCE
    template_name = "risk/_intelligence_panel.html"

    def context(self):
        entries = list(
            queries.entries_about(self.service, self.user).filter(status__in=OPEN_ENTRY_STATUSES)
        )
        return {
            "entries": entries,
            "level": level_words(most_restrictive(e.sharing for e in entries)),
            "can_record": has_permission(
                self.user, Permission.RECORD_INTELLIGENCE, obj=self.service
            ),
        }


@service_page.register
class SafeguardingPanel(service_page.Panel):
    key = "safeguarding"
    title = "Safeguarding enquiries"
    order = 7
    permission = Permission.VIEW_SAFEGUARDING
    template_name = "risk/_safeguarding_panel.html"

    def context(self):
        enquiries = SafeguardingEnquiry.objects.filter(service=self.service).select_related(
            "service"
        )
        years = counts_by_year(enquiries)
        for row in years:
            row["nature"] = ", ".join(
                f"{RiskType(t).label.lower()} {n}" for t, n in sorted(row["types"].items())
            )
        return {
            "open": [e for e in enquiries if e.closed_on is None],
            "years": sorted(years, key=lambda r: -r["year"]),
            "can_record": has_permission(
                self.user, Permission.RECORD_SAFEGUARDING, obj=self.service
            ),
        }


@timeline.register
class IntelligenceEntries(timeline.Source):
    key = "intelligence"
    permission = Permission.VIEW_SHARED_INTELLIGENCE

    def entries(self, service, *, user, today):
        items = []
        for entry in queries.entries_about(service, user):
            items.append(
                timeline.Entry(
                    date=entry.received_on,
                    title=f"Intelligence: {entry.get_source_display()}",
                    kind="intelligence",
                    lines=[entry.get_severity_display() + " severity", entry.get_sharing_display()],
                    href=reverse("risk:intelligence-detail", args=[entry.pk]),
                    order=8,
                    # Belt and braces: the query already keeps to the person's levels.
                    permission=LEVEL_PERMISSION[SharingLevel(entry.sharing)],
                )
            )
        return items


@timeline.register
class EnquiryEntries(timeline.Source):
    key = "safeguarding"
    permission = Permission.VIEW_SAFEGUARDING

    def entries(self, service, *, user, today):
        items = []
        for e in SafeguardingEnquiry.objects.filter(service=service):
            href = reverse("risk:enquiry", args=[e.pk])
            items.append(
                timeline.Entry(
                    date=e.opened_on,
                    title=f"{e.get_kind_display()} opened",
                    kind="safeguarding",
                    lines=[", ".join(e.risk_type_labels)],
                    href=href,
                    order=8,
                )
            )
            if e.closed_on:
                items.append(
                    timeline.Entry(
                        date=e.closed_on,
                        title=f"{e.get_kind_display()} closed: {e.get_outcome_display().lower()}",
                        kind="safeguarding",
                        lines=[],
                        href=href,
                        order=9,
                    )
                )
        return items


@sections.register
class NewIntelligence(sections.Section):
    """Open intelligence the person may read, newest first."""

    key = "open-intelligence"
    title = "Open intelligence"
    order = 30
    permission = Permission.RECORD_INTELLIGENCE
    template_name = "risk/work_section.html"

    def context(self):
        entries = list(queries.open_entries(self.user)[:10])
        return {
            "entries": entries,
            "level": level_words(most_restrictive(e.sharing for e in entries)),
        }


@service_page.register
class ConcernPanel(service_page.Panel):
    """Provider concerns about the service or its provider: commissioners see that one
    is open and its dates, the QA team its page."""

    key = "provider-concerns"
    title = "Provider concerns"
    order = 8
    permission = Permission.VIEW_PROVIDER_CONCERNS
    template_name = "risk/_concern_panel.html"

    def context(self):
        from careqa.risk.rules.concerns import strategy_meeting_overdue

        today = timezone.localdate()
        concerns = list(queries.concerns_about(self.service, self.user))
        for concern in concerns:
            concern.overdue = strategy_meeting_overdue(
                status=concern.status, due_on=concern.strategy_meeting_due, today=today
            )
        return {
            "concerns": concerns,
            "can_open": has_permission(
                self.user, Permission.MANAGE_PROVIDER_CONCERNS, obj=self.service
            ),
        }


@service_page.register
class CompliancePanel(service_page.Panel):
    key = "compliance"
    title = "Compliance status"
    order = 4
    permission = Permission.VIEW_COMPLIANCE
    template_name = "risk/_compliance_panel.html"

    def context(self):
        from careqa.risk.compliance import status_of
        from careqa.risk.compliance_views import STATUS_TAGS

        status = status_of(self.service, today=timezone.localdate())
        return {"compliance": status, "tag": STATUS_TAGS[status.status] if status else ""}


@timeline.register
class ConcernEntries(timeline.Source):
    key = "provider-concerns"
    permission = Permission.VIEW_PROVIDER_CONCERNS

    def entries(self, service, *, user, today):
        items = []
        for c in queries.concerns_about(service, user):
            href = reverse("risk:concern", args=[c.pk])
            whole = [] if c.service_id else [f"Every service of {c.provider.name}"]
            items.append(
                timeline.Entry(
                    date=c.opened_on,
                    title="Provider concern opened",
                    kind="safeguarding",
                    lines=whole,
                    href=href,
                    order=9,
                )
            )
            if c.strategy_meeting_on:
                items.append(
                    timeline.Entry(
                        date=c.strategy_meeting_on,
                        title="Provider concern: strategy meeting held",
                        kind="safeguarding",
                        href=href,
                        order=9,
                    )
                )
            if c.closed_on:
                items.append(
                    timeline.Entry(
                        date=c.closed_on,
                        title="Provider concern closed",
                        kind="safeguarding",
                        href=href,
                        order=9,
                    )
                )
        return items
