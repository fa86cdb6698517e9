"""Reading a CSV file as one sheet of text rows: UTF-8 (with or without BOM), else Windows-1252."""

import codecs
import csv
import io

from careqa.regulators.parsers.sheets import BAD_TEXT, Sheet, column_name


def _cp1252_fallback(error):
    bad = error.object[error.start : error.end]
    try:
        # Ofsted's 2022 and 2024 files are Windows-1252 (or Mac Roman) in places.
        return bad.decode("cp1252"), error.end
    except UnicodeDecodeError:
        # Not text in either encoding: keep the bytes as lone surrogates, which the row
        # check then reports with their row and column.
        return "".join(chr(0xDC00 + byte) for byte in bad), error.end


codecs.register_error("careqa_cp1252", _cp1252_fallback)


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("utf-8-sig", errors="careqa_cp1252")


def _delimiter(text):
    # CQC and Ofsted use commas; Excel's "Unicode text" export uses tabs. Header cells may
    # themselves hold commas, so the separator is the character the first line has most of.
    first = next((line for line in text[:65536].splitlines() if line.strip()), "")
    return max((",", "\t", ";"), key=lambda candidate: (first.count(candidate), candidate == ","))


class CsvRows:
    """The records of a CSV text, numbered from 1 as a spreadsheet would show them."""

    def __init__(self, text, ctx):
        self.text = text
        self.ctx = ctx
        self.delimiter = _delimiter(text)

    def __iter__(self):
        reader = csv.reader(
            io.StringIO(self.text, newline=""), delimiter=self.delimiter, strict=True
        )
        number = 0
        last_line = 0
        try:
            for cells in reader:
                number += 1
                yield number, cells
                last_line = reader.line_num
        except csv.Error as error:
            raise self._error(number + 1, last_line + 1, error) from None

    def _error(self, number, first_line, error):
        # Re-read the broken record leniently to see which field it broke in.
        lines = self.text.splitlines(keepends=True)
        rest = "".join(lines[first_line - 1 : first_line + 2000])
        fields = next(csv.reader(io.StringIO(rest, newline=""), delimiter=self.delimiter), [""])
        index = max(len(fields) - 1, 0)
        column = column_name(self.ctx, index)
        if "end of data" in str(error):
            detail = (
                "a quoted value is never closed before the end of the file: the file is "
                "truncated, or a quote mark is unbalanced"
            )
        else:
            detail = f"the row cannot be read as CSV ({error}): a quote mark is misplaced"
        return self.ctx.error(detail, row=number, column=column)


def sheet_of(data: bytes, ctx) -> Sheet:
    text = decode(data)
    rows = CsvRows(text, ctx)
    return Sheet(
        name=None,
        rows=rows,
        total=text.count("\n") or None,
        check_width=True,
        check_text=BAD_TEXT.search(text) is not None,
    )
