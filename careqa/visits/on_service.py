"""The visits on a service's page: its timeline entries and its panel (the registries of
careqa.providers), so the register shows visits without knowing about them."""

from django.urls import reverse

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission
from careqa.providers import service_page, timeline
from careqa.providers.presenters import rating_label
from careqa.visits.models import LeadOfficer, PersonView, Report, Visit
from careqa.visits.vocab import HAPPENED, ReportStatus, VisitStatus


@timeline.register
class VisitEntries(timeline.Source):
    key = "visits"
    permission = Permission.VIEW_ISSUED_REPORTS

    def entries(self, service, *, user, today):
        full = has_permission(user, Permission.VIEW_VISITS, obj=service)
        items = []
        visits = Visit.objects.filter(service=service).select_related("lead_officer")
        for visit in visits.exclude(status=VisitStatus.PLANNED):
            if visit.status == VisitStatus.CANCELLED:
                if full:
                    items.append(
                        timeline.Entry(
                            date=visit.planned_on,
                            title=f"{visit.get_visit_type_display()} cancelled",
                            kind="visit",
                            lines=[visit.cancelled_reason],
                            order=4,
                        )
                    )
                continue
            lines = [f"By {visit.lead_officer.display_name}"]
            if visit.overall and visit.status in (VisitStatus.REPORT_ISSUED, VisitStatus.CLOSED):
                lines.append(f"Our judgement: {rating_label(visit.overall)}")
            items.append(
                timeline.Entry(
                    date=visit.day,
                    title=f"{visit.get_visit_type_display()} carried out",
                    kind="visit",
                    lines=lines,
                    href=reverse("visits:detail", args=[visit.pk]),
                    order=4,
                    # Until its report is issued, only the QA team sees what happened.
                    permission=None
                    if visit.status in (VisitStatus.REPORT_ISSUED, VisitStatus.CLOSED)
                    else Permission.VIEW_VISITS,
                )
            )
        reports = Report.objects.filter(
            visit__service=service, status__in=(ReportStatus.ISSUED, ReportStatus.SUPERSEDED)
        ).select_related("issued_by")
        for report in reports:
            items.append(
                timeline.Entry(
                    date=report.issued_on,
                    title=f"Visit report issued (version {report.version})",
                    kind="visit",
                    lines=[f"By {report.issued_by.display_name}"] if report.issued_by else [],
                    href=reverse("visits:report", args=[report.pk]),
                    order=5,
                )
            )
        views = PersonView.objects.filter(service=service).order_by("-heard_on")[:50]
        for view in views:
            items.append(
                timeline.Entry(
                    date=view.heard_on,
                    title=f"{view.get_sentiment_display()} view from a "
                    f"{view.get_role_display().lower()}",
                    kind="view",
                    lines=[view.said],
                    order=4,
                    permission=Permission.VIEW_VISITS,
                )
            )
        return items


@service_page.register
class VisitsPanel(service_page.Panel):
    key = "visits"
    title = "Monitoring visits"
    order = 5
    permission = Permission.VIEW_ISSUED_REPORTS
    template_name = "visits/_service_panel.html"

    def context(self):
        visits = list(
            Visit.objects.filter(service=self.service)
            .exclude(status=VisitStatus.CANCELLED)
            .select_related("lead_officer")
            .order_by("-planned_on", "-pk")[:20]
        )
        full = has_permission(self.user, Permission.VIEW_VISITS, obj=self.service)
        lead = LeadOfficer.objects.filter(service=self.service).select_related("officer").first()
        return {
            "visits": visits if full else [v for v in visits if v.status in HAPPENED],
            "lead": lead,
            "full": full,
            "can_plan": has_permission(self.user, Permission.PLAN_PROGRAMME, obj=self.service),
        }
