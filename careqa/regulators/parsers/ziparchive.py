"""Opening the ZIP archive an ODS or XLSX file is, and saying where a truncated one stops."""

import re
import struct
import zipfile
import zlib

from careqa.regulators.parsers import limits

_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_LOCAL_SIGNATURE = 0x04034B50
_CHUNK = 1 << 16


class Inflating:
    """A file-like view of one member's data read straight from its local header.

    Used when the archive's central directory is missing (a download cut short): the
    member's data can still be read up to the point where the file stops. What it gives is
    bounded, chunk by chunk and in all, as a damaged archive states no sizes to check.
    """

    def __init__(self, handle, method):
        self.handle = handle
        self.inflater = zlib.decompressobj(-15) if method == 8 else None
        self.done = False
        self.given = 0

    def read(self, size=-1):
        while not self.done:
            if self.given > limits.MAX_UNZIPPED_BYTES:
                self.done = True
                return b""
            if self.inflater is not None and self.inflater.unconsumed_tail:
                raw = self.inflater.unconsumed_tail
            else:
                raw = self.handle.read(_CHUNK)
            if not raw:
                self.done = True
                return b""
            if self.inflater is None:
                self.given += len(raw)
                return raw
            try:
                data = self.inflater.decompress(raw, _CHUNK * 16)
            except zlib.error:
                self.done = True
                return b""
            if self.inflater.eof:
                self.done = True
            if data:
                self.given += len(data)
                return data
        return b""

    def close(self):
        self.handle.close()


def local_members(path):
    """[(name, method, offset of data)] of the members whose local headers are intact."""
    members = []
    with open(path, "rb") as handle:
        while True:
            header = handle.read(_LOCAL_HEADER.size)
            if len(header) < _LOCAL_HEADER.size:
                break
            (signature, _, flags, method, _, _, _, size, _, name_length, extra_length) = (
                _LOCAL_HEADER.unpack(header)
            )
            if signature != _LOCAL_SIGNATURE:
                break
            name = handle.read(name_length).decode("utf-8", "replace")
            handle.seek(extra_length, 1)
            start = handle.tell()
            members.append((name, method, start))
            if flags & 0x08:
                # Sizes follow the data: inflate through it to find where it ends.
                if method != 8 or not _skip_deflated(handle):
                    break
            else:
                handle.seek(size, 1)
    return members


def _skip_deflated(handle):
    inflater = zlib.decompressobj(-15)
    given = 0
    while not inflater.eof:
        raw = inflater.unconsumed_tail or handle.read(_CHUNK)
        if not raw or given > limits.MAX_UNZIPPED_BYTES:
            return False
        try:
            given += len(inflater.decompress(raw, _CHUNK * 16))
        except zlib.error:
            return False
    back = len(inflater.unused_data)
    handle.seek(-back, 1)
    descriptor = handle.read(4)
    # The data descriptor may or may not start with its own signature.
    handle.seek(12 if descriptor == b"PK\x07\x08" else 8, 1)
    return True


def open_member_salvaged(path, name):
    """The data of member `name` of a damaged archive, as far as it goes, or None."""
    for member, method, start in local_members(path):
        if member == name:
            handle = open(path, "rb")  # closed by the reader
            handle.seek(start)
            return Inflating(handle, method)
    return None


_XLSX_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"')


def last_xlsx_cell(path):
    """(row number, column letters) of the last cell a truncated XLSX still holds, or None."""
    last = None
    for name, method, start in local_members(path):
        if not re.match(r"xl/worksheets/sheet\d*\.xml$", name):
            continue
        with open(path, "rb") as handle:
            handle.seek(start)
            reader = Inflating(handle, method)
            tail = b""
            while chunk := reader.read():
                for match in _XLSX_CELL.finditer(tail + chunk):
                    last = (int(match.group(2)), match.group(1).decode())
                tail = chunk[-200:]
    return last


def is_intact(path):
    try:
        with zipfile.ZipFile(path):
            return True
    except zipfile.BadZipFile:
        return False


def is_zip(head: bytes):
    return head.startswith(b"PK\x03\x04")


def kind_of_archive(path):
    """'ods', 'xlsx', 'csv' (a zipped CSV) or None, judged from the member names."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            mimetype = ""
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(100).decode("ascii", "replace").strip()
    except zipfile.BadZipFile:
        names = [name for name, _, _ in local_members(path)]
        mimetype = ""
    return _kind(names, mimetype)


def _kind(names, mimetype):
    if "content.xml" in names or mimetype.startswith("application/vnd.oasis.opendocument"):
        return "ods"
    if any(name.startswith("xl/") for name in names) or "[Content_Types].xml" in names:
        return "xlsx"
    files = [name for name in names if not name.endswith("/")]
    if len(files) == 1 and files[0].lower().endswith((".csv", ".txt")):
        return "csv"
    return None


def only_member(path, ctx):
    """The bytes of the one file in a ZIP (CQC also publishes its directory CSV zipped)."""
    with zipfile.ZipFile(path) as archive:
        info = next(info for info in archive.infolist() if not info.filename.endswith("/"))
        limits.check_csv(info.file_size, ctx, member=info.filename)
        return archive.read(info)
