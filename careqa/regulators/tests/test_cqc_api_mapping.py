"""CQC API answers into records, and the client's rules: pure, no database, no network."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careqa.providers.vocab import Rating
from careqa.regulators.cqc_api import mapping
from careqa.regulators.cqc_api.client import backoff_seconds, retry_after_seconds
from careqa.regulators.cqc_api.replay import generated_location, gp_location
from careqa.regulators.records import UNSET

dates = st.dates(min_value=datetime.date(2010, 1, 1), max_value=datetime.date(2030, 12, 31))


@given(inspected=dates, published=st.none() | dates)
def test_an_inspection_after_the_last_report_awaits_one(inspected, published):
    data = {"locationId": "1-1", "lastInspection": {"date": inspected.isoformat()}}
    if published is not None:
        data["lastReport"] = {"publicationDate": published.isoformat()}
    result = mapping.unpublished_inspection(data)
    if published is None or inspected > published:
        assert result == (inspected, published)
    else:
        assert result is None


@given(visit=dates, report=dates)
def test_a_report_listed_without_a_date_awaits_publication(visit, report):
    data = {
        "locationId": "1-1",
        "lastReport": {"publicationDate": report.isoformat()},
        "reports": [
            {"linkId": "a", "reportDate": report.isoformat()},
            {"linkId": "b", "firstVisitDate": visit.isoformat()},
        ],
    }
    result = mapping.unpublished_inspection(data)
    assert result == ((visit, report) if visit > report else None)


def test_no_inspection_means_nothing_awaited():
    assert mapping.unpublished_inspection({"locationId": "1-1"}) is None


def test_a_location_maps_onto_the_file_imports_fields():
    found = mapping.location(generated_location(2))
    record = found.record
    assert record.name == "Generated Care 2"
    assert record.service_types == ("domiciliary",) and record.care_home is False
    assert record.beds is None
    assert record.registered_manager == "Ms Manager Number2"
    assert record.specialisms == "Caring for adults over 65 yrs|Dementia"
    assert record.registration_start == datetime.date(2015, 4, 1)
    assert record.rating.overall == Rating.REQUIRES_IMPROVEMENT
    assert record.rating.well_led == Rating.REQUIRES_IMPROVEMENT
    assert record.rating.inspected == datetime.date(2025, 5, 3)
    assert record.active is True and record.dormant is False


def test_a_deregistered_location_is_inactive():
    data = generated_location(1, registrationStatus="Deregistered")
    data["deregistrationDate"] = "2026-10-31"
    record = mapping.location(data).record
    assert record.active is False
    assert record.registration_end == datetime.date(2026, 10, 31)


def test_a_gp_surgery_is_outside_the_register():
    found = mapping.location(gp_location(1))
    assert found.record is None and found.location_id == "1-7000000001"


def test_an_unknown_rating_word_is_left_as_it_was_with_a_warning():
    data = generated_location(1)
    data["currentRatings"]["overall"]["rating"] = "Splendid"
    found = mapping.location(data)
    assert found.record.rating is UNSET
    assert any("'Splendid' is not a rating" in w for w in found.warnings)


def test_a_location_never_rated_has_no_rating():
    data = generated_location(1)
    for key in ("currentRatings", "reports"):
        data.pop(key)
    assert mapping.location(data).record.rating is None


def test_a_bad_date_is_a_warning_not_a_stop():
    data = generated_location(1, registrationDate="31/31/2020")
    found = mapping.location(data)
    assert found.record.registration_start is UNSET
    assert any("registrationDate" in w for w in found.warnings)


def test_provider_fields_absent_stay_unset():
    record = mapping.provider({"providerId": "1-5", "name": "Borough Council"})
    assert record.name == "Borough Council"
    assert record.website is UNSET and record.sector is UNSET
    record = mapping.provider({"providerId": "1-5", "name": "X Council", "type": "Social Care Org"})
    assert record.sector == "local_authority"


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("7", 7.0), ("0", 0.0), ("", None), ("soon", None), (None, None)],
)
def test_retry_after_in_seconds(header, seconds):
    assert retry_after_seconds(header) == seconds


def test_retry_after_as_a_date():
    now = datetime.datetime(2026, 12, 2, 12, 0, tzinfo=datetime.UTC).timestamp()
    assert retry_after_seconds("Wed, 02 Dec 2026 12:00:30 GMT", now=now) == 30.0


@given(attempt=st.integers(min_value=1, max_value=40), base=st.floats(0.01, 10))
def test_backoff_doubles_and_is_capped(attempt, base):
    wait = backoff_seconds(attempt, base)
    assert wait <= 300
    if attempt > 1 and wait < 300:
        assert wait == pytest.approx(2 * backoff_seconds(attempt - 1, base))
