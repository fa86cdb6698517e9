"""Working days in England: weekdays that are not bank holidays, for planning visits.

England's bank holidays come from the `holidays` library (substitute days and one-off
holidays such as a coronation included), never from a list kept by hand.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays

MONDAY_TO_FRIDAY = frozenset({0, 1, 2, 3, 4})


@lru_cache(maxsize=128)
def _bank_holidays_in(year: int) -> frozenset[date]:
    # Planning asks about every day of the year: build each year's set once.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def bank_holidays(years: int | Iterable[int]) -> frozenset[date]:
    """England's bank holidays in the given year or years."""
    if isinstance(years, int):
        return _bank_holidays_in(years)
    return frozenset().union(*(_bank_holidays_in(year) for year in years))


def is_working_day(day: date, *, weekdays: frozenset[int] = MONDAY_TO_FRIDAY) -> bool:
    """Whether an officer who works on `weekdays` (Monday = 0) works on `day`.

    Never a Saturday, a Sunday or one of England's bank holidays, whatever `weekdays`
    says: the team does not visit at weekends.
    """
    weekday = day.weekday()
    return weekday < 5 and weekday in weekdays and day not in _bank_holidays_in(day.year)


def working_days(
    start: date, end: date, *, weekdays: frozenset[int] = MONDAY_TO_FRIDAY
) -> list[date]:
    """The working days from `start` to `end`, both included (empty if end < start)."""
    days = []
    day = start
    while day <= end:
        if is_working_day(day, weekdays=weekdays):
            days.append(day)
        day += timedelta(days=1)
    return days


def add_working_days(day: date, n: int) -> date:
    """The working day `n` working days after `day` (before it if `n` is negative).

    With `n` = 0, `day` itself if it is a working day, else the next working day.
    """
    step = timedelta(days=1 if n >= 0 else -1)
    if n == 0:
        while not is_working_day(day):
            day += step
        return day
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def week_key(day: date) -> tuple[int, int]:
    """The ISO year and week of `day`: officers' weekly capacity is counted by it."""
    iso = day.isocalendar()
    return iso.year, iso.week


def long_date(day: date) -> str:
    """A date as people write it: 3 March 2026."""
    return f"{day.day} {day:%B %Y}"
