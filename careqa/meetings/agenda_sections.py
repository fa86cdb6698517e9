"""The meeting's own agenda section: each service decided at the last meeting of the kind,
what was decided, and what has happened since (steps taken or ended, plan items verified,
new ratings, visits), read from the service's timeline as it stands when the agenda is built."""

from careqa.meetings import agenda
from careqa.meetings.models import Decision
from careqa.providers import timeline

# The timeline's kinds of entry that count as "what has happened since".
SINCE_KINDS = frozenset({"rating", "escalation", "plan", "visit"})


def _day(date):
    return f"{date.day} {date:%B %Y}"


@agenda.register
class DecidedLastTime(agenda.Section):
    key = "decided-last-time"
    title = "Decided at the last meeting, and what has happened since"
    order = 5

    def items(self):
        c = self.context
        if c.last_meeting_id is None:
            return []
        decisions = (
            Decision.objects.filter(item__meeting_id=c.last_meeting_id)
            .select_related("item__service", "item__meeting")
            .order_by("item__service__name", "pk")
        )
        proposed = []
        for decision in decisions:
            last = decision.item.meeting
            service = decision.item.service
            lines = [
                f"Decided on {_day(last.held_on)}: {decision.get_outcome_display()}. "
                f"{decision.reason}"[:600]
            ]
            since = [
                entry
                for entry in timeline.entries_for(service, user=c.by, today=c.on)
                if entry.kind in SINCE_KINDS and last.held_on < entry.date <= c.on
            ]
            for entry in sorted(since, key=lambda e: (e.date, -e.order)):
                lines.append(f"Since: {_day(entry.date)}, {entry.title}")
            if not since:
                lines.append("Since: nothing recorded")
            proposed.append(
                agenda.Proposed(
                    service=service,
                    topic=f"Last time: {decision.get_outcome_display().lower()} "
                    f"({decision.item.topic})"[:300],
                    detail=lines,
                )
            )
        return proposed
