"""Reads for meetings: the list, one meeting with its agenda by section and decisions."""

from itertools import groupby

from careqa.meetings.models import AgendaItem, Meeting


def meetings():
    return Meeting.objects.select_related("council").order_by("-held_on", "-pk")


def agenda_by_section(meeting) -> list[dict]:
    """[{title, key, items}] in the sections' order; an item carries its decision, if any."""
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("service", "decision__step", "decision__visit", "decision__recorded_by")
        .order_by("section_order", "section", "pk")
    )
    return [
        {"key": key, "title": group[0].section_title, "items": group}
        for key, group in ((k, list(g)) for k, g in groupby(items, key=lambda i: i.section))
    ]
