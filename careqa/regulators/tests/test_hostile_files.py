"""Hostile files are refused, with a message, before they can exhaust memory or disk.

Every file is made inside the test (see hostile.py): zip bombs, XLSX sheets that claim or
hold a grid of seventeen billion cells, ODS rows that repeat a million times, a CSV of a
gigabyte. Each test proves the dangerous step (the XLSX reader, unzipping, reading the
file whole) is never reached, and stays fast.
"""

import subprocess
import sys
import time
import tracemalloc
import zipfile

import pytest
import python_calamine
from django.core.management import call_command
from django.core.management.base import CommandError

from careqa.regulators.parsers import limits, parse_file
from careqa.regulators.records import ImportFileError
from careqa.regulators.tests.hostile import (
    MB,
    deflate_bomb,
    ods_cell,
    ods_with_rows,
    xlsx_with_sheet,
)

WHOLE_SHEET = "A1:XFD1048576"
CORNERS = (("A1", "Location ID"), ("XFD1048576", "x"))


@pytest.fixture
def no_xlsx_reader(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the XLSX reader was handed a hostile file")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", refuse)


@pytest.fixture
def no_unzipping(monkeypatch):
    """Any attempt to inflate a member of an intact archive fails the test."""

    def refuse(self, name, *args, **kwargs):
        raise AssertionError(f"{name} was unzipped")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


def test_the_xlsx_reader_really_dies_on_a_sheet_whose_cells_span_the_whole_grid(tmp_path):
    # The file the tests below refuse is a real threat: the reader asks for 550 GB and aborts.
    bomb = xlsx_with_sheet(tmp_path / "bomb.xlsx", dimension=WHOLE_SHEET, cells=CORNERS)
    assert bomb.stat().st_size < 2000
    reader = (
        "import sys, python_calamine as c; "
        "c.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name('Locations')"
    )
    done = subprocess.run(
        [sys.executable, "-c", reader, str(bomb)], capture_output=True, timeout=60
    )
    assert done.returncode != 0
    assert b"memory allocation" in done.stderr


def test_an_xlsx_claiming_the_whole_grid_is_refused_before_the_reader(tmp_path, no_xlsx_reader):
    bomb = xlsx_with_sheet(tmp_path / "claims.xlsx", dimension=WHOLE_SHEET)
    with pytest.raises(ImportFileError) as caught:
        parse_file(bomb, regulator="cqc")
    message = str(caught.value)
    assert message.startswith("claims.xlsx")
    assert "sheet 'Locations'" in message
    assert "1,048,576 rows by 16,384 columns" in message
    assert f"more than the {limits.MAX_SHEET_CELLS:,} cells" in message


def test_an_xlsx_whose_cells_span_the_grid_without_saying_so_is_refused(tmp_path, no_xlsx_reader):
    bomb = xlsx_with_sheet(tmp_path / "quiet.xlsx", cells=CORNERS)
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError) as caught:
            parse_file(bomb, regulator="cqc")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "quiet.xlsx" in str(caught.value) and "sheet 'Locations'" in str(caught.value)
    assert "has cells that span 1,048,576 rows by 16,384 columns" in str(caught.value)
    assert peak < 20 * MB


def test_an_ordinary_xlsx_still_reaches_the_reader(tmp_path):
    cells = [("A1", "Location ID"), ("B1", "Location Name"), ("A2", "1-1"), ("B2", "Oak")]
    book = xlsx_with_sheet(tmp_path / "small.xlsx", dimension="A1:B2", cells=cells)
    with pytest.raises(ImportFileError) as caught:
        parse_file(book, regulator="cqc")
    # Read, and found not to be a regulator's layout: the size checks let it through.
    assert "not a file CareQA can read" in str(caught.value)


def test_the_command_line_refuses_the_xlsx_bomb_with_its_message(tmp_path, no_xlsx_reader, db):
    bomb = xlsx_with_sheet(tmp_path / "bomb.xlsx", dimension=WHOLE_SHEET, cells=CORNERS)
    with pytest.raises(CommandError) as caught:
        call_command("import_cqc", str(bomb))
    assert "nothing was changed" in str(caught.value)
    assert "bomb.xlsx" in str(caught.value) and "16,384 columns" in str(caught.value)


def test_a_zip_bomb_named_csv_is_refused_before_unzipping(tmp_path, no_unzipping):
    started = time.monotonic()
    bomb = deflate_bomb(tmp_path / "directory.csv", "directory.csv", megabytes=1024)
    assert bomb.stat().st_size < 2 * MB
    with pytest.raises(ImportFileError) as caught:
        parse_file(bomb, regulator="cqc")
    assert time.monotonic() - started < 2
    message = str(caught.value)
    assert message.startswith("directory.csv")
    assert "'directory.csv' would unzip from 1.0 MB to 1,024 MB" in message
    assert f"more than {limits.MAX_RATIO} times its size" in message


def test_an_ods_bomb_is_refused_before_its_content_is_unzipped(tmp_path, no_unzipping):
    bomb = deflate_bomb(tmp_path / "locations.ods", "content.xml", megabytes=512)
    with pytest.raises(ImportFileError) as caught:
        parse_file(bomb, regulator="cqc")
    assert "locations.ods" in str(caught.value) and "'content.xml'" in str(caught.value)
    assert "512 MB" in str(caught.value)


def test_an_archive_unzipping_to_too_much_in_all_is_refused(tmp_path, monkeypatch):
    # Below the ratio (random-looking data) but above the total: the total is checked too.
    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", MB)
    big = tmp_path / "big.ods"
    with zipfile.ZipFile(big, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", bytes(range(256)) * 8192)
    with pytest.raises(
        ImportFileError, match=r"unzip to at least 2.0 MB .*more than the 1.0 MB CareQA unzips"
    ):
        parse_file(big, regulator="cqc")


def test_a_zipped_csv_bigger_than_a_csv_may_be_is_refused_before_unzipping(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CSV_BYTES", 64 * 1024)
    zipped = tmp_path / "directory.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("directory.csv", b"Location ID,Name\n" + b"1-1,Oak\n" * 20000)
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda *a, **k: pytest.fail("was read"))
    with pytest.raises(ImportFileError) as caught:
        parse_file(zipped, regulator="cqc")
    message = str(caught.value)
    assert "the CSV file 'directory.csv' in this ZIP archive is 156.3 KB" in message
    assert "more than the 64.0 KB CareQA reads" in message


def test_a_huge_plain_csv_is_refused_without_being_read(tmp_path, monkeypatch):
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as handle:
        handle.write(b"Location ID,Location Name\n")
        handle.seek(limits.MAX_CSV_BYTES + MB)  # sparse: costs no disk
        handle.write(b"\n")
    monkeypatch.setattr(type(huge), "read_bytes", lambda self: pytest.fail("read whole"))
    with pytest.raises(ImportFileError) as caught:
        parse_file(huge, regulator="cqc")
    message = str(caught.value)
    assert message.startswith("huge.csv")
    assert "this CSV file is 201 MB, more than the 200 MB CareQA reads" in message


def test_an_ods_row_of_data_repeated_a_million_times_is_refused_fast(tmp_path):
    header = "<table:table-row>" + ods_cell("Location ID") + ods_cell("Name") + "</table:table-row>"
    bomb_row = (
        '<table:table-row table:number-rows-repeated="1048576">'
        + ods_cell("1-1", repeat=16384)
        + "</table:table-row>"
    )
    bomb = ods_with_rows(tmp_path / "repeats.ods", header + bomb_row)
    started = time.monotonic()
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError) as caught:
            parse_file(bomb, regulator="cqc")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 2 and peak < 20 * MB
    message = str(caught.value)
    assert message.startswith("repeats.ods, row 2") and "sheet 'Locations'" in message
    assert "repeats 1,048,576 times" in message


def test_a_damaged_archive_is_inflated_no_further_than_the_limit(tmp_path, monkeypatch):
    # No central directory (a download cut short, or a bomb pretending to be one): the
    # salvage reader stops at the limit instead of inflating all of it.
    from careqa.regulators.parsers import ziparchive

    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 8 * MB)
    bomb = deflate_bomb(tmp_path / "cut.ods", "content.xml", megabytes=256)
    data = bomb.read_bytes()
    bomb.write_bytes(data[: len(data) - 200])  # the central directory is gone
    source = ziparchive.open_member_salvaged(bomb, "content.xml")
    given = 0
    while chunk := source.read():
        given += len(chunk)
    source.close()
    assert 8 * MB <= given <= 8 * MB + 2 * MB


def test_the_import_page_answers_a_zip_bomb_with_its_message_not_an_error(
    client, tmp_path, no_unzipping, db
):
    import django.test
    from django.urls import reverse

    from careqa.factories import UserFactory
    from careqa.jobs.testing import run_queued_jobs
    from careqa.regulators.models import ImportRun

    client.force_login(UserFactory(username="manager", role="qa_manager"))
    bomb = deflate_bomb(tmp_path / "directory.csv", "directory.csv", megabytes=1024)
    with open(bomb, "rb") as handle, django.test.TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("regulators:import-upload"), {"regulator": "cqc", "file": handle}
        )
    assert response.status_code == 302
    run_queued_jobs()
    html = client.get(response.url).content.decode()
    assert "govuk-error-summary" in html
    assert "would unzip from 1.0 MB to 1,024 MB" in html
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and "zip bomb" in run.error


def test_an_archive_listing_too_many_members_is_refused_before_its_list_is_read(
    tmp_path, monkeypatch
):
    many = tmp_path / "many.ods"
    with zipfile.ZipFile(many, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        for n in range(limits.MAX_MEMBERS + 1):
            archive.writestr(f"{n}", b"")
    monkeypatch.setattr(zipfile, "ZipFile", lambda *a, **k: pytest.fail("the list was read"))
    with pytest.raises(ImportFileError) as caught:
        parse_file(many, regulator="cqc")
    assert "the ZIP archive lists 10,002 members" in str(caught.value)
    assert str(caught.value).startswith("many.ods")


def test_an_ods_whose_xml_expands_entities_a_billion_times_is_refused(tmp_path):
    entities = '<!ENTITY e0 "lol">' + "".join(
        f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 10)
    )
    content = (
        f'<?xml version="1.0"?><!DOCTYPE d [{entities}]>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ">&e9;</office:document-content>"
    )
    laughs = tmp_path / "laughs.ods"
    with zipfile.ZipFile(laughs, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    started = time.monotonic()
    with pytest.raises(ImportFileError) as caught:
        parse_file(laughs, regulator="cqc")
    assert time.monotonic() - started < 2
    assert "laughs.ods" in str(caught.value) and "XML is damaged" in str(caught.value)
