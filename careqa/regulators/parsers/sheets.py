"""What every reader hands the layout parsers: sheets of text rows, and where messages point."""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from careqa.regulators.records import ImportFileError, ImportFileProblems

PROGRESS_EVERY = 2000

# Lone surrogates stand for bytes that decoded as neither UTF-8 nor Windows-1252; NUL and
# other control characters mean binary data (tab, line breaks, VT/FF and DOS's ^Z are text).
BAD_TEXT = re.compile("[\udc80-\udcff\x00-\x08\x0e-\x19\x1b-\x1f]")


@dataclass
class Sheet:
    """One table of a file: a CSV file, or one sheet of a workbook."""

    name: str | None
    rows: Iterator  # of (1-based row number in the file or sheet, [cell text, ...])
    total: int | None = None  # rows in the sheet, if known without reading it
    # CSV only: every row must have as many fields as the header, else the file is broken.
    check_width: bool = False
    # Whether rows may hold undecodable bytes or binary (checked only if the text has some).
    check_text: bool = False
    book: object = None  # the open workbook the rows are read from


class Context:
    """The file being read, the caller's options, and the warnings gathered on the way."""

    def __init__(self, file_name, *, regulator=None, snapshot_date=None, progress=None):
        self.file_name = file_name
        self.regulator = regulator
        self.snapshot_date = snapshot_date
        self.progress = progress
        self.sheet_name = None
        self.header = None  # the header row's cells, once found, to name columns in errors
        self.warnings = []
        # Text of rows seen before the data (titles, README sheets), for the snapshot date.
        self.notes = []
        # Problems with single rows, gathered to report many at once (all or nothing still).
        self.problems = []

    def error(self, message, *, row=None, column=None, command_line=None):
        if self.sheet_name:
            message = f"{message} (sheet '{self.sheet_name}')"
            if command_line:
                command_line = f"{command_line} (sheet '{self.sheet_name}')"
        return ImportFileError(
            self.file_name, message, row=row, column=column, command_line=command_line
        )

    def warn(self, message):
        self.warnings.append(message)

    def problem(self, error):
        """Note what is wrong with one row and read on; stop once there are enough to show."""
        self.problems.append(error)
        if len(self.problems) >= ImportFileProblems.MAX_PROBLEMS:
            raise ImportFileProblems(self.file_name, self.problems, stopped=True)

    def check_problems(self):
        """Raise the problems noted, if any: one as itself, several together."""
        if len(self.problems) == 1:
            raise self.problems[0]
        if self.problems:
            raise ImportFileProblems(self.file_name, self.problems)


def column_letter(index):
    """0 -> 'A', 27 -> 'AB': how a spreadsheet names the column of a cell."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_name(ctx, index):
    """The header's name for column `index`, else its spreadsheet letter."""
    header = ctx.header or ()
    if index < len(header) and header[index].strip():
        return " ".join(header[index].split())
    return column_letter(index)


def bad_text_error(ctx, row_number, cells):
    """The message for a row holding bytes that are not text in any encoding CareQA reads."""
    for index, cell in enumerate(cells):
        match = BAD_TEXT.search(cell)
        if match is None:
            continue
        char = match.group()
        if "\udc80" <= char <= "\udcff":
            detail = (
                f"byte 0x{ord(char) - 0xDC00:02X} is not UTF-8 or Windows-1252 text: "
                "the file is in another encoding, or is not a CSV file"
            )
        else:
            detail = "the file holds binary data, not text: it is not a CSV file"
        return ctx.error(detail, row=row_number, column=column_name(ctx, index))
    return None


@dataclass
class Table:
    """A sheet whose header row has been found: the layout parsers read its records."""

    sheet: Sheet
    header: list  # cell text as in the file
    header_row: int
    rows: Iterator  # the rows after the header
    preamble: list = field(default_factory=list)  # rows above the header

    def records(self, ctx):
        """(row number, cells padded to the header) of each non-empty data row."""
        header = self.header
        width = len(header)
        # Trailing blank header cells (padding) do not count towards a row's required width.
        needed = max((i + 1 for i, h in enumerate(header) if h.strip()), default=0)
        check_width = self.sheet.check_width
        check_text = self.sheet.check_text
        progress = ctx.progress
        total = self.sheet.total
        if total is not None:
            total = max(total - self.header_row, 0)
        done = 0
        for number, cells in self.rows:
            # Most rows start with their id: only look further when the first cell is blank.
            first = cells[0] if cells else ""
            if not (first and first.strip()) and not "".join(cells).strip():
                continue
            if check_text and BAD_TEXT.search("".join(cells)):
                # The whole file's encoding, not one row: once is enough.
                raise bad_text_error(ctx, number, cells)
            size = len(cells)
            if size != width:
                if check_width and size < needed:
                    ctx.problem(
                        ctx.error(
                            f"this row has {size} fields but the header has {needed}: "
                            "the file is truncated or the row is broken",
                            row=number,
                            column=column_name(ctx, size),
                        )
                    )
                    continue
                if size < width:
                    cells = cells + [""] * (width - size)
                elif check_width:
                    extra = next((i for i in range(width, size) if cells[i].strip()), None)
                    if extra is not None:
                        ctx.problem(
                            ctx.error(
                                f"this row has a value ('{cells[extra].strip()[:40]}') beyond "
                                "the last column of the header: its fields are shifted",
                                row=number,
                                column=column_letter(extra),
                            )
                        )
                        continue
            yield number, cells
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
        if progress is not None:
            progress(done, done)
