"""The pure rules behind the figures: rounding, distributions, table shape, as-at rules."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from careqa.insights.asat import registered_on, stood
from careqa.insights.figures import (
    NOT_YET_INSPECTED,
    ROWS,
    TOTAL,
    bed_share,
    distribution,
    percentage,
)
from careqa.insights.revisions import Revision, value_at
from careqa.insights.tables import table_from_distributions

D = datetime.date


@pytest.mark.parametrize(
    "part, whole, expected",
    [
        (1, 8, "12.50"),
        (10, 94, "10.64"),
        (58, 94, "61.70"),
        (4, 94, "4.26"),  # 4.2553…
        (1, 18, "5.56"),
        (7, 18, "38.89"),
        (2, 3, "66.67"),
        (1, 3, "33.33"),
        (1, 800, "0.13"),  # exactly half: up, not to even (0.12)
        (3, 800, "0.38"),  # 0.375
        (5, 800, "0.63"),  # 0.625
        (0, 5, "0.00"),
        (0, 0, "0.00"),
        (7, 7, "100.00"),
    ],
)
def test_percentages_round_half_up_to_two_decimals(part, whole, expected):
    assert percentage(part, whole) == Decimal(expected)
    assert str(percentage(part, whole)) == expected


def _services(counts, start=1):
    """Plain stand-ins for services: {'good': 3, None: 1} -> objects with id and rating."""
    services, next_id = [], start
    for rating, count in counts.items():
        for _ in range(count):
            services.append(SimpleNamespace(id=next_id, rating=rating, beds=None, places=None))
            next_id += 1
    return services


def test_a_distribution_counts_each_rating_with_both_percentages():
    services = _services({"outstanding": 1, "good": 5, "requires_improvement": 2, None: 2})
    result = distribution("Dudley", "council:1", services)
    assert [r.rating for r in result.rows] == list(ROWS)
    counts = {r.rating: r.count for r in result.rows}
    assert counts == {
        "outstanding": 1,
        "good": 5,
        "requires_improvement": 2,
        "inadequate": 0,
        NOT_YET_INSPECTED: 2,
        TOTAL: 10,
    }
    good = result.row("good")
    assert good.pct_incl_nyi == Decimal("50.00")
    assert good.pct_excl_nyi == Decimal("62.50")
    assert result.row(NOT_YET_INSPECTED).pct_excl_nyi is None
    assert result.row(TOTAL).pct_incl_nyi == Decimal("100.00")
    assert result.row(TOTAL).pct_excl_nyi == Decimal("100.00")
    assert result.total == 10 and result.rated == 8
    # The services behind each count, so that a page can list them.
    assert result.row("outstanding").service_ids == (1,)
    assert result.row(NOT_YET_INSPECTED).service_ids == (9, 10)
    assert result.row(TOTAL).service_ids == tuple(range(1, 11))


def test_cqc_not_rated_is_counted_with_not_yet_inspected_and_reported():
    services = _services({"good": 3, "not_rated": 1, None: 1})
    result = distribution("England", "england", services)
    assert result.row(NOT_YET_INSPECTED).count == 2
    assert result.not_rated == 1
    assert result.row("good").pct_excl_nyi == Decimal("100.00")
    assert result.row("good").pct_incl_nyi == Decimal("60.00")


def test_an_empty_area_has_zero_everywhere():
    result = distribution("Solihull", "council:2", [])
    assert all(r.count == 0 and r.pct_incl_nyi == Decimal("0.00") for r in result.rows)


def test_weighted_by_beds_with_the_share_in_poorly_rated_homes():
    homes = [
        SimpleNamespace(id=1, rating="good", beds=40),
        SimpleNamespace(id=2, rating="requires_improvement", beds=30),
        SimpleNamespace(id=3, rating="inadequate", beds=10),
        SimpleNamespace(id=4, rating=None, beds=20),
        SimpleNamespace(id=5, rating="good", beds=None),
    ]
    result = distribution(
        "Westminster", "council:9", homes, weight=lambda s: s.beds, measure="beds"
    )
    assert result.total == 100
    assert result.row("requires_improvement").count == 30
    assert result.without_weight == 1
    share = bed_share(result)
    assert share.requires_improvement_or_inadequate == 40
    assert share.share_incl_nyi == Decimal("40.00")
    assert share.share_excl_nyi == Decimal("50.00")
    assert share.service_ids == (2, 3)
    assert share.measure == "beds"


def test_a_table_has_a_column_per_council_then_the_whole_and_a_row_per_rating():
    dudley = distribution("Dudley", "council:1", _services({"good": 1}))
    walsall = distribution("Walsall", "council:2", _services({"good": 1, "inadequate": 1}, 10))
    whole = distribution("Black Country", "group:1", _services({"good": 2, "inadequate": 1}, 20))
    table = table_from_distributions(
        "Children's homes", "Children's homes", [dudley, walsall, whole], whole_label="REGION"
    )
    assert [c.label for c in table.columns] == ["Dudley", "Walsall", "REGION"]
    assert [r.label for r in table.rows] == [
        "Outstanding",
        "Good",
        "Requires improvement",
        "Inadequate",
        "Not yet inspected",
        "Total",
    ]
    assert table.cell("inadequate", "council:2").count == 1
    assert table.cell("inadequate", "council:2").percent == Decimal("50.00")
    assert table.cell("good", "group:1").percent == Decimal("66.67")
    assert table.cell(TOTAL, "council:1").percent == Decimal("100.00")


# -- the as-at rules ------------------------------------------------------------------------


def _stood(as_at, rated_on, listed_on=None, withdrawn_on=None, last_full_file=None):
    return stood(
        rated_on=rated_on,
        listed_on=listed_on,
        withdrawn_on=withdrawn_on,
        as_at=as_at,
        last_full_file=last_full_file,
    )


def test_a_rating_stands_from_its_date_or_from_the_file_that_first_carried_it():
    # Published in April, carried by the file dated 31 March: it held on 31 March.
    assert _stood(D(2019, 3, 31), D(2019, 4, 5), listed_on=D(2019, 3, 31))
    assert not _stood(D(2019, 3, 30), D(2019, 4, 5), listed_on=D(2019, 3, 31))
    # Published after the last file: it stands from its date.
    assert _stood(D(2019, 6, 1), D(2019, 5, 1), D(2020, 3, 31), last_full_file=D(2019, 3, 31))
    assert not _stood(D(2019, 4, 30), D(2019, 5, 1), D(2020, 3, 31), None, D(2019, 3, 31))
    # Published before a file that still gave an earlier rating: not until a file carries it.
    assert not _stood(D(2019, 6, 1), D(2019, 3, 1), D(2020, 3, 31), None, D(2019, 3, 31))
    assert _stood(D(2020, 3, 31), D(2019, 3, 1), D(2020, 3, 31), None, D(2020, 3, 31))
    # Entered by hand (no file): from its date.
    assert _stood(D(2019, 3, 1), D(2019, 3, 1))
    # Withdrawn: stood until the file that no longer gave it.
    assert _stood(D(2020, 3, 30), D(2019, 1, 1), D(2019, 3, 31), D(2020, 3, 31))
    assert not _stood(D(2020, 3, 31), D(2019, 1, 1), D(2019, 3, 31), D(2020, 3, 31))


def _registered(as_at, **kwargs):
    values = dict(
        first_seen_on=D(2019, 3, 31),
        active=True,
        deactivated_on=None,
        registration_start=None,
        registration_end=None,
        listing_events=(),
        first_import=D(2019, 3, 31),
    )
    values.update(kwargs)
    return registered_on(as_at, **values)


def test_registered_from_the_first_file_that_listed_it():
    assert _registered(D(2019, 3, 31))
    assert not _registered(D(2019, 3, 30), first_import=D(2018, 3, 31))
    assert _registered(D(2030, 1, 1))


def test_a_service_that_left_and_came_back_is_registered_only_while_listed():
    events = [(D(2020, 3, 31), "deregistered"), (D(2022, 3, 31), "reactivated")]
    assert _registered(D(2020, 3, 30), listing_events=events, active=True)
    assert not _registered(D(2020, 3, 31), listing_events=events, active=True)
    assert not _registered(D(2021, 6, 1), listing_events=events, active=True)
    assert _registered(D(2022, 3, 31), listing_events=events, active=True)


def test_a_deregistered_service_was_registered_until_then_whatever_it_is_now():
    events = [(D(2020, 3, 31), "deregistered")]
    assert _registered(
        D(2019, 12, 1), listing_events=events, active=False, deactivated_on=D(2020, 3, 31)
    )
    assert not _registered(
        D(2020, 3, 31), listing_events=events, active=False, deactivated_on=D(2020, 3, 31)
    )


def test_two_files_of_one_date_the_later_one_decides():
    events = [(D(2018, 3, 31), "reactivated"), (D(2018, 3, 31), "deregistered")]
    assert not _registered(D(2018, 3, 31), listing_events=events, active=False)


def test_a_service_a_file_gave_as_inactive_was_never_registered():
    assert not _registered(D(2020, 1, 1), active=False)


def test_before_the_first_file_the_registration_dates_stand():
    first = D(2015, 3, 31)
    assert _registered(D(2012, 1, 1), first_import=first, registration_start=D(2010, 5, 1))
    assert not _registered(D(2009, 1, 1), first_import=first, registration_start=D(2010, 5, 1))
    assert not _registered(
        D(2012, 1, 1),
        first_import=first,
        registration_start=D(2010, 5, 1),
        registration_end=D(2011, 5, 1),
    )
    # Nothing known about when it started: not counted before the first file.
    assert not _registered(D(2012, 1, 1), first_import=first)


def test_a_service_entered_by_hand_follows_its_registration_dates():
    hand = dict(first_seen_on=None, first_import=None)
    assert _registered(D(2020, 1, 1), **hand)
    assert _registered(D(2020, 1, 1), registration_start=D(2019, 1, 1), **hand)
    assert not _registered(D(2018, 1, 1), registration_start=D(2019, 1, 1), **hand)
    assert not _registered(D(2020, 1, 1), active=False, **hand)
    assert _registered(D(2020, 1, 1), active=False, deactivated_on=D(2021, 1, 1), **hand)


def test_a_value_on_a_date_is_the_latest_change_by_then_else_the_first_old_value():
    revisions = (
        Revision(D(2020, 3, 31), 1, "Dudley", "Walsall"),
        Revision(D(2022, 3, 31), 2, "Walsall", "Sandwell"),
    )
    assert value_at(revisions, D(2019, 3, 31), "Sandwell") == "Dudley"
    assert value_at(revisions, D(2020, 3, 31), "Sandwell") == "Walsall"
    assert value_at(revisions, D(2021, 1, 1), "Sandwell") == "Walsall"
    assert value_at(revisions, D(2023, 1, 1), "Sandwell") == "Sandwell"
    assert value_at((), D(2019, 3, 31), "Sandwell") == "Sandwell"
