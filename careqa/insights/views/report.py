"""The scrutiny report from a page: choose council and date, edit the narrative, get the PDF."""

import re

from django.http import HttpResponse
from django.shortcuts import render

from careqa.accounts.authz import require_permission
from careqa.accounts.permissions import Permission
from careqa.insights.forms import ReportForm, narrative_field_name
from careqa.insights.reports.pdf import file_name, report_pdf
from careqa.insights.reports.scrutiny import build_report, default_narrative, default_scope

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
        report = build_report(scope, narrative)
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{file_name(report)}"'
        return response
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
