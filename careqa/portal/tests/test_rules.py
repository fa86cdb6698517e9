"""The factual-accuracy window: working days from issue, England's bank holidays skipped."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from careqa.visits.rules.calendar import is_working_day, working_days
from careqa.visits.rules.deadlines import factual_accuracy_closes, factual_accuracy_open

days = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2035, 12, 31))


def test_christmas_and_new_year_are_skipped():
    # Friday 19 December 2025: 22–24, 29–31 December, 2 and 5–7 January are working days.
    assert factual_accuracy_closes(datetime.date(2025, 12, 19), working_days=10) == (
        datetime.date(2026, 1, 7)
    )


def test_an_easter_bank_holiday_is_skipped():
    # Thursday 2 April 2026; Good Friday (3rd) and Easter Monday (6th) are not working days.
    assert factual_accuracy_closes(datetime.date(2026, 4, 2), working_days=2) == (
        datetime.date(2026, 4, 8)
    )


@settings(max_examples=300, deadline=None)
@given(issued=days, n=st.integers(min_value=1, max_value=30))
def test_the_window_closes_on_the_nth_working_day_after_issue(issued, n):
    closes = factual_accuracy_closes(issued, working_days=n)
    assert is_working_day(closes)
    after = working_days(issued + datetime.timedelta(days=1), closes)
    assert len(after) == n


@settings(max_examples=300, deadline=None)
@given(issued=days, offset=st.integers(min_value=-20, max_value=60))
def test_comments_are_taken_from_issue_to_the_close_only(issued, offset):
    today = issued + datetime.timedelta(days=offset)
    closes = factual_accuracy_closes(issued, working_days=10)
    assert factual_accuracy_open(issued, today=today, working_days=10) == (
        issued <= today <= closes
    )
    assert not factual_accuracy_open(None, today=today, working_days=10)
