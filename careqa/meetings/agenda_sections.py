"""The meeting's own agenda section: each service decided at the last meeting of the kind,
what was decided, and what has happened since (steps taken or ended, action plan items
verified, new ratings), read from the service's timeline when the agenda is built, and how
the actions it asked for stand."""

from careqa.accounts.authz import has_permission
from careqa.meetings import agenda
from careqa.meetings.models import Decision
from careqa.meetings.rules import action_status
from careqa.providers import timeline

# The timeline's sources that say "what has happened since" (by their registry keys); the
# rest (visits, contracts, register changes) are asked for only on the service's page.
SINCE_SOURCES = frozenset({"ratings", "escalation", "plans"})


def since_entries(service, *, user, after, on):
    """The entries of SINCE_SOURCES after `after` and by `on` that `user` may see, oldest
    first, with the timeline's own permission checks."""
    found = []
    for source in timeline.REGISTRY:
        if source.key not in SINCE_SOURCES:
            continue
        if not has_permission(user, source.permission, obj=service):
            continue
        for entry in source().entries(service, user=user, today=on):
            if not after < entry.date <= on:
                continue
            if entry.permission is None or has_permission(user, entry.permission, obj=service):
                found.append(entry)
    return sorted(found, key=lambda e: (e.date, -e.order))


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
            .prefetch_related("item__actions")
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
            for action in decision.item.actions.all():
                state = action_status(action.due_on, action.done_on, c.on)
                lines.append(
                    f"Action: {action.action} ({action.owner}, due {_day(action.due_on)}): "
                    + (f"done {_day(action.done_on)}" if state == "done" else state)
                )
            since = since_entries(service, user=c.by, after=last.held_on, on=c.on)
            for entry in since:
                lines.append(f"Since: {_day(entry.date)}, {entry.title}")
            if not since:
                lines.append("Since: nothing recorded")
            proposed.append(
                agenda.Proposed(
                    service=service,
                    topic=f"Last time: {decision.get_outcome_display().lower()} "
                    f"({decision.item.topic})"[:300],
                    detail=lines,
                    # What last time's item carried, it carries still.
                    permission=decision.item.permission,
                    sharing=decision.item.sharing,
                )
            )
        return proposed
