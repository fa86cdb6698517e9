"""The meetings on a service's page and timeline (careqa.providers' registries): each
decision a meeting recorded about it, and the running log of the kinds that keep one (the
quality surveillance log), for those who may see meetings and read each item."""

from django.urls import reverse

from careqa.accounts.permissions import Permission
from careqa.meetings import (
    agenda_sections,  # noqa: F401  (the meeting's own section)
    queries,
)
from careqa.meetings.models import Decision
from careqa.meetings.rules import action_status
from careqa.providers import service_page, timeline


@timeline.register
class DecisionEntries(timeline.Source):
    key = "meetings"
    permission = Permission.VIEW_MEETINGS

    def entries(self, service, *, user, today):
        decisions = Decision.objects.filter(item__service=service).select_related(
            "item__meeting", "item__service", "recorded_by"
        )
        return [
            timeline.Entry(
                date=d.item.meeting.held_on,
                title=f"{d.item.meeting.kind_label} decided: {d.get_outcome_display().lower()}",
                kind="meeting",
                lines=[d.item.topic, *([f"Noted: {d.noted}"] if d.noted else []), d.reason],
                by=d.recorded_by.display_name,
                href=reverse("meetings:detail", args=[d.item.meeting_id]) + f"#item-{d.item_id}",
                order=5,
            )
            for d in decisions
            if queries.may_read(user, d.item)
        ]


@service_page.register
class SurveillanceLog(service_page.Panel):
    key = "surveillance-log"
    title = "Quality surveillance log"
    order = 8
    permission = Permission.VIEW_MEETINGS
    template_name = "meetings/_log_panel.html"

    def shown(self):
        # Only on the pages of services a meeting of such a kind has discussed.
        self.entries = queries.log_for(self.service, self.user)
        return bool(self.entries)

    def context(self):
        from django.utils import timezone

        today = timezone.localdate()
        for entry in self.entries:
            for action in entry["actions"]:
                action.status = action_status(action.due_on, action.done_on, today)
        return {"entries": self.entries}
