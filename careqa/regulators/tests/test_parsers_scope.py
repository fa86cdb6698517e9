"""Adult social care is in scope whoever runs it: NHS trusts' and hospital groups' care homes."""

import datetime

from careqa.regulators.layouts import HSCA_HEADER
from careqa.regulators.parsers import parse_file
from careqa.regulators.parsers.cqc_vocab import in_scope
from careqa.regulators.tests.test_parsers_support import (
    _ratings_row,
    hsca_rows,
    ratings_rows,
    write_csv,
)

PUBLISHED = datetime.date(2020, 6, 1)


def test_the_rule():
    assert in_scope("NHS Healthcare Organisation", care_home="Y")
    assert in_scope("Independent Healthcare Org", category="Residential social care")
    assert in_scope(
        "NHS Healthcare Organisation", category="Community based adult social care services"
    )
    assert in_scope("Independent Healthcare Org", directorate="Adult social care")
    assert in_scope("Social Care Org")
    assert not in_scope("Primary Medical Services", "", "GP Practices", "N")
    assert not in_scope("Independent Healthcare Org", "Hospitals", "Hospice services", "N")


def test_a_ratings_file_keeps_care_homes_and_home_care_of_nhs_and_independent_providers(
    tmp_path,
):
    rows = ratings_rows()
    nhs_home = (
        "1-301",
        "Trust Care Home",
        "Y",
        "NHS Healthcare Organisation",
        "Residential social care",
    )
    hospital_home = (
        "1-302",
        "Clinic Lodge",
        "Y",
        "Independent Healthcare Org",
        "Mental health - community & hospital - independent",
    )
    nhs_home_care = (
        "1-303",
        "Trust Home Care",
        "N",
        "NHS Healthcare Organisation",
        "Community based adult social care services",
    )
    hospital = (
        "1-304",
        "General Hospital",
        "N",
        "NHS Healthcare Organisation",
        "Acute hospital - NHS non-specialist",
    )
    for location in (nhs_home, hospital_home, nhs_home_care, hospital):
        rows.append(_ratings_row(*location, "Overall", "Overall", "Good", PUBLISHED))
    parsed = parse_file(write_csv(tmp_path / "ratings.csv", rows), regulator="cqc")
    kept = {s.location_id: s for s in parsed.services}
    assert {"1-301", "1-302", "1-303"} <= set(kept) and "1-304" not in kept
    assert kept["1-301"].care_home is True and kept["1-302"].care_home is True
    assert kept["1-303"].care_home is False


def test_an_hsca_file_keeps_a_care_home_whatever_its_directorate(tmp_path):
    rows = hsca_rows()
    row = rows[1]
    row[HSCA_HEADER.index("Location Type/Sector")] = "Independent Healthcare Org"
    row[HSCA_HEADER.index("Location Inspection Directorate")] = "Hospitals"
    row[HSCA_HEADER.index("Location Primary Inspection Category")] = (
        "Mental health - community & hospital - independent"
    )
    assert row[HSCA_HEADER.index("Care home?")] == "Y"
    parsed = parse_file(write_csv(tmp_path / "hsca.csv", rows), regulator="cqc")
    assert row[HSCA_HEADER.index("Location ID")] in {s.location_id for s in parsed.services}
