"""The market insight pages: rating distributions, Appendix Two tables, beds, change; downloads."""

import dataclasses
from urllib.parse import urlencode

from django.http import Http404, QueryDict
from django.shortcuts import render

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.permissions import Permission
from careqa.insights import downloads
from careqa.insights.asat import PUBLICATION, one_state_of_the_register
from careqa.insights.figures import (
    bed_share,
    bed_share_figures,
    rating_figures,
    service_type_named,
)
from careqa.insights.forms import InsightForm, comparable_area
from careqa.insights.reports.change import change_since_year_before
from careqa.insights.tables import comparator_table, table_title
from careqa.insights.views import presenters
from careqa.insights.views.groups import can_manage_groups

PAGES = {
    "figures": "Ratings",
    "comparator": "Comparator table",
    "beds": "Beds in poorly rated homes",
    "change": "Change over a year",
}

HEADINGS = {
    "figures": "Ratings by area",
    "comparator": "Comparator table",
    "beds": "Beds in homes rated Requires improvement or Inadequate",
    "change": "Change since the same date a year before",
}


def _page(request, page, build):
    form = InsightForm(request.GET or None, page=page)
    sections = []
    if not form.is_bound:
        # Opening the page: its defaults, shown ticked, and no error until someone submits.
        defaults = InsightForm(page=page).default_areas()
        form = InsightForm(QueryDict(urlencode({"areas": defaults}, doseq=True)), page=page)
    if form.is_valid():
        with one_state_of_the_register():
            sections = [build(form, area, index) for index, area in enumerate(form.chosen_areas())]
    return render(
        request,
        f"insights/{page}.html",
        {
            "form": form,
            "page": page,
            "heading": HEADINGS[page],
            "pages": PAGES,
            "sections": [s for s in sections if s is not None],
            "query": request.GET.urlencode(),
            "when": presenters.when(form.cleaned_data.get("as_at")) if form.is_valid() else "",
            "can_manage_groups": can_manage_groups(request.user),
            # Downloads and the scrutiny report are exports: partners read the page only.
            "can_report": has_permission(request.user, Permission.EXPORT_REGISTER),
        },
    )


def _options(form):
    data = form.cleaned_data
    return data["service_type"], data["by"], data["as_at"], data.get("weighted", False)


def _convention(form):
    return form.cleaned_data.get("convention") or PUBLICATION


def _distribution(form, area, index):
    service_type, by, as_at, weighted = _options(form)
    convention = _convention(form)
    figures = rating_figures(
        service_type, area, by=by, as_at=as_at, weighted=weighted, convention=convention
    )
    chart, partial = presenters.distribution_chart(figures, f"chart-{index}")
    return {
        "area": area,
        "figures": figures,
        "title": table_title(figures.service_type.label, area.label, as_at),
        "lines": presenters.distribution_lines(figures),
        "chart": chart,
        "chart_partial": partial,
        "caveats": figures.caveats,
        "refused": figures.whole.refused,
        "not_known": presenters.not_known_link(figures),
    }


def _comparator(form, area, index):
    service_type, _, as_at, weighted = _options(form)
    convention = _convention(form)
    councils = comparable_area(area)
    if councils is None:
        return {"area": area, "table": None}
    table = comparator_table(
        service_type, councils, as_at=as_at, weighted=weighted, convention=convention
    )
    figures_type = service_type_named(service_type)
    return {
        "area": area,
        "table": table,
        "lines": presenters.comparator_lines(table, figures_type, councils, as_at, convention),
        "chart": presenters.comparator_chart(table, f"chart-{index}"),
        "caveats": table.caveats,
        "refused": table.refused,
    }


def _beds(form, area, index):
    service_type, _, as_at, _ = _options(form)
    convention = _convention(form)
    figures = bed_share_figures(
        service_type, area, by="council", as_at=as_at, convention=convention
    )
    shares = [bed_share(d) for d in (*figures.groups, figures.whole)]
    figures_type = service_type_named(service_type)
    return {
        "area": area,
        "shares": shares,
        "measure": shares[-1].measure,
        "title": f"{figures_type.label} in {area.label}: share of {shares[-1].measure} in "
        f"homes rated Requires improvement or Inadequate, {presenters.when(as_at)}",
        "lines": presenters.bed_share_lines(shares, figures_type, area, as_at, convention),
        "caveats": figures.caveats,
        "refused": figures.whole.refused,
    }


def _change(form, area, index):
    service_type, _, as_at, _ = _options(form)
    change = change_since_year_before(service_type, area, as_at, convention=_convention(form))
    return {
        "area": area,
        "change": change,
        "lines": presenters.change_links(change, area),
        "title": f"{change.service_type_label} in {area.label}: {change.then_label} and "
        f"{change.now_label}",
        "caveats": change.caveats,
        "refused": change.refused,
    }


@require_permission(Permission.VIEW_INSIGHTS)
def distribution(request):
    return _page(request, "figures", _distribution)


@require_permission(Permission.VIEW_INSIGHTS)
def comparator(request):
    return _page(request, "comparator", _comparator)


@require_permission(Permission.VIEW_INSIGHTS)
def beds(request):
    return _page(request, "beds", _beds)


@require_permission(Permission.VIEW_INSIGHTS)
def change(request):
    return _page(request, "change", _change)


_SHEETS = {
    "figures": (_distribution, lambda s: downloads.distribution_sheet(s["figures"], s["title"])),
    "comparator": (_comparator, lambda s: downloads.comparator_sheet(s["table"])),
    "beds": (_beds, lambda s: downloads.bed_share_sheet(s["shares"], s["title"])),
    "change": (_change, lambda s: downloads.change_sheet(s["change"], s["title"])),
}


def _with_caveats(sheet, section):
    return dataclasses.replace(sheet, notes=tuple(section.get("caveats", ())))


@require_permission(Permission.EXPORT_REGISTER)
def download(request, table, fmt):
    """One table of a page as CSV or XLSX: the page's own query, and `only` the area's key."""
    if table not in _SHEETS or fmt not in ("csv", "xlsx"):
        raise Http404("No such download")
    form = InsightForm(request.GET, page=table)
    if not form.is_valid():
        raise Http404("Those figures cannot be made")
    wanted = request.GET.get("only")
    areas = [a for a in form.chosen_areas() if a.key == wanted] if wanted else form.chosen_areas()
    if not areas:
        raise Http404("No such area")
    build, sheet_of = _SHEETS[table]
    with one_state_of_the_register():
        section = build(form, areas[0], 0)
    if table == "comparator" and section["table"] is None:
        raise Http404("A comparator table needs councils")
    return downloads.response(_with_caveats(sheet_of(section), section), fmt)
