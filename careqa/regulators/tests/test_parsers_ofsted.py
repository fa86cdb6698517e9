"""Ofsted's provider-level files, all twelve of 2015-2025, against an independent reading."""

import csv
import datetime
import io
from collections import Counter

import pytest

from careqa.regulators.parsers import parse_file
from careqa.regulators.records import UNSET, ImportFileError

# Data rows of each file (../shared/data/MANIFEST.md).
ROWS = {
    "2015": 2605,
    "2016": 2647,
    "2017": 2688,
    "2018": 2797,
    "2018_part2": 2941,
    "2019": 2864,
    "2020": 2971,
    "2021": 3402,
    "2022": 3576,
    "2023": 3546,
    "2024": 3876,
    "2025": 5600,
}

# The test's own reading of Ofsted's words, kept apart from the parser's.
WORDS = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement": "requires_improvement",
    "requires improvement to be good": "requires_improvement",
    "adequate": "requires_improvement",
    "satisfactory": "requires_improvement",
    "inadequate": "inadequate",
    "not judged": "not_rated",
}


def ofsted_file(shared_data, edition):
    return shared_data / "ofsted" / f"ofsted_csc_providers_at_31_march_{edition}.csv"


def independent(path):
    """Children's homes by council and overall judgement, read with the csv module alone."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    start = next(i for i, row in enumerate(rows) if "URN" in [c.strip() for c in row])
    header = [" ".join(cell.split()).lower() for cell in rows[start]]
    body = [row for row in rows[start + 1 :] if any(cell.strip() for cell in row)]
    provision = header.index("provision type")
    council = header.index("local authority")
    overall = next(
        (
            i
            for i, name in enumerate(header)
            if name == "overall effectiveness"
            or (
                name.endswith("overall experiences and progress of children and young people")
                and not name.startswith("previous")
            )
        ),
        None,
    )
    homes = Counter()
    for row in body:
        if row[provision].strip().lower() != "children's home":
            continue
        word = row[overall].strip().lower() if overall is not None else ""
        homes[(row[council].strip(), WORDS[word] if word else None)] += 1
    previous = [i for i, name in enumerate(header) if name.startswith("previous overall")]
    earlier = sum(1 for row in body if previous and row[previous[0]].strip())
    return len(body), homes, earlier


@pytest.mark.parametrize("edition", sorted(ROWS))
def test_every_ofsted_edition(shared_data, edition):
    path = ofsted_file(shared_data, edition)
    parsed = parse_file(path, regulator="ofsted")

    rows, homes, earlier = independent(path)
    assert parsed.rows == rows == ROWS[edition]
    assert len(parsed.services) == rows
    assert parsed.layout == "ofsted_providers" and parsed.regulator == "ofsted"
    assert parsed.rejected == 0 and parsed.skipped == 0
    assert parsed.full_register is True
    assert parsed.snapshot_date == datetime.date(int(edition[:4]), 3, 31)

    found = Counter(
        (s.council_name, s.rating.overall if s.rating else None)
        for s in parsed.services
        if s.service_types == ("childrens_home",)
    )
    assert found == homes
    assert sum(len(s.earlier_ratings) for s in parsed.services) == earlier

    for record in parsed.services:
        assert "REDACTED" not in {record.name, record.street_address, record.postcode}
        assert len(record.location_id) <= 64
    for provider_id in parsed.providers:
        assert provider_id.startswith("ofsted-org:") and len(provider_id) <= 64


def test_judgement_columns_of_each_framework(shared_data):
    old = parse_file(ofsted_file(shared_data, "2015"))
    home = next(s for s in old.services if s.location_id == "SC466378")
    # 2015: 'Adequate' overall, 'The safety of…', 'Leadership and management', no publication.
    assert home.rating.overall == "requires_improvement"
    assert home.rating.overall_as_published == "Adequate"
    assert home.rating.help_protection == "requires_improvement"
    assert home.rating.leadership == "requires_improvement"
    assert home.rating.experiences_progress is None
    assert home.rating.published is None
    assert home.rating.rated_on == home.rating.inspected == datetime.date(2015, 3, 26)
    assert home.name is UNSET and home.provider_id is UNSET  # REDACTED; no organisation column
    assert home.region_name == "London"

    new = parse_file(ofsted_file(shared_data, "2022"))
    centre = next(s for s in new.services if s.location_id == "1027077")
    assert centre.name == "Oakhill Secure Training Centre"
    assert centre.rating.overall == centre.rating.experiences_progress == "inadequate"
    assert centre.rating.inspected == datetime.date(2021, 10, 4)
    assert centre.rating.published == centre.rating.rated_on == datetime.date(2021, 11, 19)
    assert centre.rating.report_type == "Full inspection"
    assert centre.registration_start == datetime.date(2014, 11, 11)
    assert centre.service_types == ("other",)
    assert centre.regulator_service_types == "Secure Training Centre"
    assert centre.provider_id == ""  # the organisation column is blank
    assert centre.active is True


def test_previous_inspection_of_2024_is_an_earlier_rating(shared_data):
    parsed = parse_file(ofsted_file(shared_data, "2024"))
    agency = next(s for s in parsed.services if s.location_id == "SC469688")
    assert agency.service_types == ("fostering",)
    assert agency.rating.published == datetime.date(2022, 9, 23)
    [before] = agency.earlier_ratings
    assert before.overall == "outstanding" and before.leadership == "good"
    assert before.inspected == datetime.date(2017, 7, 10)
    assert before.published == before.rated_on == datetime.date(2017, 8, 11)
    assert agency.provider_id == "ofsted-org:affinity fostering services limited"
    assert parsed.providers[agency.provider_id].name == "Affinity Fostering Services Limited"


def test_2018_part2_has_no_judgements_and_leaves_ratings_alone(shared_data):
    parsed = parse_file(ofsted_file(shared_data, "2018_part2"))
    assert all(s.rating is UNSET and s.earlier_ratings == [] for s in parsed.services)
    assert any("no inspection judgements" in w for w in parsed.warnings)
    assert parsed.providers  # 'Organisation name'


def test_sectors_places_and_status(shared_data):
    parsed = parse_file(ofsted_file(shared_data, "2025"))
    sectors = Counter(s.sector for s in parsed.services)
    assert sectors["private"] == 4587 and sectors["local_authority"] == 560
    assert sectors["voluntary"] == 396 and sectors["nhs"] == 7 and sectors["unknown"] == 50
    # 'Suspended' (14) is still registered: every setting listed is on the register.
    assert all(s.active is True for s in parsed.services)
    assert "14 settings' registration is suspended: they stay on the register." in parsed.warnings
    assert all(s.places is None or s.places >= 0 for s in parsed.services)
    assert Counter(s.region_name for s in parsed.services)["Wales"] == 4


def test_combined_ofsted_region_is_not_stored_as_a_region(shared_data):
    parsed = parse_file(ofsted_file(shared_data, "2015"))
    combined = [s for s in parsed.services if s.region_name is UNSET]
    assert len(combined) == 357
    assert any("North East, Yorkshire and the Humber" in w for w in parsed.warnings)


def test_snapshot_comes_from_the_title_not_the_upload_name(shared_data, tmp_path):
    upload = tmp_path / "upload-8f3a.csv"
    upload.write_bytes(ofsted_file(shared_data, "2023").read_bytes())
    assert parse_file(upload).snapshot_date == datetime.date(2023, 3, 31)
    # No title line (2019): the name given for the upload, else the caller's date.
    upload.write_bytes(ofsted_file(shared_data, "2019").read_bytes())
    named = parse_file(upload, file_name="ofsted_csc_providers_at_31_march_2019.csv")
    assert named.snapshot_date == datetime.date(2019, 3, 31)
    given = parse_file(upload, snapshot_date=datetime.date(2019, 4, 1))
    assert given.snapshot_date == datetime.date(2019, 4, 1)


def test_an_ofsted_file_is_refused_as_cqc(shared_data):
    with pytest.raises(ImportFileError) as caught:
        parse_file(ofsted_file(shared_data, "2021"), regulator="cqc")
    message = str(caught.value)
    assert "ofsted_csc_providers_at_31_march_2021.csv, row 2" in message
    assert (
        "Ofsted's children's social care providers file: an Ofsted file, not a CQC file" in message
    )
    assert "Choose Ofsted as the regulator" in message
