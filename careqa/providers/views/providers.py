"""Providers: the organisations that run services."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from careqa.accounts.authz import has_permission, in_scope, require_permission
from careqa.accounts.permissions import Permission
from careqa.audit.presenters import present_events
from careqa.audit.queries import events_for
from careqa.providers import presenters, queries
from careqa.providers.forms import ProviderSearchForm
from careqa.providers.models import Provider

PAGE_SIZE = 50


@require_permission(Permission.VIEW_REGISTER)
def provider_list(request):
    form = ProviderSearchForm(request.GET)
    form.is_valid()
    providers = queries.search_providers(request.user, form.text())
    page = Paginator(providers, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = queries.active_service_counts(p.pk for p in page)
    rows = [{"provider": p, "services": counts.get(p.pk, 0)} for p in page]
    return render(
        request,
        "providers/provider_list.html",
        {"form": form, "page": page, "rows": rows, "searched": bool(form.text())},
    )


@require_permission(Permission.VIEW_REGISTER)
def provider_detail(request, pk):
    provider = get_object_or_404(Provider, pk=pk)
    if not in_scope(request.user, provider):
        raise Http404("No such provider")
    services = queries.provider_services(request.user, provider)
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    ratings = queries.active_rating_counts(services)
    return render(
        request,
        "providers/provider_detail.html",
        {
            "provider": provider,
            "summary_rows": presenters.provider_summary_rows(provider),
            "page": page,
            "rows": [{"service": s, "capacity": presenters.capacity(s)} for s in page],
            "our_area": set(queries.our_area_council_ids()),
            "rating_counts": presenters.rating_counts(ratings),
            "active_count": sum(ratings.values()),
            "audit_events": (
                present_events(events_for(provider), user=request.user)
                if has_permission(request.user, Permission.VIEW_AUDIT, obj=provider)
                else None
            ),
        },
    )
