"""The register of services: the list with its filters, one service, and the CSV export."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from careqa.accounts.authz import has_permission, in_scope, require_permission
from careqa.accounts.permissions import Permission
from careqa.audit.presenters import present_events
from careqa.audit.queries import trail_of_service
from careqa.providers import list_notes, presenters, queries, service_page, timeline
from careqa.providers.actions import set_local_name
from careqa.providers.forms import LocalNameForm, ServiceFilterForm
from careqa.providers.rules import placement_warning

PAGE_SIZE = 50
# The service page shows the latest of its trail; older events stay in the database.
# The service page shows the latest changes; the rest are a page of their own (the trail
# of a service imported for years runs to hundreds, costly to show on every visit).
AUDIT_LIMIT = 20
AUDIT_PER_PAGE = 50
EXPORT_CHUNK = 1000


def _chunks(rows, size):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _filter_form(request):
    can_see_contracts = has_permission(request.user, Permission.VIEW_CONTRACTS)
    form = ServiceFilterForm(request.GET, can_see_contracts=can_see_contracts)
    form.is_valid()
    return form, can_see_contracts


@require_permission(Permission.VIEW_REGISTER)
def service_list(request):
    form, can_see_contracts = _filter_form(request)
    services = queries.search_services(request.user, form.filters())
    sort = form.sort_key()
    services = queries.sort_services(queries.service_list_rows(services), sort)
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    standings = queries.contract_standings(s.pk for s in page) if can_see_contracts else {}
    rows = presenters.service_list_rows(page, standings)
    notes = list_notes.notes_for(request.user, (s.pk for s in page))
    for row in rows:
        row["notes"] = notes.get(row["service"].pk, [])
    return render(
        request,
        "providers/service_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "sort": sort,
            "is_filtered": form.is_filtered(),
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
    can_see_audit = has_permission(user, Permission.VIEW_AUDIT, obj=service)
    ratings = list(queries.rating_history(service))
    standing = None
    if has_permission(user, Permission.VIEW_CONTRACTS, obj=service):
        standing = queries.contract_standings([service.pk]).get(service.pk)
    context = {
        "service": service,
        "standing": presenters.standing(standing),
        "placement_warning": placement_warning(service.rating, standing),
        "can_name_service": has_permission(user, Permission.NAME_SERVICES, obj=service),
        "summary_rows": presenters.service_summary_rows(service),
        "current_rating_rows": presenters.current_rating_rows(
            service, ratings[0] if ratings else None
        ),
        "history": presenters.rating_history_table(service, ratings),
        "timeline": timeline.entries_for(service, user=user),
        "panels": service_page.panels_for(service, request),
        "can_see_audit": can_see_audit,
    }
    if can_see_audit:
        events = list(
            trail_of_service(service.pk).order_by("-occurred_at", "-id")[: AUDIT_LIMIT + 1]
        )
        context["audit_events"] = present_events(events[:AUDIT_LIMIT], user=user)
        context["audit_more"] = len(events) > AUDIT_LIMIT
    return render(request, "providers/service_detail.html", context)


@require_permission(Permission.VIEW_AUDIT)
def service_audit(request, pk):
    """The whole audit trail of a service, newest first, a page at a time."""
    service = _load_service(request.user, pk)
    if not has_permission(request.user, Permission.VIEW_AUDIT, obj=service):
        raise Http404("No such service")
    events = trail_of_service(service.pk).order_by("-occurred_at", "-id")
    page = Paginator(events, AUDIT_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "providers/service_audit.html",
        {
            "service": service,
            "page": page,
            "events": present_events(page.object_list, user=request.user),
        },
    )


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv.writer."""

    def write(self, value):
        return value


@require_permission(Permission.NAME_SERVICES)
def service_local_name(request, pk):
    service = _load_service(request.user, pk)
    form = LocalNameForm(request.POST or None, initial={"local_name": service.local_name})
    if request.method == "POST" and form.is_valid():
        try:
            set_local_name(service=service, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Our name for this service is now ‘{service.local_name}’"
                if service.local_name
                else "Our name for this service was removed",
            )
            return redirect("providers:service-detail", pk=service.pk)
    return render(request, "providers/local_name.html", {"form": form, "service": service})


@require_permission(Permission.EXPORT_REGISTER)
def service_export(request):
    form, with_contracts = _filter_form(request)
    services = queries.search_services(request.user, form.filters())
    rows = queries.export_rows(
        queries.sort_services(services, form.sort_key()), with_contracts=with_contracts
    )
    # One reverse() for the whole file rather than one a row.
    link = request.build_absolute_uri(reverse("providers:service-detail", args=[0]))
    link_format = link.removesuffix("0/") + "{}/"
    writer = csv.writer(_Echo())

    def lines():
        # A byte-order mark so that Excel reads the file as UTF-8.
        yield "\ufeff" + writer.writerow(presenters.export_columns(with_contracts))
        # A thousand rows a chunk: one write per row costs the server more than the rows,
        # and the other apps' notes (a suspension's words) are read once a chunk.
        for chunk in _chunks(rows, EXPORT_CHUNK):
            notes = list_notes.notes_for(request.user, [service["pk"] for service in chunk])
            yield "".join(
                writer.writerow(
                    presenters.export_row(
                        service,
                        link_format,
                        with_contracts=with_contracts,
                        notes=notes.get(service["pk"], ()),
                    )
                )
                for service in chunk
            )

    filename = f"careqa-services-{timezone.localdate():%Y-%m-%d}.csv"
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
