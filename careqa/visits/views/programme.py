"""The programme: progress, a month as a calendar, one officer's visits, every service's
visits, drafting the year, and the CSV."""

import calendar
import csv
import datetime
import io

from django.contrib import messages
from django.db.models import Count, Min, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from careqa.accounts.authz import require_permission
from careqa.accounts.models import User
from careqa.accounts.permissions import Permission
from careqa.spreadsheets import safe_cell
from careqa.visits import actions, queries
from careqa.visits.models import Visit
from careqa.visits.planning_inputs import commissioned_services
from careqa.visits.programme import CSV_COLUMNS, draft_programme, plan_rows
from careqa.visits.vocab import HAPPENED, VisitStatus

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(year):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No such year")
    return year


@require_permission(Permission.VIEW_VISITS)
def programme_current(request):
    return redirect("visits:programme", year=timezone.localdate().year)


@require_permission(Permission.VIEW_VISITS)
def programme(request, year):
    year = _year(year)
    today = timezone.localdate()
    rows = queries.progress(year, today=today)
    return render(
        request,
        "visits/programme/progress.html",
        {
            "year": year,
            "rows": rows,
            "totals": {k: sum(r[k] for r in rows) for k in ("done", "due", "overdue")},
            "months": [(m, calendar.month_name[m]) for m in range(1, 13)],
        },
    )


@require_permission(Permission.VIEW_VISITS)
def programme_month(request, year, month):
    year = _year(year)
    if not 1 <= month <= 12:
        raise Http404("No such month")
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    by_day = {}
    for visit in queries.visits_between(first, last):
        by_day.setdefault(visit.planned_on, []).append(visit)
    weeks = []
    for week in calendar.Calendar().monthdatescalendar(year, month):
        days = [
            {"day": d, "in_month": d.month == month, "visits": by_day.get(d, [])} for d in week[:5]
        ]
        weeks.append(days)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = last + datetime.timedelta(days=1)
    return render(
        request,
        "visits/programme/month.html",
        {
            "year": year,
            "month": first,
            "weeks": weeks,
            "previous": previous,
            "following": following,
            "count": sum(len(v) for v in by_day.values()),
        },
    )


@require_permission(Permission.VIEW_VISITS)
def programme_officer(request, year, pk):
    year = _year(year)
    officer = get_object_or_404(User, pk=pk)
    visits = (
        Visit.objects.filter(year=year, lead_officer=officer)
        .select_related("service")
        .order_by("planned_on", "pk")
    )
    return render(
        request,
        "visits/programme/officer.html",
        {"year": year, "officer": officer, "visits": list(visits)},
    )


@require_permission(Permission.VIEW_VISITS)
def programme_services(request, year):
    year = _year(year)
    today = timezone.localdate()
    services = (
        commissioned_services()
        .select_related("council", "lead__officer")
        .annotate(
            done=Count("visits", filter=Q(visits__year=year, visits__status__in=HAPPENED)),
            planned=Count(
                "visits", filter=Q(visits__year=year, visits__status=VisitStatus.PLANNED)
            ),
            next_visit=Min(
                "visits__planned_on",
                filter=Q(
                    visits__year=year,
                    visits__status=VisitStatus.PLANNED,
                    visits__planned_on__gte=today,
                ),
            ),
        )
        .order_by("name", "pk")
    )
    return render(
        request, "visits/programme/services.html", {"year": year, "services": list(services)}
    )


@require_permission(Permission.PLAN_PROGRAMME)
def programme_plan(request, year):
    year = _year(year)
    today = timezone.localdate()
    result, services = draft_programme(year, today=today)
    if request.method == "POST":
        counts = actions.apply_programme(year=year, result=result, by=request.user)
        messages.success(
            request,
            f"The {year} programme is planned: {counts['added']} visits added, "
            f"{counts['moved']} moved, {counts['cancelled']} cancelled, "
            f"{counts['kept']} unchanged",
        )
        return redirect("visits:programme", year=year)
    rows = [
        {
            "day": datetime.date.fromisoformat(r[5]),
            "service": r[2],
            "type": r[4],
            "officer": r[6],
            "reasons": r[7],
        }
        for r in plan_rows(result)
    ]
    names = {
        s.pk: str(s)
        for s in commissioned_services().filter(pk__in=[u.service_id for u in result.unplaced])
    }
    return render(
        request,
        "visits/programme/plan.html",
        {
            "year": year,
            "rows": rows[:200],
            "total": len(rows),
            "service_count": len(services),
            "unplaced": [
                {"service": names.get(u.service_id, u.service_id), "why": u.why}
                for u in result.unplaced
            ],
        },
    )


@require_permission(Permission.VIEW_VISITS)
def programme_csv(request, year):
    """This year's programme as it stands, one row a visit (CSV_COLUMNS)."""
    year = _year(year)
    visits = (
        Visit.objects.filter(year=year)
        .exclude(status=VisitStatus.CANCELLED)
        .select_related("service", "service__council", "lead_officer")
        .order_by("planned_on", "pk")
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for visit in visits:
        service = visit.service
        writer.writerow(
            [
                safe_cell(value)
                for value in (
                    service.pk,
                    service.location_id,
                    str(service),
                    service.council.name if service.council else "",
                    visit.get_visit_type_display(),
                    visit.planned_on.isoformat(),
                    visit.lead_officer.display_name,
                    "; ".join(visit.reasons.splitlines()),
                )
            ]
        )
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="careqa-programme-{year}.csv"'
    return response
