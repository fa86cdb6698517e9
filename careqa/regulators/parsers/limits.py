"""What a file may hold before CareQA reads it: a hostile file is refused before it is opened.

A ZIP archive (ODS, XLSX, a zipped CSV) states in its central directory how big each member
unzips to, and zipfile never inflates a member past that size: checking the stated sizes
and ratios first keeps a "zip bomb" from filling memory or disk. An XLSX sheet states the
cells it spans (<dimension ref>) and its cells name their own places: the XLSX reader
allocates the whole grid they span, so both are checked, streaming, before it sees the file.
"""

import re
import struct
import zipfile

MB = 1024 * 1024
# A plain CSV (or the CSV inside a ZIP) is read whole: CQC's largest is about 60 MB.
MAX_CSV_BYTES = 200 * MB
# CQC's national ODS unzips to 0.4-1 GB of XML, read as a stream.
MAX_UNZIPPED_BYTES = 2048 * MB
# CQC's ODS files unzip to at most about 40 times their size; a bomb to a thousand times.
MAX_RATIO = 100
RATIO_FROM_BYTES = 16 * MB  # small members (styles, a few rows) may compress far better
# The national files have fewer than 10 million cells in a sheet (50,000 rows x 150).
MAX_SHEET_CELLS = 20_000_000
# ODS and XLSX files hold a few dozen members; each member listed costs memory to open.
MAX_MEMBERS = 10_000
_HEAD = 64 * 1024
_CHUNK = 1 << 20

_END_SEARCH = 64 * 1024 + 22  # the end record, and the longest comment it may carry
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([^"]*)"')
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_CELL_COLUMN = re.compile(rb' r="([A-Z]{1,3})[0-9]')
_CELL_ROW = re.compile(rb' r="[A-Z]{1,3}([0-9]{1,7})"')
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTRIBUTE = re.compile(rb'\b([\w:]+)="([^"]*)"')
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def size_text(size):
    """1536 -> '1.5 KB', 1061895 -> '1.0 MB', 1073741824 -> '1,024 MB': as people read them."""
    if size < MB:
        return f"{size / 1024:,.1f} KB"
    if size < 10 * MB:
        return f"{size / MB:,.1f} MB"
    return f"{size / MB:,.0f} MB"


def check_csv(size, ctx, *, member=None):
    """Refuse a CSV too big to read whole, before a byte of it is read."""
    if size <= MAX_CSV_BYTES:
        return
    what = f"the CSV file '{member}' in this ZIP archive" if member else "this CSV file"
    raise ctx.error(
        f"{what} is {size_text(size)}, more than the {size_text(MAX_CSV_BYTES)} CareQA reads "
        "from a CSV file: it was not read (CQC's and Ofsted's largest CSV files are about "
        "60 MB)",
        row=None,
    )


def check_members(path, ctx):
    """Refuse a ZIP listing more members than a spreadsheet has, before the list is read.

    The count is read from the archive's end record (its last 64 KB), so that a list of
    millions of members is never loaded; an archive without one is left to the salvage.
    """
    size = path.stat().st_size
    with open(path, "rb") as handle:
        handle.seek(max(size - _END_SEARCH, 0))
        tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return
    members = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    if members == 0xFFFF:
        # ZIP64: the true count is in the ZIP64 end record, found through its locator.
        locator = tail.rfind(b"PK\x06\x07", 0, at)
        if locator >= 0 and len(tail) - locator >= 20:
            offset = struct.unpack("<Q", tail[locator + 8 : locator + 16])[0]
            with open(path, "rb") as handle:
                handle.seek(offset)
                record = handle.read(56)
            if record[:4] == b"PK\x06\x06" and len(record) == 56:
                members = struct.unpack("<Q", record[32:40])[0]
    if members > MAX_MEMBERS:
        raise ctx.error(
            f"the ZIP archive lists {members:,} members; a spreadsheet has a few dozen, and "
            f"CareQA opens no archive of more than {MAX_MEMBERS:,}: the file was not unzipped",
        )


def check_archive(path, ctx):
    """Refuse a ZIP archive that would unzip to too much, or unzips too well to be real."""
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    total = 0
    for info in members:
        total += info.file_size
        packed = max(info.compress_size, 1)
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * packed:
            raise ctx.error(
                f"the ZIP archive's member '{info.filename}' would unzip from "
                f"{size_text(info.compress_size)} to {size_text(info.file_size)}, "
                f"{info.file_size // packed:,} times its size; CareQA unzips nothing more "
                f"than {MAX_RATIO} times its size (a 'zip bomb'): the file was not unzipped",
            )
        if total > MAX_UNZIPPED_BYTES:
            raise ctx.error(
                f"the ZIP archive would unzip to at least {size_text(total)} (member "
                f"'{info.filename}' is {size_text(info.file_size)}), more than the "
                f"{size_text(MAX_UNZIPPED_BYTES)} CareQA unzips: the file was not unzipped",
            )
    return members


def check_xlsx(path, ctx):
    """Refuse an XLSX whose sheets span more cells than CareQA reads, before the reader."""
    with zipfile.ZipFile(path) as archive:
        names = _sheet_names(archive)
        for member in archive.namelist():
            if not _WORKSHEET.match(member):
                continue
            ctx.sheet_name = names.get(member, member)
            with archive.open(member) as stream:
                _check_sheet(stream, ctx)
    ctx.sheet_name = None


def _check_sheet(stream, ctx):
    head = stream.read(_HEAD)
    found = _DIMENSION.search(head)
    if found:
        ref = found.group(1).decode("ascii", "replace")
        span = _span(ref)
        if span is None:
            raise ctx.error(f"the sheet's stated size '{ref[:40]}' is not a cell range")
        _check_span(ctx, span, f"states that it spans {ref}")
    # The cells' own references, streamed: a sheet may state no size, or a false one.
    # Per chunk only the distinct letters and numbers are compared, so this stays fast.
    low_row = low_col = None
    high_row = high_col = 0
    tail = b""
    chunk = head
    while chunk:
        text = tail + chunk
        letters = set(_CELL_COLUMN.findall(text))
        if letters:
            digits = set(_CELL_ROW.findall(text))
            columns = [_column(word) for word in letters]
            rows = [int(number) for number in digits]
            high_row, high_col = max(high_row, *rows), max(high_col, *columns)
            low_row = min(rows) if low_row is None else min(low_row, *rows)
            low_col = min(columns) if low_col is None else min(low_col, *columns)
            _check_span(
                ctx, (high_row - low_row + 1, high_col - low_col + 1), "has cells that span"
            )
        # A reference cut at the chunk's end is read again with the next chunk.
        cut = text.rfind(b"<", max(len(text) - 200, 0))
        tail = text[cut:] if cut >= 0 else b""
        chunk = stream.read(_CHUNK)


def _check_span(ctx, span, how):
    rows, columns = span
    if rows * columns <= MAX_SHEET_CELLS:
        return
    raise ctx.error(
        f"the sheet {how} {rows:,} rows by {columns:,} columns, {rows * columns:,} cells, "
        f"more than the {MAX_SHEET_CELLS:,} cells CareQA reads from a sheet: the file was "
        "not opened",
    )


def _span(ref):
    """(rows, columns) that a dimension such as 'A1:XFD1048576' or 'B2' spans, or None."""
    parts = ref.strip().split(":")
    if not 1 <= len(parts) <= 2:
        return None
    corners = [_REF.match(part) for part in parts]
    if not all(corners):
        return None
    rows = [int(corner.group(2)) for corner in corners]
    columns = [_column(corner.group(1).upper().encode()) for corner in corners]
    return max(rows) - min(rows) + 1, max(columns) - min(columns) + 1


def _column(letters):
    index = 0
    for byte in letters:
        index = index * 26 + (byte - 64)
    return index


def _sheet_names(archive):
    """{member path: sheet name as shown} from the workbook's own list, as far as it goes."""
    try:
        workbook = _small(archive, "xl/workbook.xml")
        relations = _small(archive, "xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", relations):
        attributes = dict(_ATTRIBUTE.findall(tag))
        target = attributes.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
        if not target.startswith("xl/"):
            target = "xl/" + target
        targets[attributes.get(b"Id", b"")] = target
    names = {}
    for tag in _SHEET.findall(workbook):
        attributes = {key.split(b":")[-1]: value for key, value in _ATTRIBUTE.findall(tag)}
        target = targets.get(attributes.get(b"id", b""))
        if target:
            names[target] = attributes.get(b"name", b"").decode("utf-8", "replace")
    return names


def _small(archive, name):
    with archive.open(name) as stream:
        return stream.read(4 * MB)
