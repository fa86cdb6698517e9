"""The meetings on a service's timeline (careqa.providers.timeline): each decision a meeting
recorded about it, for those who may see meetings."""

from django.urls import reverse

from careqa.accounts.permissions import Permission
from careqa.meetings import agenda_sections  # noqa: F401  (the meeting's own section)
from careqa.meetings.models import Decision
from careqa.providers import timeline


@timeline.register
class DecisionEntries(timeline.Source):
    key = "meetings"
    permission = Permission.VIEW_MEETINGS

    def entries(self, service, *, user, today):
        decisions = Decision.objects.filter(item__service=service).select_related(
            "item__meeting", "recorded_by"
        )
        return [
            timeline.Entry(
                date=d.item.meeting.held_on,
                title=f"{d.item.meeting.kind_label} decided: {d.get_outcome_display().lower()}",
                kind="meeting",
                lines=[d.item.topic, d.reason],
                by=d.recorded_by.display_name,
                href=reverse("meetings:detail", args=[d.item.meeting_id]) + f"#item-{d.item_id}",
                order=5,
            )
            for d in decisions
        ]
