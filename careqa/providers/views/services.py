"""The register of services: the list with its filters, one service, and the CSV export."""

import csv

from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from careqa.accounts.authz import has_permission, in_scope, require_permission
from careqa.accounts.permissions import Permission
from careqa.audit.presenters import present_events
from careqa.providers import presenters, queries
from careqa.providers.forms import ServiceFilterForm

PAGE_SIZE = 50


@require_permission(Permission.VIEW_REGISTER)
def service_list(request):
    form = ServiceFilterForm(request.GET)
    form.is_valid()
    services = queries.search_services(request.user, form.filters())
    sort = form.sort_key()
    services = queries.sort_services(queries.service_list_rows(services), sort)
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "providers/service_list.html",
        {
            "form": form,
            "page": page,
            "sort": sort,
            "is_filtered": form.is_filtered(),
            "commissioned": queries.commissioned_ids(s.pk for s in page),
            "can_export": has_permission(request.user, Permission.EXPORT_REGISTER),
        },
    )


def _load_service(user, pk):
    service = get_object_or_404(queries.service_for_page(pk))
    if not in_scope(user, service):
        raise Http404("No such service")
    return service


@require_permission(Permission.VIEW_REGISTER)
def service_detail(request, pk):
    service = _load_service(request.user, pk)
    user = request.user
    can_see_contracts = has_permission(user, Permission.VIEW_CONTRACTS, obj=service)
    can_see_audit = has_permission(user, Permission.VIEW_AUDIT, obj=service)

    ratings = list(queries.rating_history(service))
    contracts = list(queries.contracts_for(service)) if can_see_contracts else []
    contract_ids = [c.pk for c in contracts]
    context = {
        "service": service,
        "summary_rows": presenters.service_summary_rows(service),
        "current_rating_rows": presenters.current_rating_rows(
            service, ratings[0] if ratings else None
        ),
        "history": presenters.rating_history_table(service, ratings),
        "timeline": presenters.service_timeline(
            ratings=ratings,
            changes=queries.change_events(service),
            contracts=contracts,
            contract_events=queries.contract_events(contract_ids) if contracts else [],
            show_actor=can_see_audit,
        ),
        "can_see_contracts": can_see_contracts,
        "can_manage_contracts": has_permission(user, Permission.MANAGE_CONTRACTS, obj=service),
        "contracts": contracts,
        "can_see_audit": can_see_audit,
    }
    if can_see_audit:
        events = queries.audit_events_for_service(service, contract_ids)
        context["audit_events"] = present_events(events)
    return render(request, "providers/service_detail.html", context)


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv.writer."""

    def write(self, value):
        return value


@require_permission(Permission.EXPORT_REGISTER)
def service_export(request):
    form = ServiceFilterForm(request.GET)
    form.is_valid()
    services = queries.search_services(request.user, form.filters())
    rows = queries.export_rows(queries.sort_services(services, form.sort_key()))
    # One reverse() for the whole file rather than one a row.
    link = request.build_absolute_uri(reverse("providers:service-detail", args=[0]))
    link_format = link.removesuffix("0/") + "{}/"
    writer = csv.writer(_Echo())

    def lines():
        # A byte-order mark so that Excel reads the file as UTF-8.
        yield "\ufeff" + writer.writerow(presenters.EXPORT_COLUMNS)
        for service in rows:
            yield writer.writerow(presenters.export_row(service, link_format))

    filename = f"careqa-services-{timezone.localdate():%Y-%m-%d}.csv"
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
