"""Reads for meetings: the list, one meeting with its agenda by section and decisions,
what a person may read of it, its actions, and a service's log of a kind's meetings."""

from itertools import groupby

from careqa.accounts.authz import has_permission
from careqa.meetings import kinds
from careqa.meetings.models import AgendaItem, Decision, Meeting, MeetingAction


def meetings():
    return Meeting.objects.select_related("council").order_by("-held_on", "-pk")


def may_read(user, item) -> bool:
    """An item that carries restricted information (intelligence at a sharing level, the
    risk score, safeguarding) reaches only those who may read it, by any route."""
    return not item.permission or has_permission(user, item.permission, obj=item.service)


def _items(meeting):
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("service", "decision__step", "decision__visit", "decision__recorded_by")
        .prefetch_related("actions")
        .order_by("section_order", "section", "pk")
    )


def agenda_by_section(meeting, user=None) -> list[dict]:
    """[{title, key, items}] in the sections' order; an item carries its decision, if any.
    With `user`, only the items they may read."""
    items = [i for i in _items(meeting) if user is None or may_read(user, i)]
    return [
        {"key": key, "title": group[0].section_title, "items": group}
        for key, group in ((k, list(g)) for k, g in groupby(items, key=lambda i: i.section))
    ]


def hidden_items(meeting, user) -> int:
    """How many items of the meeting `user` may not read."""
    return sum(1 for item in _items(meeting) if not may_read(user, item))


def sharing_level(meeting) -> int | None:
    """The most restrictive sharing level of the intelligence the meeting's items carry."""
    from careqa.risk.rules.sharing import most_restrictive

    return most_restrictive(
        AgendaItem.objects.filter(meeting=meeting, sharing__isnull=False).values_list(
            "sharing", flat=True
        )
    )


def actions_of(meeting, user):
    return [
        a
        for a in MeetingAction.objects.filter(meeting=meeting).select_related(
            "item__service", "service", "done_by"
        )
        if a.item is None or may_read(user, a.item)
    ]


def log_for(service, user) -> list[dict]:
    """The running log of each kind of meeting that keeps one, for `service`: what each
    meeting noted and decided, and its actions, newest first, as `user` may read them."""
    logged = [key for key, kind in kinds.KINDS.items() if kind.log_title]
    decisions = (
        Decision.objects.filter(item__service=service, item__meeting__kind__in=logged)
        .select_related("item__meeting", "item__service", "recorded_by")
        .prefetch_related("item__actions")
        .order_by("-item__meeting__held_on", "-pk")
    )
    return [
        {
            "meeting": d.item.meeting,
            "item": d.item,
            "decision": d,
            "actions": list(d.item.actions.all()),
        }
        for d in decisions
        if may_read(user, d.item)
    ]
