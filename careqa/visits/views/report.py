"""The visit report: the draft preview, issuing it, an issued version, its PDF, and a
correction after issue (a new version; the old one is kept)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from careqa.accounts.authz import has_permission, in_scope, require_permission
from careqa.accounts.permissions import Permission
from careqa.visits import actions, forms
from careqa.visits.access import load_visit, may_record, may_see_record, may_see_visit
from careqa.visits.models import Report
from careqa.visits.presenters import report_content
from careqa.visits.report_pdf import file_name, report_pdf
from careqa.visits.vocab import ReportStatus


def _load_report(user, pk):
    """An issued (or superseded) report anyone who reads reports may see; a draft only for
    those who may see the whole record."""
    report = get_object_or_404(
        Report.objects.select_related("visit", "visit__service", "issued_by"), pk=pk
    )
    if not in_scope(user, report) or not may_see_visit(user, report.visit):
        raise Http404("No such report")
    if report.status == ReportStatus.DRAFT and not may_see_record(user, report.visit):
        raise Http404("No such report")
    return report


def _content(report):
    if report.status == ReportStatus.DRAFT:
        return report_content(report.visit, version=report.version)
    return report.content


@require_permission(Permission.RECORD_VISITS)
def report_draft(request, pk):
    """Write (or open) the visit's draft report and show it as it will read."""
    visit = load_visit(request.user, pk, record=True)
    if not may_record(request.user, visit):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("visits:detail", pk=visit.pk)
    try:
        report = actions.draft_report(visit=visit, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("visits:detail", pk=visit.pk)
    return redirect("visits:report", pk=report.pk)


@require_permission(Permission.VIEW_ISSUED_REPORTS)
def report_detail(request, pk):
    report = _load_report(request.user, pk)
    return render(
        request,
        "visits/report/page.html",
        {
            "report": report,
            "content": _content(report),
            "visit": report.visit,
            "can_issue": report.status == ReportStatus.DRAFT
            and has_permission(request.user, Permission.ISSUE_REPORTS, obj=report),
            "can_correct": report.status == ReportStatus.ISSUED
            and has_permission(request.user, Permission.ISSUE_REPORTS, obj=report),
            "can_edit": report.status == ReportStatus.DRAFT
            and may_record(request.user, report.visit),
            # The provider's factual-accuracy comments, for those who answer them.
            "comments": report.comments.select_related("made_by")
            if has_permission(request.user, Permission.ANSWER_FACTUAL_ACCURACY, obj=report)
            else None,
        },
    )


@require_permission(Permission.VIEW_ISSUED_REPORTS)
def report_download(request, pk):
    report = _load_report(request.user, pk)
    content = _content(report)
    response = HttpResponse(
        report_pdf(content, draft=report.status == ReportStatus.DRAFT),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name(content)}"'
    return response


@require_permission(Permission.ISSUE_REPORTS)
def report_issue(request, pk):
    report = _load_report(request.user, pk)
    if request.method != "POST":
        return redirect("visits:report", pk=report.pk)
    try:
        actions.issue_report(report=report, by=request.user, today=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Report version {report.version} issued")
    return redirect("visits:report", pk=report.pk)


@require_permission(Permission.ISSUE_REPORTS)
def report_correct(request, pk):
    report = _load_report(request.user, pk)
    form = forms.CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = actions.correct_report(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Version {correction.version} is a draft correction")
            return redirect("visits:detail", pk=report.visit_id)
    return render(request, "visits/report/correct.html", {"report": report, "form": form})
