"""CQC's weekly care directory CSV, and the third-party extracts that are not in its layout."""

import datetime
import zipfile

import pytest

from careqa.regulators.layouts import DIRECTORY_HEADER
from careqa.regulators.parsers import parse_file
from careqa.regulators.records import UNSET, ImportFileError
from careqa.regulators.tests.test_parsers_support import (
    DIRECTORY_PREAMBLE,
    REGIONS,
    directory_row,
    write_csv,
)


def test_the_published_sample(shared_data):
    parsed = parse_file(shared_data / "cqc" / "samples" / "CQC_directory_sample.csv")
    assert parsed.layout == "cqc_directory"
    assert parsed.snapshot_date == datetime.date(2026, 9, 16)  # 'This data was produced on …'
    assert (parsed.rows, parsed.skipped, parsed.rejected) == (2, 1, 0)  # the dentist is skipped
    [agency] = parsed.services
    assert agency.location_id == "1-10553191017" and agency.row == 7
    assert agency.name == "Helping Hands Mansfield"
    assert agency.street_address == "Room 107, Level 1, East Wing"
    assert agency.address_line_2 == "Mansfield Business Centre, Ashfield Avenue"
    assert agency.city == "Mansfield" and agency.postcode == "NG18 2AE"
    assert agency.phone == "07436315363"
    assert agency.service_types == ("domiciliary",) and agency.care_home is False
    assert agency.regulator_service_types == "Homecare agencies"
    assert agency.specialisms == (
        "Caring for adults under 65 yrs|Dementia|Caring for adults over 65 yrs|"
        "Physical disabilities"
    )
    assert agency.last_checked == datetime.date(2022, 5, 19)
    assert (agency.council_name, agency.region_name) == ("Nottinghamshire", "East Midlands")
    assert agency.provider_id == "1-101671690"
    assert parsed.providers["1-101671690"].name == "Midshires Care Limited"
    # The directory carries no ratings, beds or registration dates: they are left alone.
    assert agency.rating is UNSET and agency.beds is UNSET and agency.registration_start is UNSET


KINDS = [
    ("Nursing homes", ("nursing",)),
    ("Residential homes|Nursing homes", ("nursing", "residential")),
    ("Care home|Nursing home", ("nursing", "residential")),
    ("Homecare agencies|Supported living", ("domiciliary", "supported_living")),
    ("Supported housing", ("extra_care",)),
    ("Shared lives", ("other",)),
    ("Rehabilitation (substance abuse)", ("other",)),
    ("Hospice|Homecare agencies", ("domiciliary",)),
]


def national_directory(tmp_path, *, header=DIRECTORY_HEADER, extra_rows=()):
    rows = [list(header)]
    for number in range(45):
        types, _ = KINDS[number % len(KINDS)]
        rows.append(
            directory_row(
                {
                    "Name": f"Service {number}",
                    "Address": "1 High Street,Town",
                    "Postcode": "AB1 2CD",
                    "Phone number": "1617486414",
                    "Service types": types,
                    "Date of latest check": "09/Jan/2018 - 00:00",
                    "Provider name": "Acme Care Ltd",
                    "Local authority": "Trafford",
                    "Region": "Yorkshire & Humberside" if number % 9 == 8 else REGIONS[number % 9],
                    "CQC Location ID (for office use only)": f"1-{1000 + number}",
                    "CQC Provider ID (for office use only)": "1-P1",
                }
            )
        )
    rows.append(
        directory_row(
            {
                "Name": "Dental Care",
                "Service types": "Dentist",
                "CQC Location ID (for office use only)": "1-9",
            }
        )
    )
    rows.extend(extra_rows)
    return write_csv(
        tmp_path / "16_september_2026_CQC_directory.csv", rows, preamble=DIRECTORY_PREAMBLE
    )


def test_service_types_scope_and_the_full_register(tmp_path):
    parsed = parse_file(national_directory(tmp_path), regulator="cqc")
    assert parsed.full_register is True
    assert parsed.skipped == 1 and len(parsed.services) == 45
    for record in parsed.services[: len(KINDS)]:
        raw = record.regulator_service_types
        assert record.service_types == dict(KINDS)[raw]
        assert record.care_home is bool({"nursing", "residential"} & set(record.service_types))
    assert parsed.services[0].phone == "01617486414"
    assert parsed.services[0].city == "Town"


def test_2017_header_spellings(tmp_path):
    header = [
        {
            "Local authority": "Local Authority",
            "CQC Location ID (for office use only)": "CQC Location (for office use only",
        }.get(n, n)
        for n in DIRECTORY_HEADER
    ]
    rows_without_id = [directory_row({"Name": "No id", "Service types": "Nursing homes"})]
    parsed = parse_file(national_directory(tmp_path, header=header, extra_rows=rows_without_id))
    assert len(parsed.services) == 45 and parsed.services[0].council_name == "Trafford"
    assert parsed.rejected == 1
    assert any("no CQC Location (for office use only" in w for w in parsed.warnings)


def test_a_zipped_directory(tmp_path):
    csv_path = national_directory(tmp_path)
    zipped = tmp_path / "16_September_2026_CQC_directory.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(csv_path, csv_path.name)
    assert parse_file(zipped).services == parse_file(csv_path).services


@pytest.mark.parametrize(
    "name",
    [
        "trafford_care_homes_cqc_directory_2026-02-25.csv",
        "gm_care_homes_cqc_directory_2019-07-17.csv",
    ],
)
def test_reshaped_extracts_are_refused_clearly(shared_data, name):
    with pytest.raises(ImportFileError) as caught:
        parse_file(shared_data / "cqc" / name, regulator="cqc")
    message = str(caught.value)
    assert message.startswith(f"{name}, row 1, column 'CQC Location ID (for office use only)': ")
    assert "looks like CQC's care directory CSV" in message
    assert "'name', " in message and "'postcode'" in message


def test_the_community_rating_history_is_not_a_register_file(shared_data):
    name = "cqc_rating_history_community_services_2014_2025.csv"
    with pytest.raises(ImportFileError, match=f"^{name}, row 1: this is not a file CareQA can"):
        parse_file(shared_data / "cqc" / name)
