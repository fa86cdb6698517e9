"""Files that cannot be imported: each message names the file, the row and the column."""

import datetime
import random

import pytest

from careqa.regulators.layouts import DIRECTORY_HEADER, HSCA_HEADER
from careqa.regulators.parsers import parse_file
from careqa.regulators.records import ImportFileError
from careqa.regulators.tests.test_parsers_support import (
    DIRECTORY_PREAMBLE,
    HSCA_FIXTURE,
    directory_row,
    hsca_rows,
    hsca_sheets,
    ratings_rows,
    write_csv,
    write_ods,
    write_xlsx,
)


def refused(path, **options):
    with pytest.raises(ImportFileError) as caught:
        parse_file(path, **options)
    return caught.value


def assert_points_at(error, file_name, row, column):
    where = f"{file_name}, row {row}" + (f", column '{column}'" if column else "")
    assert str(error).startswith(where + ": "), str(error)
    assert (error.file_name, error.row, error.column) == (file_name, row, column)


def hsca_with(tmp_path, name="hsca.csv", **changes):
    """The HSCA fixture with cells of its first location changed ({header: value})."""
    rows = hsca_rows()
    for header, value in changes.items():
        rows[1][HSCA_HEADER.index(header.replace("_", " "))] = value
    return write_csv(tmp_path / name, rows)


# -- headers -----------------------------------------------------------------------------


def test_renamed_id_column(tmp_path):
    rows = hsca_rows()
    rows[0][0] = "Location Identifier"
    error = refused(write_csv(tmp_path / "renamed.csv", rows))
    assert_points_at(error, "renamed.csv", 1, "Location ID")
    assert "looks like CQC's care directory with filters" in error.detail
    assert "'Location Identifier'" in error.detail  # what was found instead


def test_missing_required_ratings_column(tmp_path):
    rows = ratings_rows()
    rows[0] = ["Rating" if name == "Latest Rating" else name for name in rows[0]]
    error = refused(write_csv(tmp_path / "ratings.csv", rows))
    assert_points_at(error, "ratings.csv", 1, "Latest Rating")
    assert "has no column 'Latest Rating' (renamed or missing)" in error.detail
    assert "'Rating'" in error.detail


def test_missing_required_column_in_a_workbook_names_the_sheet(tmp_path):
    rows = ratings_rows()
    rows[0] = ["Group" if name == "Service / Population Group" else name for name in rows[0]]
    error = refused(write_xlsx(tmp_path / "ratings.xlsx", [("Locations", rows)]))
    assert_points_at(error, "ratings.xlsx", 1, "Service / Population Group")
    assert "(sheet 'Locations')" in error.detail


def test_a_file_of_no_known_layout(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("Our list of homes\nOak Lodge,good\n", encoding="utf-8")
    error = refused(path)
    assert_points_at(error, "notes.csv", 1, None)
    assert "not a file CareQA can read" in error.detail


def test_an_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert_points_at(refused(path), "empty.csv", 1, None)


# -- encodings and binary ------------------------------------------------------------------


def test_bytes_that_are_neither_utf8_nor_windows_1252(tmp_path):
    path = write_csv(tmp_path / "bad.csv", hsca_rows())
    data = path.read_bytes().replace(b"Moreton", b"More\x81ton")
    path.write_bytes(data)
    error = refused(path)
    assert_points_at(error, "bad.csv", 2, "Location Address Line 2")
    assert "byte 0x81 is not UTF-8 or Windows-1252 text" in error.detail


def test_binary_garbage(tmp_path):
    path = tmp_path / "photo.csv"
    noise = random.Random(1)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(noise.randrange(256) for _ in range(4000)))
    error = refused(path)
    assert error.row is not None and error.column
    assert "binary" in error.detail or "not UTF-8" in error.detail


def test_windows_1252_and_mac_bytes_are_read(tmp_path):
    rows = hsca_rows()
    rows[1][HSCA_HEADER.index("Location Name")] = "Caf\u00e9 House \u2013 East"
    parsed = parse_file(write_csv(tmp_path / "cp1252.csv", rows, encoding="cp1252"))
    assert parsed.services[0].name == "Caf\u00e9 House \u2013 East"


# -- truncated files -----------------------------------------------------------------------


def test_csv_cut_off_in_the_last_row(tmp_path):
    path = write_csv(tmp_path / "cut.csv", hsca_rows())
    data = path.read_bytes().rstrip(b"\r\n")
    path.write_bytes(data[: data.rindex(b",Nameless,") + len(b",Nameless,")])
    error = refused(path)
    assert_points_at(error, "cut.csv", 7, "Location Telephone Number")
    assert "truncated" in error.detail


def test_csv_cut_off_inside_a_quoted_value(tmp_path):
    path = write_csv(tmp_path / "cut.csv", hsca_rows())
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b'"Helping Hands') + 9])
    error = refused(path)
    assert_points_at(error, "cut.csv", 3, "Location Name")
    assert "never closed" in error.detail


def test_truncated_xlsx(tmp_path):
    big = hsca_rows(HSCA_FIXTURE[:4] * 200)
    for number, row in enumerate(big[1:]):
        row[0] = f"1-{number}"
    path = write_xlsx(tmp_path / "cut.xlsx", hsca_sheets(big))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    error = refused(path)
    assert str(error).startswith(f"cut.xlsx, row {error.row}, column '{error.column}': ")
    assert "truncated" in error.detail and error.row > 1


def test_truncated_ods(tmp_path):
    big = hsca_rows(HSCA_FIXTURE[:4] * 300)
    for number, row in enumerate(big[1:]):
        row[0] = f"1-{number}"
    path = write_ods(tmp_path / "cut.ods", hsca_sheets(big), truncate_at=0.6)
    error = refused(path)
    assert str(error).startswith(f"cut.ods, row {error.row}, column '{error.column}': ")
    assert "truncated" in error.detail and error.row > 1


def test_a_row_shifted_by_an_unquoted_comma(tmp_path):
    # The row's fields are shifted: its last value falls beyond the header.
    rows = hsca_rows()
    rows[1][-1] = "1-101"
    path = write_csv(tmp_path / "shifted.csv", rows)
    path.write_bytes(path.read_bytes().replace(b"Lucerne House", b"Lucerne, House", 1))
    error = refused(path)
    assert_points_at(error, "shifted.csv", 2, "DS")
    assert "beyond the last column" in error.detail


# -- duplicates ------------------------------------------------------------------------------


def test_duplicate_location_in_hsca(tmp_path):
    path = hsca_with(tmp_path, Location_ID="1-104")
    error = refused(path)
    assert_points_at(error, "hsca.csv", 5, "Location ID")
    assert "'1-104' is listed twice, on row 2 and on row 5" in error.detail


def test_duplicate_location_in_the_directory(tmp_path):
    row = directory_row(
        {
            "Name": "Oak",
            "Service types": "Nursing homes",
            "CQC Location ID (for office use only)": "1-7",
        }
    )
    rows = [list(DIRECTORY_HEADER), row, row]
    path = write_csv(tmp_path / "dir.csv", rows, preamble=DIRECTORY_PREAMBLE)
    error = refused(path)
    assert_points_at(error, "dir.csv", 7, "CQC Location ID (for office use only)")
    assert "on row 6 and on row 7" in error.detail


def test_duplicate_urn_in_ofsted(shared_data, tmp_path):
    source = shared_data / "ofsted" / "ofsted_csc_providers_at_31_march_2019.csv"
    lines = source.read_bytes().split(b"\n")
    path = tmp_path / "ofsted.csv"
    path.write_bytes(b"\n".join(lines[:5] + [lines[2]] + lines[5:]))
    error = refused(path, regulator="ofsted")
    assert_points_at(error, "ofsted.csv", 6, "URN")
    assert "'1027076' is listed twice, on row 3 and on row 6" in error.detail


def test_duplicate_rows_of_a_rated_location(tmp_path):
    rows = ratings_rows()
    rows.append(list(rows[3]))  # Oak Lodge, Overall, Effective again
    error = refused(write_csv(tmp_path / "ratings.csv", rows))
    assert_points_at(error, "ratings.csv", 13, "Domain")
    assert "rows 4 and 13" in error.detail and "'Effective'" in error.detail


# -- values ----------------------------------------------------------------------------------


def test_unknown_rating_word(tmp_path):
    error = refused(hsca_with(tmp_path, **{"Location Latest Overall Rating": "Excellent"}))
    assert_points_at(error, "hsca.csv", 2, "Location Latest Overall Rating")
    assert "'Excellent' is not a rating" in error.detail


def test_unknown_ofsted_judgement(shared_data, tmp_path):
    source = shared_data / "ofsted" / "ofsted_csc_providers_at_31_march_2023.csv"
    path = tmp_path / "ofsted.csv"
    path.write_bytes(source.read_bytes().replace(b",Inadequate,", b",Very poor,", 1))
    error = refused(path)
    assert error.row == 5
    assert error.column == "Overall experiences and progress of children and young people"
    assert "'Very poor' is not a rating" in error.detail


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("Care homes beds", "forty"),
        ("Location Latitude", "north"),
        ("Location Longitude", "53,4"),
    ],
)
def test_text_where_a_number_belongs(tmp_path, column, value):
    error = refused(hsca_with(tmp_path, **{column: value}))
    assert_points_at(error, "hsca.csv", 2, column)
    assert "is not a number" in error.detail


def test_text_in_ofsted_places(shared_data, tmp_path):
    source = shared_data / "ofsted" / "ofsted_csc_providers_at_31_march_2021.csv"
    lines = source.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",Private,4,", b",Private,four,")
    path = tmp_path / "ofsted.csv"
    path.write_bytes(b"\n".join(lines))
    assert_points_at(refused(path), "ofsted.csv", 3, "Places")


@pytest.mark.parametrize(
    ("column", "value"),
    [("Publication Date", "31/02/2022"), ("Location HSCA start date", "next week")],
)
def test_bad_dates(tmp_path, column, value):
    error = refused(hsca_with(tmp_path, **{column: value}))
    assert_points_at(error, "hsca.csv", 2, column)
    assert "is not a date" in error.detail


def test_bad_date_in_a_typed_workbook_cell(tmp_path):
    rows = hsca_rows()
    rows[1][HSCA_HEADER.index("Publication Date")] = "20.04.2022"
    error = refused(write_ods(tmp_path / "hsca.ods", hsca_sheets(rows)))
    assert_points_at(error, "hsca.ods", 2, "Publication Date")
    assert error.detail.endswith("(sheet 'HSCA_Active_Locations')")


def test_bad_date_of_latest_check(tmp_path):
    row = directory_row(
        {
            "Name": "Oak",
            "Service types": "Nursing homes",
            "Date of latest check": "2018-01-09",
            "CQC Location ID (for office use only)": "1-7",
        }
    )
    path = write_csv(
        tmp_path / "dir.csv", [list(DIRECTORY_HEADER), row], preamble=DIRECTORY_PREAMBLE
    )
    assert_points_at(refused(path), "dir.csv", 6, "Date of latest check")


def test_a_rating_without_its_publication_date(tmp_path):
    error = refused(hsca_with(tmp_path, **{"Publication Date": ""}))
    assert_points_at(error, "hsca.csv", 2, "Publication Date")


# -- the caller's expectations ----------------------------------------------------------------


def test_a_cqc_file_refused_as_ofsted(tmp_path):
    error = refused(write_csv(tmp_path / "hsca.csv", hsca_rows()), regulator="ofsted")
    assert_points_at(error, "hsca.csv", 1, None)
    # The web page's words name no command; the command line's do.
    assert "a CQC file, not an Ofsted file" in error.detail
    assert "Choose CQC as the regulator" in error.detail
    assert "import-cqc" not in error.detail and "a Ofsted" not in error.detail
    assert "Import it with: careqa import-cqc" in error.for_command_line()
    assert error.for_command_line().startswith("hsca.csv, row 1: ")


def test_messages_use_the_name_given_for_an_upload(tmp_path):
    path = hsca_with(tmp_path, "tmpa81f.upload", Care_homes_beds="many")
    error = refused(path, file_name="HSCA_Active_Locations.csv")
    assert_points_at(error, "HSCA_Active_Locations.csv", 2, "Care homes beds")


def test_rows_without_an_id_are_left_out_not_fatal(tmp_path):
    parsed = parse_file(hsca_with(tmp_path, Location_ID=""))
    assert parsed.rejected == 2
    assert "Row 2: no Location ID; the row was left out." in parsed.warnings
    assert parsed.snapshot_date is None or isinstance(parsed.snapshot_date, datetime.date)
