"""The security log, for administrators: read on a page, or downloaded as CSV."""

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from careqa.accounts.authz import require_permission
from careqa.accounts.models import SecurityEvent
from careqa.accounts.permissions import Permission
from careqa.spreadsheets import safe_cell

PAGE_SIZE = 100
CSV_COLUMNS = ("When", "What", "Username", "By", "Address", "Detail")


def _events(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in SecurityEvent.Kind.values else ""
    username = request.GET.get("username", "").strip()
    events = SecurityEvent.objects.all()
    if kind:
        events = events.filter(kind=kind)
    if username:
        events = events.filter(username__iexact=username)
    return events, kind, username


@require_permission(Permission.MANAGE_USERS)
def security_log(request):
    events, kind, username = _events(request)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/security_log.html",
        {
            "page": page,
            "kind": kind,
            "username": username,
            "kinds": SecurityEvent.Kind.choices,
            "query": request.GET.urlencode(),
        },
    )


@require_permission(Permission.MANAGE_USERS)
def security_log_csv(request):
    events, _, _ = _events(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="careqa-security-log-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for event in events.iterator():
        writer.writerow(
            safe_cell(value)
            for value in (
                timezone.localtime(event.occurred_at).isoformat(timespec="seconds"),
                event.get_kind_display(),
                event.username,
                event.actor_name,
                event.address or "",
                event.detail,
            )
        )
    return response
