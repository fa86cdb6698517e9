"""The scrutiny report from a page: choose council and date, edit the narrative, then the
job worker builds the PDF while its page shows how far it has got (careqa.insights.builds).
"""

import re

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from careqa.accounts.authz import require_permission
from careqa.accounts.permissions import Permission
from careqa.insights.builds import queue_report
from careqa.insights.forms import ReportForm, narrative_field_name
from careqa.insights.models import ReportBuild
from careqa.insights.reports.scrutiny import default_narrative, default_scope

MOST_NARRATIVE = 20_000


def _paragraphs(text):
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


@require_permission(Permission.EXPORT_REGISTER)
def report_form(request):
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = ReportForm(data)
    if not (form.is_bound and form.is_valid()):
        return render(request, "insights/report_form.html", {"form": form})
    data = form.cleaned_data
    scope = default_scope(data["council"], data["as_at"], data["group"], data["convention"])
    if request.method == "POST":
        narrative = {}
        for key, value in request.POST.items():
            if key.startswith("narrative-"):
                narrative[key.removeprefix("narrative-")] = _paragraphs(value[:MOST_NARRATIVE])
        build = queue_report(
            council=data["council"],
            group=data["group"],
            as_at=data["as_at"],
            convention=data["convention"],
            narrative=narrative,
            by=request.user,
        )
        return redirect("insights:report-build", pk=build.pk)
    sections = [
        {
            "key": key,
            "name": narrative_field_name(key),
            "title": title,
            "text": "\n\n".join(paragraphs),
        }
        for key, (title, paragraphs) in default_narrative(scope).items()
    ]
    return render(
        request,
        "insights/report_narrative.html",
        {"form": form, "scope": scope, "sections": sections},
    )


def _load_build(request, pk):
    # The team's reports are the team's: anyone who may make one may fetch a colleague's.
    return get_object_or_404(
        ReportBuild.objects.select_related("council", "group", "requested_by"), pk=pk
    )


@require_permission(Permission.EXPORT_REGISTER)
def report_builds(request):
    builds = ReportBuild.objects.select_related("council", "requested_by")
    return render(request, "insights/report_builds.html", {"builds": builds[:50]})


@require_permission(Permission.EXPORT_REGISTER)
def report_build(request, pk):
    build = _load_build(request, pk)
    return render(request, "insights/report_build.html", {"build": build, "refresh_seconds": 3})


@require_permission(Permission.EXPORT_REGISTER)
def report_build_progress(request, pk):
    """How far the build has got, as JSON, for the page's progress bar to poll."""
    build = _load_build(request, pk)
    response = JsonResponse(
        {
            "status": build.status,
            "status_label": build.get_status_display(),
            "finished": build.finished,
            "stage": build.stage,
            "done": build.done,
            "total": build.total or None,
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@require_permission(Permission.EXPORT_REGISTER)
def report_build_download(request, pk):
    build = _load_build(request, pk)
    if build.status != ReportBuild.Status.DONE or not build.stored_file:
        raise Http404("This report has no file to download.")
    # A few megabytes at most: read whole, so the file is closed whatever the client does.
    with default_storage.open(build.stored_file) as stored:
        response = HttpResponse(stored.read(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{build.file_name}"'
    return response
