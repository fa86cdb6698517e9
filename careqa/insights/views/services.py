"""The services behind one count of the figures, as they stood on the figures' date."""

import datetime

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from careqa.accounts.authz import require_permission, scope_records
from careqa.accounts.permissions import Permission
from careqa.insights.areas import UnknownName, area_from_key
from careqa.insights.asat import PUBLICATION, one_state_of_the_register
from careqa.insights.figures import BREAKDOWNS, NOT_KNOWN, POOR, ROW_LABELS, ROWS, rating_figures
from careqa.insights.views.presenters import when
from careqa.providers.models import Service

PAGE_SIZE = 50


@require_permission(Permission.VIEW_INSIGHTS)
def services_behind_count(request):
    q = request.GET
    try:
        area = area_from_key(q.get("area", ""))
        as_at = datetime.date.fromisoformat(q["as_at"]) if q.get("as_at") else None
        by = q.get("by") or None
        if by is not None and by not in BREAKDOWNS:
            raise ValueError(by)
        convention = q.get("convention") or PUBLICATION
        with one_state_of_the_register():
            figures = rating_figures(
                q.get("type", ""), area, by=by, as_at=as_at, convention=convention
            )
        distribution = figures.distribution_for(q.get("group", ""))
    except (UnknownName, ValueError, KeyError) as error:
        raise Http404("No such figure") from error
    rating = q.get("rating", "total")
    if rating == "poor":
        ids = [i for code in POOR for i in distribution.row(code).service_ids]
        label = "Requires improvement or Inadequate"
    elif rating == NOT_KNOWN:
        ids = list(distribution.not_known_ids)
        label = "Rating not known"
    elif rating in ROWS:
        ids = list(distribution.row(rating).service_ids)
        label = ROW_LABELS[rating]
    else:
        raise Http404("No such rating")
    rating_then = {
        i: row.rating for row in distribution.rows if row.rating != "total" for i in row.service_ids
    }
    rating_then.update(dict.fromkeys(distribution.not_known_ids, NOT_KNOWN))
    services = scope_records(
        request.user,
        Service.objects.filter(pk__in=ids).select_related("council", "provider").order_by("name"),
    )
    page = Paginator(services, PAGE_SIZE).get_page(q.get("page"))
    rows = [(service, rating_then.get(service.pk)) for service in page]
    return render(
        request,
        "insights/services.html",
        {
            "page": page,
            "rows": rows,
            "count": len(ids),
            "label": label,
            "group": distribution.group,
            "service_type": figures.service_type,
            "when": when(as_at),
            "as_at": as_at,
        },
    )
