"""Writers for the regulators' published formats: CSV, XLSX and a streamed ODS.

Every writer is deterministic: no clock, no random file names inside the archives; the
archive members carry the file's own date. Cell types follow the published files: dates
are typed (ODS `office:date-value`, XLSX date cells shown dd/mm/yyyy, CSV dd/mm/yyyy),
numbers are numbers, everything else (ids, codes, phone numbers) is text.
"""

import csv
import datetime
import io
import shutil
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
# Rows and columns of a spreadsheet's grid, which LibreOffice pads the data sheets to.
GRID_ROWS = 1_048_576
GRID_COLUMNS = 16_384


@dataclass
class Sheet:
    """A sheet: its name, its header (None for a notes sheet) and its rows.

    `types` has one letter per column: "s" text, "d" date, "f" decimal, "i" integer;
    missing letters mean text. Values are str, int, float, datetime.date or None; None and
    "" are blank. A row may also be a str already rendered for the target format (a CSV
    line from `csv_text`, an ODS row from `ods_row`). `pad` makes the ODS sheet carry
    LibreOffice's trailing empty grid.
    """

    name: str
    header: Sequence[str] | None
    rows: Iterable[Sequence]
    types: str = ""
    pad: bool = False

    def kinds(self, width):
        return (self.types + "s" * width)[:width]


_DMY: dict = {}


def dmy(value: datetime.date) -> str:
    text = _DMY.get(value)
    if text is None:
        text = _DMY[value] = f"{value.day:02d}/{value.month:02d}/{value.year}"
    return text


# --- CSV ---------------------------------------------------------------------------------


def csv_field(value) -> str:
    """One CSV field as Python's csv module (QUOTE_MINIMAL) writes it; dates dd/mm/yyyy."""
    kind = type(value)
    if kind is str:
        if '"' in value:
            return '"' + value.replace('"', '""') + '"'
        if "," in value or "\n" in value or "\r" in value:
            return f'"{value}"'
        return value
    if value is None:
        return ""
    if kind is datetime.date:
        return dmy(value)
    return str(value)


_TEXT_BUFFER = io.StringIO()
_TEXT_WRITER = csv.writer(_TEXT_BUFFER, lineterminator="")


def csv_text(values) -> str:
    """A row (or part of one) as CSV text, without the line ending; dates dd/mm/yyyy."""
    values = [dmy(v) if type(v) is datetime.date else v for v in values]
    if len(values) == 1:
        return csv_field(values[0])
    _TEXT_BUFFER.seek(0)
    _TEXT_BUFFER.truncate()
    _TEXT_WRITER.writerow(values)
    return _TEXT_BUFFER.getvalue()


def write_csv(path, sheet: Sheet, *, preamble=(), lineterminator="\r\n", encoding="utf-8"):
    """Write the sheet as CSV (preamble rows, header, rows); returns the data row count.

    A row may be a list of values or a str already rendered with `csv_text`.
    """
    count = 0
    with open(path, "w", newline="", encoding=encoding) as handle:
        write = handle.write
        for row in (*preamble, sheet.header):
            write(csv_text(row) + lineterminator)
        chunk = []
        for row in sheet.rows:
            chunk.append(row if type(row) is str else csv_text(row))
            count += 1
            if len(chunk) == 2000:
                chunk.append("")
                write(lineterminator.join(chunk))
                chunk.clear()
        if chunk:
            chunk.append("")
            write(lineterminator.join(chunk))
    return count


# --- ODS ---------------------------------------------------------------------------------

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)
_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
_MANIFEST = (
    _XML + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    ' manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.2"'
    f' manifest:media-type="{ODS_MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
_STYLES = (
    _XML + f'<office:document-styles {_NS} office:version="1.2">'
    "<office:styles>"
    '<style:style style:name="Default" style:family="table-cell"/>'
    "</office:styles>"
    "</office:document-styles>"
)
_CONTENT_HEAD = (
    _XML + f'<office:document-content {_NS} office:version="1.2">'
    "<office:automatic-styles>"
    '<number:date-style style:name="N37">'
    '<number:day number:style="long"/><number:text>/</number:text>'
    '<number:month number:style="long"/><number:text>/</number:text>'
    '<number:year number:style="long"/>'
    "</number:date-style>"
    '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default"'
    ' style:data-style-name="N37"/>'
    "</office:automatic-styles>"
    "<office:body><office:spreadsheet>"
)
_CONTENT_TAIL = "</office:spreadsheet></office:body></office:document-content>"
_ONE_BLANK = "<table:table-cell/>"
_BLANKS = {}
_DATE_CELLS = {}


def _blank(n):
    cell = _BLANKS.get(n)
    if cell is None:
        cell = _BLANKS[n] = (
            _ONE_BLANK if n == 1 else f'<table:table-cell table:number-columns-repeated="{n}"/>'
        )
    return cell


def _date_cell(value):
    cell = _DATE_CELLS.get(value)
    if cell is None:
        cell = _DATE_CELLS[value] = (
            f'<table:table-cell table:style-name="ce1" office:value-type="date"'
            f' office:date-value="{value.isoformat()}"><text:p>{dmy(value)}</text:p>'
            "</table:table-cell>"
        )
    return cell


def _escape(text):
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def ods_cells(values, kinds, trailing=0) -> str:
    """The cells of a row (or part of one) as ODS XML, runs of blanks as one repeated cell."""
    out = []
    append = out.append
    blank = 0
    for value, kind in zip(values, kinds, strict=False):
        if value is None or value == "":
            blank += 1
            continue
        if blank:
            append(_blank(blank))
            blank = 0
        if kind == "s":
            text = value if type(value) is str else str(value)
            append(
                '<table:table-cell office:value-type="string"><text:p>'
                f"{_escape(text)}</text:p></table:table-cell>"
            )
        elif kind == "d":
            append(_date_cell(value))
        else:
            append(
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
    blank += trailing
    if blank:
        append(_blank(blank))
    return "".join(out)


def ods_row(cells: str) -> str:
    return f"<table:table-row>{cells}</table:table-row>"


def _zip_info(name, when: datetime.date, *, stored=False, level=6):
    info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, 0, 0, 0))
    info.create_system = 3
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info._compresslevel = level  # ZipFile.open(info, "w") reads the level from here
    return info


def _meta(when, title):
    stamp = f"{when.isoformat()}T00:00:00"
    return (
        _XML + f'<office:document-meta {_NS} office:version="1.2"><office:meta>'
        f"<meta:generator>CareQA demo-data</meta:generator><dc:title>{_escape(title)}</dc:title>"
        f"<meta:creation-date>{stamp}</meta:creation-date><dc:date>{stamp}</dc:date>"
        "</office:meta></office:document-meta>"
    )


def write_ods(path, sheets: Sequence[Sheet], *, when: datetime.date, title="", level=6):
    """Write an ODS spreadsheet, streaming content.xml row by row; returns data row counts.

    The archive is valid ODF: `mimetype` first and stored, then the manifest, meta and
    styles. Data sheets with `pad` end like LibreOffice's: the header row padded with
    repeated empty cells and one empty row repeated to the bottom of the grid.
    """
    counts = {}
    with zipfile.ZipFile(path, "w", allowZip64=True) as archive:
        archive.writestr(_zip_info("mimetype", when, stored=True), ODS_MIMETYPE)
        archive.writestr(_zip_info("META-INF/manifest.xml", when), _MANIFEST)
        archive.writestr(_zip_info("meta.xml", when), _meta(when, title))
        archive.writestr(_zip_info("styles.xml", when), _STYLES)
        info = _zip_info("content.xml", when, level=level)
        with archive.open(info, "w", force_zip64=True) as raw:
            buffer = [_CONTENT_HEAD]
            size = 0
            for sheet in sheets:
                width = len(sheet.header) if sheet.header else 1
                kinds = sheet.kinds(width)
                buffer.append(
                    f'<table:table table:name="{_escape(sheet.name)}">'
                    f'<table:table-column table:number-columns-repeated="{width}"/>'
                )
                used = 0
                if sheet.header:
                    pad = GRID_COLUMNS - width if sheet.pad else 0
                    buffer.append(ods_row(ods_cells(sheet.header, "s" * width, pad)))
                    used = 1
                count = 0
                for row in sheet.rows:
                    xml = row if type(row) is str else ods_row(ods_cells(row, kinds))
                    buffer.append(xml)
                    size += len(xml)
                    count += 1
                    if size > 1 << 20:
                        raw.write("".join(buffer).encode())
                        buffer.clear()
                        size = 0
                if sheet.pad and GRID_ROWS > used + count:
                    buffer.append(
                        f'<table:table-row table:number-rows-repeated="{GRID_ROWS - used - count}">'
                        f"{_blank(width)}</table:table-row>"
                    )
                buffer.append("</table:table>")
                counts[sheet.name] = count
            buffer.append(_CONTENT_TAIL)
            raw.write("".join(buffer).encode())
    return counts


# --- XLSX --------------------------------------------------------------------------------


class _DatedZipFile(zipfile.ZipFile):
    """A ZipFile whose members all carry one fixed date, for byte-identical XLSX files."""

    def __init__(self, *args, when, **kwargs):
        super().__init__(*args, **kwargs)
        self._when = when

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = _zip_info(zinfo_or_arcname, self._when)
        super().writestr(zinfo_or_arcname, data)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        info = _zip_info(arcname or Path(filename).name, self._when)
        with open(filename, "rb") as source, self.open(info, "w", force_zip64=True) as target:
            shutil.copyfileobj(source, target, 1 << 20)


def write_xlsx(path, sheets: Sequence[Sheet], *, when: datetime.date, title=""):
    """Write an XLSX workbook with openpyxl's write-only mode; returns data row counts."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.writer.excel import ExcelWriter

    stamp = datetime.datetime(when.year, when.month, when.day)
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "CareQA demo-data"
    workbook.properties.title = title or None
    workbook.properties.created = workbook.properties.modified = stamp
    counts = {}
    for sheet in sheets:
        sheet_ws = workbook.create_sheet(sheet.name)
        width = len(sheet.header) if sheet.header else 1
        kinds = sheet.kinds(width)
        dates = [i for i, k in enumerate(kinds) if k == "d"]
        cells = {i: {} for i in dates}
        if sheet.header:
            sheet_ws.append(list(sheet.header))
        count = 0
        for row in sheet.rows:
            row = [None if value == "" else value for value in row]
            for i in dates:
                value = row[i]
                if value is not None:
                    cell = cells[i].get(value)
                    if cell is None:
                        cell = cells[i][value] = WriteOnlyCell(sheet_ws, value=value)
                        cell.number_format = "DD/MM/YYYY"
                    row[i] = cell
            sheet_ws.append(row)
            count += 1
        counts[sheet.name] = count
    archive = _DatedZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True, when=when)
    ExcelWriter(workbook, archive).save()
    return counts
