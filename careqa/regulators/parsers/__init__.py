"""Reading the regulators' published files into plain records: `parse_file` is the way in."""

from pathlib import Path

from careqa.providers.vocab import Regulator
from careqa.regulators.parsers import csvfile, detect, limits, ods, xlsx, ziparchive
from careqa.regulators.parsers.cqc_ratings import default_service_types
from careqa.regulators.parsers.sheets import Context
from careqa.regulators.records import ImportFileError, ImportFileProblems, ParsedFile

__all__ = ["parse_file", "default_service_types"]

_OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls


def parse_file(
    path, *, regulator=None, file_name=None, snapshot_date=None, progress=None
) -> ParsedFile:
    """Read a CQC or Ofsted file, recognised by its content, into a ParsedFile.

    `regulator` ("cqc" / "ofsted"), when given, is what the caller expects: a file of the
    other regulator is refused. `file_name` names the file in messages (uploads are saved
    under temporary names). `progress(rows_done, rows_total_or_None)` is called every
    ~2000 rows. Raises ImportFileError, naming file, row and column, for a file that
    cannot be imported as a whole.
    """
    path = Path(path)
    if regulator:
        regulator = Regulator(str(regulator).lower()).value
    ctx = Context(
        file_name or path.name,
        regulator=regulator or None,
        snapshot_date=snapshot_date,
        progress=progress,
    )
    book = _book(path, ctx)
    try:
        spec, table = detect.choose(book, ctx)
        mismatch = detect.check_regulator(spec, table, ctx)
        if mismatch is not None:
            raise mismatch
        parsed = spec.parse(table, ctx)
    except ImportFileError as error:
        # A problem that stops the reading (a broken quote): with those found before it.
        if ctx.problems and error not in ctx.problems and not error.problems[1:]:
            raise ImportFileProblems(ctx.file_name, [*ctx.problems, error]) from None
        raise
    else:
        ctx.check_problems()
        return parsed
    finally:
        if hasattr(book, "close"):
            book.close()


def _book(path, ctx):
    with open(path, "rb") as handle:
        head = handle.read(8)
    if not head:
        raise ctx.error("the file is empty", row=1)
    if ziparchive.is_zip(head):
        # Sizes first, before a byte is unzipped: a hostile archive is refused here.
        limits.check_members(path, ctx)
        intact = ziparchive.is_intact(path)
        if intact:
            limits.check_archive(path, ctx)
        kind = ziparchive.kind_of_archive(path)
        if kind == "ods":
            return ods.Book(path, ctx)
        if kind == "xlsx":
            if intact:
                limits.check_xlsx(path, ctx)
            return xlsx.Book(path, ctx)
        if kind == "csv":
            return [csvfile.sheet_of(ziparchive.only_member(path, ctx), ctx)]
        raise ctx.error("the file is a ZIP archive holding no spreadsheet or CSV file", row=1)
    if head.startswith(_OLE):
        return xlsx.Book(path, ctx)
    limits.check_csv(path.stat().st_size, ctx)
    return [csvfile.sheet_of(path.read_bytes(), ctx)]
