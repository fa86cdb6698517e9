"""Working days in England: never a weekend or a bank holiday (hypothesis)."""

from datetime import date, timedelta

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from careqa.visits.rules.calendar import (
    add_working_days,
    bank_holidays,
    is_working_day,
    long_date,
    week_key,
    working_days,
)

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
weekday_sets = st.frozensets(st.integers(min_value=0, max_value=6))


def test_bank_holidays_come_from_the_holidays_library_with_substitute_days():
    found = bank_holidays(2026)
    assert date(2026, 12, 25) in found
    assert date(2026, 12, 28) in found  # Boxing Day falls on a Saturday: Monday instead
    assert date(2026, 5, 25) in found
    assert date(2023, 5, 8) in bank_holidays([2022, 2023])  # the coronation
    expected = holidays.country_holidays("GB", subdiv="ENG", years=2027)
    assert bank_holidays(2027) == frozenset(expected)
    # Scotland's 2 January is not England's.
    assert date(2026, 1, 2) not in found


@settings(deadline=None)
@given(days, weekday_sets)
def test_a_working_day_is_an_officers_weekday_and_never_a_weekend_or_bank_holiday(day, weekdays):
    working = is_working_day(day, weekdays=weekdays)
    expected = (
        day.weekday() < 5 and day.weekday() in weekdays and day not in bank_holidays(day.year)
    )
    assert working is expected


@settings(max_examples=100, deadline=None)
@given(days, st.integers(min_value=-40, max_value=400), weekday_sets)
def test_working_days_lists_exactly_the_working_days_in_order(start, length, weekdays):
    end = start + timedelta(days=length)
    found = working_days(start, end, weekdays=weekdays)
    assert found == sorted(found)
    assert all(start <= d <= end and is_working_day(d, weekdays=weekdays) for d in found)
    every_day = (start + timedelta(days=i) for i in range(max(length + 1, 0)))
    assert len(found) == sum(is_working_day(d, weekdays=weekdays) for d in every_day)


@settings(deadline=None)
@given(days, st.integers(min_value=-60, max_value=60))
def test_adding_working_days_counts_only_working_days(day, n):
    result = add_working_days(day, n)
    assert is_working_day(result)
    if n > 0:
        assert result > day
        assert len(working_days(day + timedelta(days=1), result)) == n
    elif n < 0:
        assert result < day
        assert len(working_days(result, day - timedelta(days=1))) == -n
    else:
        assert result >= day
        assert working_days(day, result) == [result]


def test_christmas_and_the_new_year_are_skipped():
    # 24 December 2026 is a Thursday; Christmas, Boxing Day (observed) and New Year follow.
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert add_working_days(date(2026, 12, 26), 0) == date(2026, 12, 29)


@settings(deadline=None)
@given(days)
def test_a_week_runs_monday_to_sunday(day):
    monday = day - timedelta(days=day.weekday())
    assert week_key(day) == week_key(monday) == week_key(monday + timedelta(days=6))
    assert week_key(monday - timedelta(days=1)) != week_key(day)


def test_dates_read_as_people_write_them():
    assert long_date(date(2026, 3, 3)) == "3 March 2026"
