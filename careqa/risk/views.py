"""Risk and intelligence pages: who to visit next, the weights, the intelligence log and
safeguarding enquiries. An entry a person may not read is answered as if it did not exist."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.permissions import Permission
from careqa.govuk.forms import run_on_form
from careqa.providers.models import Service
from careqa.risk import actions, queries
from careqa.risk.forms import (
    CloseEnquiryForm,
    EnquiryForm,
    EntryForm,
    EntryStatusForm,
    WeightsForm,
)
from careqa.risk.models import IntelligenceEntry, SafeguardingEnquiry
from careqa.risk.presenters import counts_by_year, level_words
from careqa.risk.rules.score import Weights
from careqa.risk.rules.sharing import most_restrictive
from careqa.risk.rules.suppression import published_count
from careqa.risk.vocab import EnquiryKind, RiskType
from careqa.spreadsheets import safe_cell


def _today():
    return timezone.localdate()


def _service_from_query(request, permission):
    try:
        pk = int(request.GET.get("service", ""))
    except ValueError:
        raise Http404("No such service") from None
    service = get_object_or_404(Service.objects.select_related("provider"), pk=pk)
    if not has_permission(request.user, permission, obj=service):
        raise PermissionDenied
    return service


def _load_entry(user, pk):
    entry = get_object_or_404(
        IntelligenceEntry.objects.select_related("service", "provider"), pk=pk
    )
    if not queries.may_read(user, entry):
        raise Http404("No such entry")  # not even that it exists
    return entry


def _load_enquiry(user, pk, permission):
    enquiry = get_object_or_404(SafeguardingEnquiry.objects.select_related("service"), pk=pk)
    if not has_permission(user, permission, obj=enquiry):
        raise PermissionDenied
    return enquiry


@require_permission(Permission.VIEW_RISK)
def who_to_visit_next(request):
    from careqa.risk.compliance import statuses_now
    from careqa.risk.compliance_views import STATUS_TAGS, STATUS_WORDS

    risks = list(queries.who_to_visit_next())
    statuses = statuses_now(today=_today())
    chosen = request.GET.get("compliance", "")
    for risk in risks:
        risk.compliance = statuses.get(risk.service_id)
        risk.compliance_tag = STATUS_TAGS.get(getattr(risk.compliance, "status", ""), "")
    if chosen in STATUS_WORDS:
        risks = [r for r in risks if r.compliance and r.compliance.status == chosen]
    return render(
        request,
        "risk/who_to_visit_next.html",
        {
            "risks": risks,
            "compliance_filter": [
                (code, words, code == chosen) for code, words in STATUS_WORDS.items()
            ],
            "chosen": chosen,
            "can_change_weights": has_permission(request.user, Permission.MANAGE_RISK_WEIGHTS),
        },
    )


@require_permission(Permission.MANAGE_RISK_WEIGHTS)
def weights(request):
    current = actions.current_weights()
    form = WeightsForm(request.POST or None, weights=current)
    if request.method == "POST" and form.is_valid():
        done = run_on_form(
            form,
            lambda: actions.set_weights(by=request.user, today=_today(), values=form.cleaned_data),
        )
        if done is not None:
            messages.success(request, "Weights saved and every risk score recomputed")
            return redirect("risk:weights")
    return render(
        request,
        "risk/weights.html",
        {"form": form, "defaults": Weights(), "thresholds": Weights.THRESHOLDS},
    )


def _entry_filter(request):
    entries = queries.visible_entries(request.user)
    service = None
    if request.GET.get("service"):
        service = _service_from_query(request, Permission.VIEW_SHARED_INTELLIGENCE)
        entries = queries.entries_about(service, request.user)
    status = request.GET.get("status", "")
    if status:
        entries = entries.filter(status=status)
    return entries.select_related("recorded_by"), service, status


@require_permission(Permission.VIEW_SHARED_INTELLIGENCE)
def intelligence_list(request):
    entries, service, status = _entry_filter(request)
    entries = list(entries[:500])
    return render(
        request,
        "risk/intelligence_list.html",
        {
            "entries": entries,
            "service": service,
            "status": status,
            "level": level_words(most_restrictive(e.sharing for e in entries)),
            "can_record": service is not None
            and has_permission(request.user, Permission.RECORD_INTELLIGENCE, obj=service),
            "query": request.GET.urlencode(),
        },
    )


@require_permission(Permission.VIEW_SHARED_INTELLIGENCE)
def intelligence_csv(request):
    entries, _, _ = _entry_filter(request)
    entries = list(entries)
    level = level_words(most_restrictive(e.sharing for e in entries))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="intelligence.csv"'
    writer = csv.writer(response)
    # The level this download carries: the most restrictive of the entries in it.
    writer.writerow([f"Sharing level: {level}"])
    writer.writerow(
        [
            "id",
            "service",
            "provider",
            "source",
            "received_on",
            "key_question",
            "severity",
            "status",
            "sharing_level",
            "summary",
            "outcome",
        ]
    )
    for e in entries:
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    e.pk,
                    e.service.name if e.service else "",
                    e.provider.name
                    if e.provider
                    else (e.service.provider.name if e.service and e.service.provider else ""),
                    e.get_source_display(),
                    e.received_on.isoformat(),
                    e.get_key_question_display(),
                    e.get_severity_display(),
                    e.get_status_display(),
                    e.get_sharing_display(),
                    e.summary,
                    e.outcome,
                )
            ]
        )
    return response


@require_permission(Permission.RECORD_INTELLIGENCE)
def intelligence_add(request):
    service = _service_from_query(request, Permission.RECORD_INTELLIGENCE)
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        whole = form.cleaned_data["whole_provider"] and service.provider_id
        entry = run_on_form(
            form,
            lambda: actions.record_intelligence(
                by=request.user,
                today=_today(),
                service=None if whole else service,
                provider=service.provider if whole else None,
                **form.entry_fields(),
            ),
        )
        if entry is not None:
            messages.success(request, "Intelligence recorded")
            return redirect(f"{reverse('risk:intelligence')}?service={service.pk}")
    return render(request, "risk/intelligence_add.html", {"form": form, "service": service})


@require_permission(Permission.VIEW_SHARED_INTELLIGENCE)
def intelligence_detail(request, pk):
    entry = _load_entry(request.user, pk)
    subject = entry.service or entry.provider
    form = None
    if has_permission(request.user, Permission.RECORD_INTELLIGENCE, obj=subject):
        form = EntryStatusForm(initial={"status": entry.status})
    return render(request, "risk/intelligence_detail.html", {"entry": entry, "form": form})


@require_permission(Permission.RECORD_INTELLIGENCE)
def intelligence_status(request, pk):
    entry = _load_entry(request.user, pk)
    form = EntryStatusForm(request.POST or None, initial={"status": entry.status})
    if request.method == "POST" and form.is_valid():
        done = run_on_form(
            form,
            lambda: actions.change_entry_status(
                entry=entry, by=request.user, today=_today(), **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, f"Entry {done.get_status_display().lower()}")
            return redirect("risk:intelligence-detail", pk=entry.pk)
    return render(request, "risk/intelligence_detail.html", {"entry": entry, "form": form})


@require_permission(Permission.VIEW_SAFEGUARDING)
def safeguarding_list(request):
    enquiries = queries.enquiries(request.user)
    service = None
    if request.GET.get("service"):
        service = _service_from_query(request, Permission.VIEW_SAFEGUARDING)
        enquiries = enquiries.filter(service=service)
    enquiries = list(enquiries[:500])
    return render(
        request,
        "risk/safeguarding_list.html",
        {
            "enquiries": enquiries,
            "service": service,
            "can_record": service is not None
            and has_permission(request.user, Permission.RECORD_SAFEGUARDING, obj=service),
        },
    )


@require_permission(Permission.VIEW_SAFEGUARDING)
def safeguarding_counts_csv(request):
    """Enquiries by service, year and type of risk, counts under 5 suppressed: the table
    that may leave the team."""
    rows = counts_by_year(queries.enquiries(request.user))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="safeguarding-enquiries.csv"'
    writer = csv.writer(response)
    writer.writerow(["Counts from 1 to 4 are shown as *"])
    writer.writerow(
        [
            "service_id",
            "location_id",
            "service_name",
            "year",
            "section_42",
            "care_concerns",
            *RiskType.values,
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row["service"].pk,
                safe_cell(row["service"].location_id),
                safe_cell(row["service"].name),
                row["year"],
                published_count(row[EnquiryKind.SECTION_42]),
                published_count(row[EnquiryKind.CARE_CONCERN]),
                *(published_count(row["types"].get(t, 0)) for t in RiskType.values),
            ]
        )
    return response


@require_permission(Permission.RECORD_SAFEGUARDING)
def safeguarding_add(request):
    service = _service_from_query(request, Permission.RECORD_SAFEGUARDING)
    form = EnquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enquiry = run_on_form(
            form,
            lambda: actions.record_enquiry(
                service=service, by=request.user, today=_today(), **form.enquiry_fields()
            ),
        )
        if enquiry is not None:
            messages.success(request, f"{enquiry.get_kind_display()} recorded")
            return redirect("risk:enquiry", pk=enquiry.pk)
    return render(request, "risk/enquiry_add.html", {"form": form, "service": service})


@require_permission(Permission.VIEW_SAFEGUARDING)
def enquiry_detail(request, pk):
    enquiry = _load_enquiry(request.user, pk, Permission.VIEW_SAFEGUARDING)
    form = None
    if enquiry.closed_on is None and has_permission(
        request.user, Permission.RECORD_SAFEGUARDING, obj=enquiry
    ):
        form = CloseEnquiryForm()
    return render(request, "risk/enquiry_detail.html", {"enquiry": enquiry, "form": form})


@require_permission(Permission.RECORD_SAFEGUARDING)
def enquiry_close(request, pk):
    enquiry = _load_enquiry(request.user, pk, Permission.RECORD_SAFEGUARDING)
    form = CloseEnquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_on_form(
            form,
            lambda: actions.close_enquiry(
                enquiry=enquiry, by=request.user, today=_today(), **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, "Enquiry closed")
            return redirect("risk:enquiry", pk=enquiry.pk)
    return render(request, "risk/enquiry_detail.html", {"enquiry": enquiry, "form": form})
