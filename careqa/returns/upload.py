"""A return for many services at once, as a CSV or XLSX file in the template's own layout,
and the Capacity Tracker's export: read with the regulators' readers (which refuse hostile
files before opening them), every row checked, every problem listed with its row and
column. Nothing here writes: the view saves the rows only when there is no problem."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from careqa.regulators.parsers import csvfile, limits, xlsx, ziparchive
from careqa.regulators.parsers.sheets import Context, column_letter
from careqa.regulators.records import ImportFileError
from careqa.returns import rules
from careqa.spreadsheets import safe_cell

ID_HEADING = "Location ID"
NAME_HEADING = "Service name"
MAX_PROBLEMS = 200


@dataclass
class Problem:
    row: int | None
    column: str
    message: str

    def __str__(self):
        where = ", ".join(
            p
            for p in (
                f"row {self.row}" if self.row else "",
                self.column and f"column '{self.column}'",
            )
            if p
        )
        return f"{where}: {self.message}" if where else self.message


@dataclass
class Checked:
    rows: list = field(default_factory=list)  # [(service, cleaned values)]
    problems: list = field(default_factory=list)

    @property
    def clean(self):
        return not self.problems and bool(self.rows)


def layout_headings(template) -> list[str]:
    return [ID_HEADING, NAME_HEADING, *(s.heading for s in template.specs)]


def layout_rows(template, services, prefill) -> list[list]:
    """The template's layout, one row a service, known values filled in."""
    rows = []
    for service in services:
        known = prefill(service)
        rows.append(
            [
                service.location_id,
                safe_cell(service.regulator_name),
                *(known.get(s.code, ("", ""))[0] for s in template.specs),
            ]
        )
    return rows


def layout_csv(template, services, prefill) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(layout_headings(template))
    writer.writerows(layout_rows(template, services, prefill))
    return out.getvalue().encode("utf-8-sig")


def layout_xlsx(template, services, prefill) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Return")
    sheet.append(layout_headings(template))
    for row in layout_rows(template, services, prefill):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_table(path: Path, file_name: str) -> list[tuple[int, list[str]]]:
    """(row number, cells) of the file's first sheet, header included. Raises
    ImportFileError for a file that is empty, hostile or not a spreadsheet."""
    ctx = Context(file_name)
    with open(path, "rb") as handle:
        head = handle.read(8)
    if not head:
        raise ctx.error("the file is empty", row=1)
    if ziparchive.is_zip(head):
        limits.check_members(path, ctx)
        if not ziparchive.is_intact(path):
            raise ctx.error("the file is damaged: it is not a whole XLSX workbook")
        limits.check_archive(path, ctx)
        if ziparchive.kind_of_archive(path) != "xlsx":
            raise ctx.error("the file is not a CSV file or an XLSX workbook")
        limits.check_xlsx(path, ctx)
        book = xlsx.Book(path, ctx)
        try:
            sheet = next(iter(book), None)
            if sheet is None:
                raise ctx.error("the workbook has no sheets")
            return [(n, [c.strip() for c in cells]) for n, cells in sheet.rows]
        finally:
            book.close()
    limits.check_csv(path.stat().st_size, ctx)
    sheet = csvfile.sheet_of(path.read_bytes(), ctx)
    if sheet.check_text:
        raise ctx.error("the file holds binary data or an unknown encoding, not CSV text")
    return [(n, [c.strip() for c in cells]) for n, cells in sheet.rows]


def _fold(text):
    return " ".join(str(text).lower().split())


ID_NAMES = {"location id", "cqc location id", "location_id"}


def named_locations(table) -> set[str]:
    """The location IDs a file names, from its ID column wherever it is."""
    rows = [cells for _, cells in table if any(c for c in cells)]
    if not rows:
        return set()
    at = next((i for i, h in enumerate(rows[0]) if _fold(h) in ID_NAMES), None)
    if at is None:
        return set()
    return {cells[at] for cells in rows[1:] if at < len(cells) and cells[at]}


def check_rows(table, template, *, services_by_id, user_services, columns=None) -> Checked:
    """Every row of `table` checked against `template`.

    `services_by_id` is every service the file may name ({location id: service});
    `user_services` the ids the person may send a return for (their own, for a provider
    user). `columns` maps headings to field codes (the Capacity Tracker's); by default the
    template's own headings (or codes) are looked for.
    """
    checked = Checked()
    rows = [(n, cells) for n, cells in table if any(c for c in cells)]
    if not rows:
        checked.problems.append(Problem(1, "", "the file has no header row and no returns"))
        return checked
    header_number, header = rows[0]
    specs = template.specs
    wanted = {}
    for spec in specs:
        for name in (spec.heading, spec.label, spec.code):
            wanted.setdefault(_fold(name), spec.code)
    if columns:
        wanted = {_fold(k): v for k, v in columns.items()}
    id_names = ID_NAMES
    positions, id_at = {}, None
    for index, heading in enumerate(header):
        folded = _fold(heading)
        if folded in id_names and id_at is None:
            id_at = index
        elif folded in wanted and wanted[folded] not in positions:
            positions[wanted[folded]] = index
    if id_at is None:
        checked.problems.append(
            Problem(header_number, "", f"the header row has no '{ID_HEADING}' column")
        )
    expected = [s for s in specs if (not columns or s.code in set(wanted.values()))]
    missing = [s.heading for s in expected if s.code not in positions and s.required]
    for heading in missing:
        checked.problems.append(
            Problem(header_number, "", f"the header row has no '{heading}' column")
        )
    if checked.problems:
        return checked
    seen = {}
    by_code = {s.code: s for s in specs}
    for number, cells in rows[1:]:
        if len(checked.problems) >= MAX_PROBLEMS:
            break

        def cell(index, cells=cells):
            return cells[index] if index < len(cells) else ""

        location = cell(id_at)
        id_column = header[id_at]
        service = services_by_id.get(location)
        if not location:
            checked.problems.append(Problem(number, id_column, "enter the service's location ID"))
            continue
        if service is None or service.pk not in user_services:
            if service is None:
                message = f"'{location[:40]}' is not one of the services asked for this return"
            else:
                message = f"'{location}' ({service}) is not one of your services"
            checked.problems.append(Problem(number, id_column, message))
            continue
        if location in seen:
            checked.problems.append(
                Problem(
                    number,
                    id_column,
                    f"'{location}' appears twice (rows {seen[location]} and {number}): "
                    "give each service one row",
                )
            )
            continue
        seen[location] = number
        raw = {code: cell(index) for code, index in positions.items()}
        if columns:
            # Fields the export does not hold are left for the provider to send.
            specs_here = [by_code[c] for c in positions]
        else:
            specs_here = list(specs)
        cleaned, errors = rules.validate(specs_here, template.rules, raw)
        for code, message in errors.items():
            at = positions.get(code)
            column = header[at] if at is not None else ""
            checked.problems.append(Problem(number, column or column_letter(at or 0), message))
        if not errors:
            checked.rows.append((service, cleaned))
    return checked


def problems_of_error(error: ImportFileError) -> list[Problem]:
    problems = getattr(error, "problems", None) or [error]
    return [Problem(p.row, p.column or "", p.detail) for p in problems]


# ---- The Capacity Tracker's export ---------------------------------------------------------
#
# The NHS Capacity Tracker's care-home export, as CareQA reads it (docs/adr/0014): one row a
# care home, a header row naming each column; the columns CareQA maps to template fields are
# below, the rest ignored. Other names for the same column are listed with it.

TRACKER_COLUMNS = {
    "vacant_beds": ("Vacant Beds", "Total Vacant Beds"),
    "occupied_beds": ("Occupied Beds",),
    "registered_beds": ("Registered Beds", "Bed Capacity"),
    "admissions_closed": ("Closed To Admissions", "Admissions Closed"),
    "staff_absent": ("Staff Absent", "Total Staff Absent"),
    "residents_confirmed": ("Residents Confirmed Cases",),
    "staff_confirmed": ("Staff Confirmed Cases",),
}
TRACKER_ID = "CQC Location ID"


def tracker_columns(template) -> dict:
    """{heading: field code} for the template's fields marked "from the Capacity Tracker"."""
    found = {}
    for spec in template.specs:
        if spec.tracker:
            for name in TRACKER_COLUMNS.get(spec.code, (spec.label,)):
                found[name] = spec.code
    return found
