"""The retention rule: due once kept long enough after closing, never while open."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careqa.operations.rules import (
    is_due_for_redaction,
    is_redacted,
    redacted,
    redaction_cutoff,
    redaction_due_on,
    redaction_text,
)

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2040, 12, 31))
periods = st.integers(0, 20 * 365)
texts = st.text(min_size=1, max_size=200)


def test_kept_for_the_period_then_due():
    closed = date(2024, 3, 20)
    assert not is_due_for_redaction(closed, keep_days=730, today=date(2026, 3, 19))
    assert is_due_for_redaction(closed, keep_days=730, today=date(2026, 3, 20))
    assert redaction_due_on(closed, 730) == date(2026, 3, 20)


def test_an_open_case_is_never_due():
    assert not is_due_for_redaction(None, keep_days=0, today=date(2040, 1, 1))
    assert redaction_due_on(None, 30) is None


def test_a_negative_period_is_refused():
    with pytest.raises(ValueError):
        redaction_cutoff(date(2026, 1, 1), -1)


def test_the_words_name_the_day():
    assert redaction_text(date(2026, 12, 2)) == (
        "[redacted under the retention policy on 2 December 2026]"
    )


@given(days, days, periods)
def test_due_exactly_from_the_due_day(closed, today, keep):
    due = is_due_for_redaction(closed, keep_days=keep, today=today)
    assert due is (today >= redaction_due_on(closed, keep))
    assert due is (closed <= redaction_cutoff(today, keep))


@given(days, days, periods, st.integers(0, 3650))
def test_once_due_always_due(closed, today, keep, later):
    if is_due_for_redaction(closed, keep_days=keep, today=today):
        assert is_due_for_redaction(closed, keep_days=keep, today=today + timedelta(days=later))


@given(days, days, periods, st.integers(1, 3650))
def test_a_longer_period_is_never_due_sooner(closed, today, keep, more):
    if is_due_for_redaction(closed, keep_days=keep + more, today=today):
        assert is_due_for_redaction(closed, keep_days=keep, today=today)


@given(texts, days, days)
def test_redacting_twice_keeps_the_first_day(text, first, second):
    once = redacted(text, first)
    assert is_redacted(once)
    assert redacted(once, second) == once
    assert text not in once or text in redaction_text(first)


@given(st.sampled_from(["", None]), days)
def test_nothing_to_redact_stays_as_it_is(empty, on):
    assert redacted(empty, on) == empty
