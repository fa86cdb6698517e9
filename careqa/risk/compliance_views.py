"""The compliance dashboard: the share of our services green now and month by month for 36
months, for our area or one service type, and the services behind each count."""

import datetime

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from careqa.accounts.authz import require_permission
from careqa.accounts.permissions import Permission
from careqa.providers.vocab import ServiceType
from careqa.risk import compliance
from careqa.risk.compliance_chart import green_share_chart
from careqa.risk.rules.compliance import AMBER, GREEN, RED

MONTHS = 36
STATUS_WORDS = {GREEN: "Green", AMBER: "Amber", RED: "Red"}
STATUS_TAGS = {GREEN: "govuk-tag--green", AMBER: "govuk-tag--yellow", RED: "govuk-tag--red"}
# The framework's rules, in the words the page shows (careqa.risk.rules.compliance).
RULES = (
    (
        GREEN,
        "Fully compliant with its contract (no overdue actions, no suspension of new "
        "placements or contract default, no open provider concern) and rated Good or "
        "Outstanding by its regulator.",
    ),
    (
        RED,
        "New placements suspended, the contract in default, an open provider concern, or "
        "rated Inadequate.",
    ),
    (
        AMBER,
        "Any other service of ours: rated Requires improvement, not yet rated, or with "
        "overdue actions.",
    ),
)


def type_label(code):
    return ServiceType(code).label if code in ServiceType.values else code


def _link(day, status="", service_type=""):
    query = {"on": day.isoformat()}
    if status:
        query["status"] = status
    if service_type:
        query["type"] = service_type
    return f"{reverse('risk:compliance-services')}?{urlencode(query)}"


@require_permission(Permission.VIEW_COMPLIANCE)
def dashboard(request):
    today = timezone.localdate()
    figures = compliance.trend(today=today, months=MONTHS)
    chosen = request.GET.get("type", "")
    if chosen and chosen not in figures["types"]:
        chosen = ""
    counts = figures["counts"][chosen]
    dates = figures["dates"]
    months = [
        {
            "on": day,
            "count": count,
            "links": {s: _link(day, s, chosen) for s in (GREEN, AMBER, RED)},
            "all": _link(day, "", chosen),
        }
        for day, count in zip(dates, counts, strict=True)
    ]
    by_type = [
        {
            "code": code,
            "label": type_label(code),
            "count": figures["counts"][code][-1],
            "links": {s: _link(today, s, code) for s in (GREEN, AMBER, RED)},
            "all": _link(today, "", code),
        }
        for code in figures["types"]
    ]
    where = f"our {type_label(chosen).lower()} services" if chosen else "our services"
    return render(
        request,
        "risk/compliance.html",
        {
            "now": months[-1],
            "months": months[::-1],  # newest first in the table
            "by_type": by_type,
            "types": [(code, type_label(code)) for code in figures["types"]],
            "chosen": chosen,
            "where": where,
            "rules": [(STATUS_WORDS[s], STATUS_TAGS[s], words) for s, words in RULES],
            "chart": green_share_chart(
                dates, counts, title=f"Share of {where} green, month by month"
            ),
            "tags": STATUS_TAGS,
        },
    )


@require_permission(Permission.VIEW_COMPLIANCE)
def services(request):
    today = timezone.localdate()
    try:
        day = datetime.date.fromisoformat(request.GET.get("on") or today.isoformat())
    except ValueError:
        raise Http404("No such date") from None
    if day > today or day < today - datetime.timedelta(days=31 * (MONTHS + 1)):
        raise Http404("No figures for that date")
    status = request.GET.get("status", "")
    if status and status not in STATUS_WORDS:
        raise Http404("No such status")
    service_type = request.GET.get("type", "")
    rows = compliance.services_behind(
        day=day, today=today, status=status, service_type=service_type
    )
    return render(
        request,
        "risk/compliance_services.html",
        {
            "day": day,
            "status": STATUS_WORDS.get(status, ""),
            "type": type_label(service_type) if service_type else "",
            "rows": [{"service": s, "status": c, "tag": STATUS_TAGS[c.status]} for s, c in rows],
        },
    )
