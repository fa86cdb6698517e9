"""Each officer's private calendar feed of their visits (RFC 5545, from icalendar), at a
secret address they can reset; and the page that gives it to them."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from careqa.accounts.authz import require_permission
from careqa.accounts.permissions import Permission
from careqa.visits import actions
from careqa.visits.models import OfficerProfile, Visit
from careqa.visits.vocab import VisitStatus

# Past visits stay in the feed for a while, so a calendar keeps recent history.
FEED_HISTORY_DAYS = 90


@require_permission(Permission.RECORD_VISITS)
def my_calendar(request):
    if request.method == "POST":
        actions.reset_calendar_token(officer=request.user, by=request.user)
        messages.success(request, "Your calendar has a new address: the old one no longer works")
        return redirect("visits:my-calendar")
    profile = OfficerProfile.objects.filter(officer=request.user).first()
    feed = (
        request.build_absolute_uri(reverse("visits:calendar-feed", args=[profile.calendar_token]))
        if profile
        else ""
    )
    return render(request, "visits/calendar.html", {"feed": feed})


@login_not_required  # calendar programs cannot sign in: the secret address is the key
@require_GET
def calendar_feed(request, token):
    profile = (
        OfficerProfile.objects.select_related("officer")
        .filter(calendar_token=token, officer__is_active=True)
        .first()
    )
    if profile is None:
        raise Http404("No such calendar")
    since = datetime.date.today() - datetime.timedelta(days=FEED_HISTORY_DAYS)
    visits = (
        Visit.objects.filter(lead_officer=profile.officer, planned_on__gte=since)
        .exclude(status=VisitStatus.CANCELLED)
        .select_related("service")
        .order_by("planned_on", "pk")
    )
    return HttpResponse(
        feed_bytes(visits, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )


def feed_bytes(visits, *, host) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//CareQA//Monitoring visits//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "CareQA visits")
    stamp = datetime.datetime.now(datetime.UTC)
    for visit in visits:
        event = Event()
        event.add("uid", f"visit-{visit.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{visit.get_visit_type_display()}: {visit.service}")
        if visit.starts_at and visit.ends_at:
            event.add("dtstart", datetime.datetime.combine(visit.day, visit.starts_at))
            event.add("dtend", datetime.datetime.combine(visit.day, visit.ends_at))
        else:
            event.add("dtstart", visit.day)
            event.add("dtend", visit.day + datetime.timedelta(days=1))
        event.add("location", visit.service.address)
        if not visit.announced:
            event.add("description", "Unannounced visit")
        calendar.add_component(event)
    return calendar.to_ical()
