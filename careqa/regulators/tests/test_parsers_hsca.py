"""CQC's 'care directory with filters' (HSCA active locations) as CSV, XLSX and ODS."""

import datetime
import time

import pytest

from careqa.regulators.layouts import HSCA_HEADER
from careqa.regulators.parsers import parse_file
from careqa.regulators.records import UNSET
from careqa.regulators.tests.test_parsers_support import (
    HSCA_FIXTURE,
    HSCA_README,
    hsca_rows,
    hsca_sheets,
    national_hsca_csv,
    write_csv,
    write_ods,
    write_xlsx,
)


@pytest.fixture
def parsed_three_ways(tmp_path):
    return [
        parse_file(write_csv(tmp_path / "hsca.csv", hsca_rows())),
        parse_file(write_xlsx(tmp_path / "hsca.xlsx", hsca_sheets())),
        parse_file(write_ods(tmp_path / "hsca.ods", hsca_sheets())),
    ]


def test_csv_xlsx_and_ods_parse_identically(parsed_three_ways):
    from_csv, from_xlsx, from_ods = parsed_three_ways
    assert from_csv.services == from_xlsx.services == from_ods.services
    assert from_csv.providers == from_xlsx.providers == from_ods.providers
    for parsed in parsed_three_ways:
        assert parsed.layout == "cqc_hsca" and parsed.regulator == "cqc"
        assert (parsed.rows, parsed.skipped, parsed.rejected) == (6, 1, 1)
        assert [s.location_id for s in parsed.services] == ["1-101", "1-102", "1-103", "1-104"]
        assert any(w.startswith("Row 7: no Location ID") for w in parsed.warnings)
    # The README sheet of the workbooks says 'as at 01 September 2026'.
    assert from_xlsx.snapshot_date == from_ods.snapshot_date == datetime.date(2026, 9, 1)


def test_every_field_of_a_care_home(parsed_three_ways):
    home = parsed_three_ways[2].services[0]
    assert home.row == 2
    assert home.name == "Lucerne House"
    assert (home.street_address, home.address_line_2, home.city, home.county, home.postcode) == (
        "1 Hoylake Road",
        "Moreton",
        "Wirral",
        "Merseyside",
        "CH46 1AA",
    )
    assert (home.council_name, home.region_name) == ("Wirral", "North West")
    assert home.service_types == ("nursing", "residential")
    assert home.regulator_service_types == (
        "Care home service with nursing|Care home service without nursing"
    )
    assert home.care_home is True and home.beds == 42 and home.dormant is False
    assert home.active is True
    assert home.user_bands == "Dementia|Older People"
    assert home.registration_start == datetime.date(2011, 1, 4)
    assert home.phone == "01516061234"
    assert home.website == "www.lucerne.example"
    assert home.registered_manager == "A Manager"
    assert home.inspection_directorate == "Adult social care"
    assert home.inspection_category == "Residential social care"
    assert (home.latitude, home.longitude) == (53.401234, -3.112345)
    assert home.sector == "private"
    assert home.specialisms is UNSET and home.last_checked is UNSET and home.places is UNSET
    rating = home.rating
    assert rating.overall == "requires_improvement"
    assert rating.overall_as_published == "Requires Improvement"
    assert rating.published == rating.rated_on == datetime.date(2022, 4, 20)
    assert rating.inherited is False


def test_provider_fields(parsed_three_ways):
    providers = parsed_three_ways[2].providers
    assert set(providers) == {"1-P1", "1-P2", "1-P3", "RX1"}  # not the GP's
    acme = providers["1-P1"]
    assert acme.name == "Acme Care  Homes Limited"
    assert acme.companies_house_number == "10013042022"  # stored as 1.0013042022E10
    assert acme.charity_number == ""
    assert (acme.brand_id, acme.brand_name) == ("BD198", "BRAND Barchester Healthcare")
    assert acme.registration_start == datetime.date(2010, 10, 1)
    assert acme.phone == "01516060000" and acme.nominated_individual == "N Individual"
    assert (acme.street_address, acme.city, acme.postcode) == (
        "2 Head Office Way",
        "Liverpool",
        "L1 1AA",
    )
    assert acme.ownership_type == "Organisation" and acme.sector == "private"
    assert providers["1-P2"].charity_number == "1012345"
    assert providers["1-P2"].sector == "voluntary"
    assert providers["1-P3"].sector == "local_authority"
    assert providers["1-P3"].nominated_individual == "A Partner"  # 'Provider Main Partner Name'
    assert providers["RX1"].sector == "nhs"


def test_other_services(parsed_three_ways):
    agency, extra_care, nursing_unit = parsed_three_ways[0].services[1:]
    assert agency.name == "Helping Hands\nWirral"
    assert agency.service_types == ("domiciliary", "other", "supported_living")
    assert agency.beds == 0  # 0 stays 0
    assert agency.rating.overall == "not_rated" and agency.rating.inherited is True
    assert agency.sector == "voluntary" and agency.user_bands == "Younger Adults"
    assert extra_care.service_types == ("domiciliary", "extra_care")
    assert extra_care.beds is None  # blank stays blank
    assert extra_care.rating is None  # not yet rated
    assert extra_care.sector == "local_authority"
    assert (extra_care.latitude, extra_care.longitude) == (None, None)
    assert nursing_unit.rating.inherited is None  # blank 'Inherited Rating (Y/N)'
    assert nursing_unit.sector == "nhs"


def test_older_headers_and_sheet_names(tmp_path):
    rows = hsca_rows()
    old = {
        "Care home?": "Care Home?",
        "Location Postal Code": "Location Post Code",
        "Registered manager": "Registered manager (note; where there is more than one manager "
        "at a location, only one is included here for ease of presentation. The full list is "
        "available if required).",
    }
    rows[0] = [old.get(name, name) for name in rows[0]]
    expected = parse_file(write_csv(tmp_path / "current.csv", hsca_rows())).services
    # 2020-21 workbooks: 'HSCA Active Locations', with spaces, after a notes sheet.
    spaced = write_xlsx(
        tmp_path / "old.xlsx", [("Notes", [["About"]]), ("HSCA Active Locations", rows)]
    )
    assert parse_file(spaced).services == expected
    # 2017: 'Sheet1', the first sheet whose first row has 'Location ID'.
    plain = write_ods(tmp_path / "old.ods", [("README", HSCA_README), ("Sheet1", rows)])
    assert parse_file(plain).services == expected


def test_the_readme_is_never_the_data(tmp_path):
    # A README that lists the column names must not be taken for the header.
    readme = HSCA_README + [["Location ID", "Location Name", "Care home?"]]
    path = write_ods(tmp_path / "hsca.ods", [("README", readme)] + hsca_sheets()[1:])
    parsed = parse_file(path)
    assert len(parsed.services) == 4


def test_extracts_are_not_the_full_register(tmp_path):
    parsed = parse_file(write_csv(tmp_path / "wirral.csv", hsca_rows()))
    assert parsed.full_register is False
    assert any("read as an extract" in warning for warning in parsed.warnings)


@pytest.mark.slow
def test_national_file_is_the_full_register_and_parses_in_seconds(tmp_path):
    path = national_hsca_csv(tmp_path / "01_November_2026_HSCA_Active_Locations.csv", 50000)
    reports = []
    started = time.process_time()
    parsed = parse_file(
        path, regulator="cqc", progress=lambda done, total: reports.append((done, total))
    )
    seconds = time.process_time() - started
    assert parsed.rows == 50000
    assert len(parsed.services) + parsed.skipped == 50000
    assert parsed.full_register is True
    assert parsed.snapshot_date == datetime.date(2026, 11, 1)  # from the file name
    assert reports[0] == (2000, 50000) and reports[-1] == (50000, 50000)
    assert len(reports) == 26
    assert seconds < 10, f"50,000 rows took {seconds:.1f} s of CPU"


def test_snapshot_date_given_by_the_caller(tmp_path):
    path = write_csv(tmp_path / "upload.csv", hsca_rows())
    given = datetime.date(2026, 8, 1)
    assert parse_file(path, snapshot_date=given).snapshot_date == given
    # The file's own date wins over the caller's, with a warning.
    ods = write_ods(tmp_path / "upload.ods", hsca_sheets())
    parsed = parse_file(ods, snapshot_date=given)
    assert parsed.snapshot_date == datetime.date(2026, 9, 1)
    assert any("01 September 2026" in warning for warning in parsed.warnings)


def test_missing_optional_columns_leave_fields_unset(tmp_path):
    keep = [
        i
        for i, name in enumerate(HSCA_HEADER)
        if name not in ("Care homes beds", "Location Latitude")
    ]
    rows = [[row[i] for i in keep] for row in hsca_rows()]
    parsed = parse_file(write_csv(tmp_path / "narrow.csv", rows))
    assert parsed.services[0].beds is UNSET and parsed.services[0].latitude is UNSET
    assert any("'Care homes beds'" in w and "'Location Latitude'" in w for w in parsed.warnings)


def test_unknown_extra_columns_are_ignored(tmp_path):
    rows = hsca_rows()
    rows = [row + [value] for row, value in zip(rows, ["Our notes"] + ["x"] * 6, strict=True)]
    parsed = parse_file(write_csv(tmp_path / "extra.csv", rows))
    assert len(parsed.services) == len(HSCA_FIXTURE) - 2


def test_excel_unicode_text_export(tmp_path):
    """Excel's 'Unicode text' save: UTF-16 with a BOM, tab-separated."""
    expected = parse_file(write_csv(tmp_path / "hsca.csv", hsca_rows()))
    lines = ["\t".join(str(v).replace("\n", " ") for v in row) for row in hsca_rows()]
    path = tmp_path / "hsca.txt"
    path.write_bytes("\r\n".join(lines).encode("utf-16"))
    parsed = parse_file(path)
    assert [s.location_id for s in parsed.services] == [s.location_id for s in expected.services]
    assert parsed.services[0].rating == expected.services[0].rating
