"""CQC's Latest ratings (Locations sheet): the national 2021 file, and CSV/XLSX/ODS fixtures."""

import csv
import datetime
import time
from collections import Counter

import pytest

from careqa.regulators.layouts import RATINGS_LOCATIONS_HEADER
from careqa.regulators.parsers import default_service_types, parse_file
from careqa.regulators.records import UNSET
from careqa.regulators.tests.test_parsers_support import (
    ratings_rows,
    ratings_sheets,
    write_csv,
    write_ods,
    write_xlsx,
)

NATIONAL = "cqc_latest_ratings_locations_2021-02.csv"
WORDS = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement": "requires_improvement",
    "inadequate": "inadequate",
    "insufficient evidence to rate": "not_rated",
}


_parsed = {}


@pytest.fixture
def national(shared_data):
    """The national file parsed once per test process (shared_data is function-scoped)."""
    path = shared_data / "cqc" / NATIONAL
    if path not in _parsed:
        started = time.process_time()
        parsed = parse_file(path, regulator="cqc")
        _parsed[path] = (path, parsed, time.process_time() - started)
    return _parsed[path]


def test_national_file_against_an_independent_count(national):
    path, parsed, _ = national
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    # Adult social care whoever runs it: NHS trusts' and independent providers' care homes.
    social = [
        row
        for row in rows
        if row["Care Home?"] == "Y"
        or row["Location Type"] == "Social Care Org"
        or row["Location Primary Inspection Category"]
        in ("Residential social care", "Community based adult social care services")
    ]
    overall = [
        row
        for row in social
        if row["Service / Population Group"] == "Overall" and row["Domain"] == "Overall"
    ]
    expected = Counter(
        (row["Location Local Authority"], WORDS[row["Latest Rating"].lower()]) for row in overall
    )
    found = Counter((s.council_name, s.rating.overall) for s in parsed.services)
    assert found == expected

    assert parsed.rows == len(rows) == 74184
    assert parsed.skipped == len(rows) - len(social)
    assert len(parsed.services) == len({row["Location ID"] for row in social}) == 23137
    assert parsed.layout == "cqc_ratings" and parsed.full_register is False
    homes = {row["Location ID"] for row in social if row["Care Home?"] == "Y"}
    assert {s.location_id for s in parsed.services if s.care_home} == homes
    wirral_homes = [s for s in parsed.services if s.care_home and s.council_name == "Wirral"]
    assert len(wirral_homes) == len(
        {
            row["Location ID"]
            for row in social
            if row["Care Home?"] == "Y" and row["Location Local Authority"] == "Wirral"
        }
    )
    # No date in the file: its newest publication date stands in, with a warning.
    assert parsed.snapshot_date == datetime.date(2021, 1, 30)
    assert any("newest publication date" in warning for warning in parsed.warnings)


def test_national_file_details(national):
    _, parsed, _ = national
    first = parsed.services[0]
    assert first.location_id == "1-10000792582" and first.row == 2
    assert first.rating.overall == "requires_improvement"
    assert first.rating.overall_as_published == "Requires improvement"
    assert first.rating.published == first.rating.rated_on == datetime.date(2019, 11, 20)
    assert first.rating.inherited is True and first.rating.report_type == "Location"
    assert first.service_types is UNSET and first.sector is UNSET and first.beds is UNSET
    provider = parsed.providers["1-877912132"]
    assert provider.name == "Innowood Limited"
    assert (provider.brand_id, provider.brand_name) == ("BD398", "BRAND Innomary")
    assert parsed.providers["1-9098203603"].brand_id == ""  # '-' means no brand


def test_national_file_parses_in_seconds(national):
    _, _, seconds = national
    assert seconds < 10


def _parse_all(tmp_path, rows=None):
    sheets = ratings_sheets(rows)
    return [
        parse_file(write_csv(tmp_path / "ratings.csv", rows or ratings_rows())),
        parse_file(write_xlsx(tmp_path / "ratings.xlsx", sheets)),
        parse_file(write_ods(tmp_path / "ratings.ods", sheets)),
    ]


def test_csv_xlsx_and_ods_parse_identically(tmp_path):
    from_csv, from_xlsx, from_ods = _parse_all(tmp_path)
    assert from_csv.services == from_xlsx.services == from_ods.services
    assert from_csv.providers == from_xlsx.providers == from_ods.providers
    for parsed in (from_csv, from_xlsx, from_ods):
        assert (parsed.rows, parsed.skipped, parsed.rejected) == (11, 2, 0)
    # The workbooks' README gives the date; the CSV has none but its ratings.
    assert from_xlsx.snapshot_date == from_ods.snapshot_date == datetime.date(2024, 3, 1)
    assert from_csv.snapshot_date == datetime.date(2024, 1, 15)  # newest Overall rating


def test_location_rating_and_key_questions(tmp_path):
    parsed = _parse_all(tmp_path)[0]
    by_id = {s.location_id: s for s in parsed.services}
    assert set(by_id) == {"1-201", "1-202", "1-204"}  # the GP is out of scope
    home = by_id["1-201"].rating
    assert home.overall == "requires_improvement"
    assert home.overall_as_published == "Requires Improvement"
    assert (home.safe, home.effective, home.caring, home.responsive, home.well_led) == (
        "inadequate",
        "good",
        "good",
        "good",
        "requires_improvement",
    )
    assert home.inherited is False and home.rated_on == datetime.date(2024, 1, 15)
    assert by_id["1-201"].care_home is True
    agency = by_id["1-202"]
    assert agency.rating.overall == "outstanding" and agency.rating.inherited is True
    assert agency.rating.safe is None  # no key question rows
    assert agency.council_name == "Wolverhampton" and agency.region_name == "West Midlands"
    # Rows, but none for Overall/Overall: no single rating.
    assert by_id["1-204"].rating is None
    assert parsed.providers["1-P1"].brand_name == "BRAND Oak Group"
    assert "1-P9" not in parsed.providers


def test_older_spellings_of_the_header(tmp_path):
    rows = ratings_rows()
    renames = {"Domain": "Key Question", "Location Post Code": "Location Postal Code"}
    rows[0] = [renames.get(name, name) for name in rows[0]]
    rows[0] = ["Care home?" if name == "Care Home?" else name for name in rows[0]]
    parsed = parse_file(write_csv(tmp_path / "old.csv", rows))
    assert parsed.services == _parse_all(tmp_path)[0].services


def test_the_2021_layout_without_ods_code_or_nhs_region(tmp_path):
    keep = [
        i
        for i, name in enumerate(RATINGS_LOCATIONS_HEADER)
        if name not in ("Location ODS Code", "Location NHS Region")
    ]
    rows = [[row[i] for i in keep] for row in ratings_rows()]
    parsed = parse_file(write_csv(tmp_path / "2021.csv", rows))
    assert parsed.services == _parse_all(tmp_path)[0].services


def test_default_service_types_for_a_service_first_met_here(tmp_path):
    by_id = {s.location_id: s for s in _parse_all(tmp_path)[0].services}
    assert default_service_types(by_id["1-202"]) == ("domiciliary",)
    # A care home: residential or nursing is not known from this file.
    assert default_service_types(by_id["1-201"]) is None
