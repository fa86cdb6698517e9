"""Reading an XLSX (or old XLS) workbook's sheets as rows of text, through python-calamine."""

import datetime
import re

import python_calamine

from careqa.regulators.parsers import ziparchive
from careqa.regulators.parsers.sheets import Sheet
from careqa.regulators.parsers.values import number_text

# The data sheets' published names; tried first, so that a notes sheet is never the data.
_PREFERRED = re.compile(r"^(hsca[ _]active[ _]locations|locations)$", re.IGNORECASE)
_README = re.compile(r"^read[ _]?me$", re.IGNORECASE)


class Book:
    """The sheets of a workbook: README (read for its date), the published data sheet, others."""

    def __init__(self, path, ctx):
        self.path = path
        self.ctx = ctx
        try:
            self.book = python_calamine.CalamineWorkbook.from_path(str(path))
        except Exception as error:  # calamine raises several unrelated types
            raise _damaged(path, ctx, error) from None

    def __iter__(self):
        # A README goes first: it is never the data, but may say which date the file describes.
        names = sorted(
            self.book.sheet_names,
            key=lambda name: (
                0 if _README.match(name.strip()) else 1 if _PREFERRED.match(name.strip()) else 2
            ),
        )
        for name in names:
            try:
                sheet = self.book.get_sheet_by_name(name)
            except Exception as error:
                self.ctx.sheet_name = name
                raise _damaged(self.path, self.ctx, error) from None
            yield Sheet(name=name, rows=_rows(sheet), total=sheet.total_height, book=self)

    def close(self):
        self.book.close()


def _rows(sheet):
    # Leading blank rows are included (numbers stay true to the sheet); leading blank
    # columns are not, which shifts every row alike.
    for number, row in enumerate(sheet.iter_rows(), start=1):
        yield number, [cell if type(cell) is str else _text(cell) for cell in row]


def _text(value):
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float | int):
        return number_text(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if value is None:
        return ""
    return str(value)


def _damaged(path, ctx, error):
    with open(path, "rb") as handle:
        head = handle.read(4)
    if ziparchive.is_zip(head) and not ziparchive.is_intact(path):
        last = ziparchive.last_xlsx_cell(path)
        if last is not None:
            row, column = last
            return ctx.error(
                "the file is truncated (its ZIP archive is incomplete): the data stop here",
                row=row,
                column=column,
            )
        return ctx.error(f"the file is a damaged or truncated XLSX workbook ({error})", row=1)
    return ctx.error(f"the file cannot be read as a spreadsheet ({error})", row=1)
