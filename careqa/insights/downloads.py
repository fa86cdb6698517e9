"""Every insight table as a plain sheet (a header and rows of values), in CSV or XLSX.

The pages and the downloads are built from the same figures, so a download holds exactly the
numbers the page shows: counts as integers, percentages as two-decimal numbers.
"""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse

from careqa.spreadsheets import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Sheet:
    key: str  # "distribution", "comparator", "beds", "change"
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple, ...]
    source: str = "CQC and Ofsted open data (Open Government Licence v3.0)"
    # Caveats printed under the figures: the convention used, ratings not known.
    notes: tuple[str, ...] = ()


def distribution_sheet(figures, title) -> Sheet:
    """One row per group and rating: count and both percentages (the figures command's shape)."""
    rows = []
    for d in (*figures.groups, figures.whole):
        for row in d.rows:
            rows.append(
                (
                    d.group,
                    row.label,
                    row.count,
                    row.pct_incl_nyi,
                    "" if row.pct_excl_nyi is None else row.pct_excl_nyi,
                )
            )
    measure = figures.measure.capitalize()
    return Sheet(
        key="distribution",
        title=title,
        header=(
            "Area",
            "Rating",
            measure,
            "% including not yet inspected",
            "% excluding not yet inspected",
        ),
        rows=tuple(rows),
    )


def comparator_sheet(table) -> Sheet:
    """Appendix Two: rows are ratings; each column has its number and percentage."""
    noun = table.measure
    header = ["Rating"]
    for column in table.columns:
        header += [f"{column.label}: no. of {noun}", f"{column.label}: % of {noun}"]
    rows = []
    for row in table.rows:
        values = [row.label]
        for cell in row.cells:
            values += [cell.count, cell.percent]
        rows.append(tuple(values))
    return Sheet(key="comparator", title=table.title, header=tuple(header), rows=tuple(rows))


def bed_share_sheet(shares, title) -> Sheet:
    measure = shares[-1].measure if shares else "beds"
    rows = tuple(
        (
            s.group,
            s.total,
            s.requires_improvement_or_inadequate,
            s.not_yet_inspected,
            s.share_incl_nyi,
            s.share_excl_nyi,
            s.without_weight,
        )
        for s in shares
    )
    return Sheet(
        key="beds",
        title=title,
        header=(
            "Area",
            f"{measure.capitalize()}",
            f"{measure.capitalize()} in services rated Requires improvement or Inadequate",
            f"{measure.capitalize()} not yet inspected",
            "% including not yet inspected",
            "% excluding not yet inspected",
            f"Services with {measure} not known",
        ),
        rows=rows,
    )


def change_sheet(change, title) -> Sheet:
    """The area a year before and now: counts and % of those rated, and the change."""
    rows = []
    for line in change.lines:
        rows.append(
            (
                line.label,
                line.then_count,
                "" if line.then_pct is None else line.then_pct,
                line.now_count,
                "" if line.now_pct is None else line.now_pct,
                "" if line.points is None else line.points,
            )
        )
    return Sheet(
        key="change",
        title=title,
        header=(
            "Rating",
            f"{change.then_label}: number",
            f"{change.then_label}: % of those rated",
            f"{change.now_label}: number",
            f"{change.now_label}: % of those rated",
            "Change (percentage points)",
        ),
        rows=tuple(rows),
    )


def csv_bytes(sheet) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(sheet.title)])
    writer.writerow([safe_cell(h) for h in sheet.header])
    for row in sheet.rows:
        writer.writerow([_csv_value(v) for v in row])
    writer.writerow([])
    for note in sheet.notes:
        writer.writerow([safe_cell(note)])
    writer.writerow([safe_cell(f"Source: {sheet.source}")])
    return out.getvalue().encode("utf-8-sig")  # Excel opens UTF-8 with a BOM correctly


def xlsx_bytes(sheet) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    ws.title = re.sub(r"[\[\]:*?/\\]", " ", sheet.key)[:31]
    ws.append([safe_cell(sheet.title)])
    ws["A1"].font = Font(bold=True)
    ws.append([safe_cell(h) for h in sheet.header])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        ws.append([_xlsx_value(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, float):
                cell.number_format = "0.00"
    ws.append([])
    for note in sheet.notes:
        ws.append([safe_cell(note)])
    ws.append([safe_cell(f"Source: {sheet.source}")])
    ws.column_dimensions["A"].width = 32
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def response(sheet, fmt) -> HttpResponse:
    name = _file_name(sheet.title)
    if fmt == "xlsx":
        resp = HttpResponse(xlsx_bytes(sheet), content_type=XLSX)
        resp["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        resp = HttpResponse(csv_bytes(sheet), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return resp


def _csv_value(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return safe_cell(value)


def _xlsx_value(value):
    if isinstance(value, Decimal):
        return float(value)
    return safe_cell(value)


def _file_name(title):
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()[:80] or "figures"
