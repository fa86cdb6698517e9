"""Streaming an ODS spreadsheet's content.xml row by row, never holding a sheet in memory.

CQC's ODS files unzip to 0.4-1 GB of XML: loading them whole (odfpy, pandas) does not
finish, so rows are read with iterparse and cleared as soon as they are turned into text.
"""

import xml.etree.ElementTree as ET
import zipfile
import zlib

from careqa.regulators.parsers import ziparchive
from careqa.regulators.parsers.sheets import Sheet, column_name

_TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"

TABLE = _TABLE_NS + "table"
ROW = _TABLE_NS + "table-row"
TABLE_NAME = _TABLE_NS + "name"
COLUMNS_REPEATED = _TABLE_NS + "number-columns-repeated"
ROWS_REPEATED = _TABLE_NS + "number-rows-repeated"
VALUE_TYPE = _OFFICE_NS + "value-type"
VALUE = _OFFICE_NS + "value"
DATE_VALUE = _OFFICE_NS + "date-value"
BOOLEAN_VALUE = _OFFICE_NS + "boolean-value"
STRING_VALUE = _OFFICE_NS + "string-value"
PARAGRAPH = _TEXT_NS + "p"
SPACES = _TEXT_NS + "s"
SPACE_COUNT = _TEXT_NS + "c"
TAB = _TEXT_NS + "tab"
LINE_BREAK = _TEXT_NS + "line-break"

# Sheets pad rows with thousands of repeated blank cells and end with a blank row repeated
# about a million times; no layout has more columns than this, nor repeats a row with data.
MAX_COLUMNS = 1024
MAX_ROW_REPEAT = 100
_NUMERIC = ("float", "percentage", "currency")


class Book:
    """The sheets of an ODS file in order, each sheet's rows read only when asked for."""

    def __init__(self, path, ctx):
        self.archive = None
        salvaged = False
        try:
            self.archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            self.source = ziparchive.open_member_salvaged(path, "content.xml")
            if self.source is None:
                raise ctx.error(
                    "the file is a damaged or truncated ODS spreadsheet: its sheet data "
                    "cannot be found",
                    row=1,
                ) from None
            salvaged = True
        else:
            try:
                self.source = self.archive.open("content.xml")
            except KeyError:
                self.archive.close()
                raise ctx.error(
                    "the file is a ZIP archive but not an ODS spreadsheet", row=1
                ) from None
        self.reader = _Reader(self.source, ctx, salvaged)

    def __iter__(self):
        reader = self.reader
        while (name := reader.next_table()) is not None:
            rows = reader.rows()
            yield Sheet(name=name, rows=rows, book=self)
            for _ in rows:  # a sheet the caller passed over: read on to the next one
                pass

    def close(self):
        self.source.close()
        if self.archive is not None:
            self.archive.close()


class _Reader:
    def __init__(self, source, ctx, salvaged):
        self.events = ET.iterparse(source, events=("start", "end"))
        self.ctx = ctx
        self.salvaged = salvaged
        self.table = None
        self.row = 0  # rows of the current sheet read so far, repeats included
        self.current = None  # the row being read

    def next_table(self):
        try:
            for event, elem in self.events:
                if event == "start" and elem.tag == TABLE:
                    self.table = elem
                    self.row = 0
                    return elem.get(TABLE_NAME, "")
        except (ET.ParseError, zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise self._damaged(error) from None
        if self.salvaged:
            raise self._damaged(None)
        return None

    def rows(self):
        table = self.table
        done = 0
        try:
            for event, elem in self.events:
                if event != "end":
                    if elem.tag == ROW:
                        self.current = elem  # for where the data stop in a truncated file
                    continue
                tag = elem.tag
                if tag == ROW:
                    cells = _row_cells(elem)
                    repeat = elem.get(ROWS_REPEATED)
                    repeat = int(repeat) if repeat else 1
                    elem.clear()
                    if cells:
                        if repeat > MAX_ROW_REPEAT:
                            raise self.ctx.error(
                                f"this row holds data and says it repeats {repeat:,} times "
                                f"(table:number-rows-repeated); no published file repeats a "
                                f"row of data more than {MAX_ROW_REPEAT} times: the file was "
                                "refused",
                                row=self.row + 1,
                            )
                        for offset in range(repeat):
                            yield self.row + offset + 1, cells
                    self.row += repeat
                    done += 1
                    if done % 256 == 0:
                        # Cleared rows stay attached to the sheet; drop them now and then.
                        table.clear()
                elif tag == TABLE:
                    table.clear()
                    self.current = None
                    return
        except (ET.ParseError, zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise self._damaged(error) from None

    def _damaged(self, error):
        row = self.row + 1
        if self.salvaged or error is None:
            detail = "the file is truncated (its ZIP archive is incomplete): the data stop here"
        elif isinstance(error, ET.ParseError):
            detail = f"the spreadsheet's XML is damaged ({error})"
        else:
            detail = f"the file is a damaged ODS archive ({error})"
        # The cell after the last one read in full is where the data stop.
        index = len(_row_cells(self.current)) if self.current is not None else 0
        return self.ctx.error(detail, row=row, column=column_name(self.ctx, index))


def _row_cells(row):
    cells = []
    blanks = 0
    get = VALUE_TYPE
    for cell in row:
        kind = cell.get(get)
        if kind == "string" and len(cell) == 1:
            # The common case, kept inline: one paragraph of plain text.
            paragraph = cell[0]
            text = (paragraph.text or "") if len(paragraph) == 0 else _inline(paragraph)
            if paragraph.tag != PARAGRAPH:
                text = _cell_text(cell, kind)
        elif kind is None and len(cell) == 0:
            text = ""
        else:
            text = _cell_text(cell, kind)
        repeat = cell.get(COLUMNS_REPEATED)
        if not text:
            # Blank runs count only if a value follows them: trailing filler is dropped.
            blanks += int(repeat) if repeat else 1
            continue
        if blanks:
            if len(cells) + blanks >= MAX_COLUMNS:
                break
            cells.extend([""] * blanks)
            blanks = 0
        if repeat is None:
            cells.append(text)
        else:
            room = MAX_COLUMNS - len(cells)
            if room <= 0:
                break
            cells.extend([text] * min(int(repeat), room))
    return cells


def _cell_text(cell, kind):
    if kind in _NUMERIC:
        value = cell.get(VALUE)
        if value is not None:
            return _number(value)
    elif kind == "date":
        value = cell.get(DATE_VALUE)
        if value:
            return value
    elif kind == "boolean":
        value = cell.get(BOOLEAN_VALUE)
        if value is not None:
            return "TRUE" if value.lower() == "true" else "FALSE"
    elif kind == "string":
        value = cell.get(STRING_VALUE)
        if value is not None:
            return value
    parts = []
    for child in cell:
        # Comments (office:annotation) hold paragraphs too, one level down: not the value.
        if child.tag == PARAGRAPH:
            parts.append(_inline(child) if len(child) else child.text or "")
    return "\n".join(parts) if len(parts) > 1 else parts[0] if parts else ""


def _inline(elem):
    out = [elem.text or ""]
    for child in elem:
        tag = child.tag
        if tag == SPACES:
            out.append(" " * int(child.get(SPACE_COUNT) or 1))
        elif tag == TAB:
            out.append("\t")
        elif tag == LINE_BREAK:
            out.append("\n")
        else:
            out.append(_inline(child))
        if child.tail:
            out.append(child.tail)
    return "".join(out)


def _number(value):
    # Typed numbers keep their full value ("10013042022"), but may be written 1.0013042022E10.
    if "E" not in value and "e" not in value and not value.endswith(".0"):
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    if number.is_integer():
        return str(int(number))
    return repr(number)
