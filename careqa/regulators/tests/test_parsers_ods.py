"""The streaming ODS reader: repeated cells and rows, typed values, paragraphs, sheet order."""

import zipfile

import pytest

from careqa.regulators.parsers import ods, parse_file
from careqa.regulators.parsers.sheets import Context
from careqa.regulators.records import ImportFileError
from careqa.regulators.tests.test_parsers_support import (
    hsca_sheets,
    write_csv,
    write_ods,
)

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2">
<office:body><office:spreadsheet>
<table:table table:name="README">
 <table:table-row><table:table-cell office:value-type="string"><text:p>Notes</text:p>
 </table:table-cell></table:table-row>
</table:table>
<table:table table:name="Data">
 <table:table-column table:number-columns-repeated="16384"/>
 <table:table-header-rows>
 <table:table-row>
  <table:table-cell office:value-type="string"><text:p>A</text:p></table:table-cell>
  <table:table-cell table:number-columns-repeated="3"/>
  <table:table-cell office:value-type="string"><text:p>B</text:p></table:table-cell>
  <table:table-cell table:number-columns-repeated="2" office:value-type="string">
   <text:p>Y</text:p></table:table-cell>
  <table:table-cell table:number-columns-repeated="16377"/>
 </table:table-row>
 </table:table-header-rows>
 <table:table-row table:number-rows-repeated="4">
  <table:table-cell table:number-columns-repeated="16384"/></table:table-row>
 <table:table-row>
  <table:table-cell office:value-type="float" office:value="1.0013042022E10">
   <text:p>1.00E+10</text:p></table:table-cell>
  <table:table-cell office:value-type="float" office:value="42"><text:p>42</text:p>
  </table:table-cell>
  <table:table-cell office:value-type="float" office:value="53.401234"><text:p>53.4</text:p>
  </table:table-cell>
  <table:table-cell office:value-type="date" office:date-value="2022-04-20T00:00:00">
   <text:p>20/04/2022</text:p></table:table-cell>
  <table:table-cell office:value-type="boolean" office:boolean-value="true">
   <text:p>TRUE</text:p></table:table-cell>
  <table:table-cell office:value-type="percentage" office:value="0.5"><text:p>50%</text:p>
  </table:table-cell>
  <table:covered-table-cell/>
  <table:table-cell office:value-type="string"><text:p>first line</text:p>
   <text:p>second<text:s text:c="3"/>line</text:p></table:table-cell>
  <table:table-cell office:value-type="string"><text:p><text:a xlink:href="https://x.example"
   >Web <text:span>link</text:span></text:a></text:p></table:table-cell>
  <table:table-cell office:value-type="string"><office:annotation><text:p>a comment</text:p>
   </office:annotation><text:p>value</text:p></table:table-cell>
  <table:table-cell table:number-columns-repeated="16374"/>
 </table:table-row>
 <table:table-row table:number-rows-repeated="2">
  <table:table-cell office:value-type="string"><text:p>same</text:p></table:table-cell>
 </table:table-row>
 <table:table-row table:number-rows-repeated="1048000">
  <table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>
"""


def write_content(path, content=CONTENT):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def read_all(path):
    book = ods.Book(path, Context(path.name))
    try:
        return [(sheet.name, list(sheet.rows)) for sheet in book]
    finally:
        book.close()


def test_cells_rows_and_values(tmp_path):
    (readme, notes), (data, rows) = read_all(write_content(tmp_path / "t.ods"))
    assert (readme, notes) == ("README", [(1, ["Notes"])])
    assert data == "Data"
    header, values, same, again = rows
    # Blank cells repeated in the middle are expanded; the trailing filler is dropped.
    assert header == (1, ["A", "", "", "", "B", "Y", "Y"])
    # Four blank rows are skipped, but counted: the next row is row 6.
    assert values[0] == 6
    assert values[1] == [
        "10013042022",
        "42",
        "53.401234",
        "2022-04-20T00:00:00",
        "TRUE",
        "0.5",
        "",
        "first line\nsecond   line",
        "Web link",
        "value",
    ]
    assert same == (7, ["same"]) and again == (8, ["same"])


def test_the_reader_streams_a_sheet_without_reading_it_whole(tmp_path):
    path = write_content(tmp_path / "t.ods")
    book = ods.Book(path, Context(path.name))
    sheets = iter(book)
    next(sheets)  # README, passed over without reading its rows
    data = next(sheets)
    assert next(iter(data.rows)) == (1, ["A", "", "", "", "B", "Y", "Y"])
    book.close()


def test_a_truncated_ods_says_where_the_data_stop(tmp_path):
    rows = [["Location ID", "Location Name", "Care home?", "Location Type/Sector"]] + [
        [f"1-{n}", f"Home {n} " + "x" * (n % 37), "Y", "Social Care Org"] for n in range(3000)
    ]
    path = write_ods(tmp_path / "cut.ods", [("HSCA_Active_Locations", rows)], truncate_at=0.5)
    with pytest.raises(ImportFileError) as caught:
        parse_file(path)
    error = caught.value
    assert str(error).startswith("cut.ods, row ")
    assert "truncated" in error.detail
    assert 100 < error.row < 3000
    assert error.column in {"Location ID", "Location Name", "Care home?", "Location Type/Sector"}


def test_an_ods_that_is_not_a_spreadsheet(tmp_path):
    path = tmp_path / "odt.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("styles.xml", "<x/>")
    with pytest.raises(ImportFileError, match="ZIP archive but not an ODS spreadsheet"):
        parse_file(path)


def test_ods_matches_csv_with_repeated_flags_and_filler(tmp_path):
    sheets = hsca_sheets()
    from_ods = parse_file(write_ods(tmp_path / "h.ods", sheets))
    from_csv = parse_file(write_csv(tmp_path / "h.csv", sheets[1][1]))
    assert from_ods.services == from_csv.services
