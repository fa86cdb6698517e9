"""Data returns on a service's page and its timeline (careqa.providers' registries): the
returns asked of it with this period's state, and each return sent."""

from django.urls import reverse
from django.utils import timezone

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission
from careqa.providers import service_page, timeline
from careqa.returns import presenters, queries, rules
from careqa.returns.models import Submission


@service_page.register
class ReturnsPanel(service_page.Panel):
    key = "returns"
    title = "Data returns"
    order = 8
    permission = Permission.VIEW_RETURNS
    template_name = "returns/_service_panel.html"

    def context(self):
        clocks = queries.service_clocks(self.service, self.user, today=timezone.localdate())
        return {
            "latest": [(template, rows[0]) for template, rows in clocks if rows],
            "tags": presenters.STATUS_TAGS,
            "can_submit": has_permission(self.user, Permission.SUBMIT_RETURNS, obj=self.service),
        }


@timeline.register
class ReturnEntries(timeline.Source):
    key = "returns"
    permission = Permission.VIEW_RETURNS

    def entries(self, service, *, user, today):
        items = []
        for s in Submission.objects.filter(service=service, superseded=False).select_related(
            "template"
        )[:60]:
            words = rules.period_words(s.template.schedule, s.period_start)
            items.append(
                timeline.Entry(
                    date=s.submitted_on,
                    title=f"{s.template.name} sent for {words}" + (" (late)" if s.late else ""),
                    kind="return",
                    lines=["Entered by the council" if s.on_behalf else "Sent by the provider"],
                    href=reverse("returns:submission", args=[s.pk]),
                    order=3,
                )
            )
        return items
