"""Reports due within two weeks of the visit: statuses and the team's figures."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from careqa.visits.rules.deadlines import (
    DUE_SOON,
    ISSUED_LATE,
    ISSUED_ON_TIME,
    NOT_DUE,
    OVERDUE,
    REPORT_STATUSES,
    median_days,
    report_due,
    report_status,
    share_on_time,
)

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
offsets = st.integers(-30, 90)
settings_days = st.integers(1, 60)


def test_a_report_is_due_two_weeks_after_the_visit():
    assert report_due(date(2026, 3, 3)) == date(2026, 3, 17)
    assert report_due(date(2026, 12, 24), days=10) == date(2027, 1, 3)


def test_each_status_in_turn():
    visit = date(2026, 3, 3)  # due 17 March
    assert report_status(visit, None, today=date(2026, 3, 9)) == NOT_DUE
    assert report_status(visit, None, today=date(2026, 3, 10)) == DUE_SOON
    assert report_status(visit, None, today=date(2026, 3, 17)) == DUE_SOON
    assert report_status(visit, None, today=date(2026, 3, 18)) == OVERDUE
    assert report_status(visit, date(2026, 3, 17), today=date(2026, 5, 1)) == ISSUED_ON_TIME
    assert report_status(visit, date(2026, 3, 18), today=date(2026, 3, 18)) == ISSUED_LATE


@settings(deadline=None)
@given(days, st.none() | offsets, offsets, settings_days)
def test_the_status_follows_the_due_date(visit, issued_after, today_after, limit):
    issued = None if issued_after is None else visit + timedelta(days=issued_after)
    today = visit + timedelta(days=today_after)
    status = report_status(visit, issued, today=today, days=limit)
    assert status in REPORT_STATUSES
    due = report_due(visit, days=limit)
    if issued is not None:
        assert (status == ISSUED_ON_TIME) is (issued <= due)
        assert status in (ISSUED_ON_TIME, ISSUED_LATE)
    else:
        assert (status == OVERDUE) is (today > due)
        assert (status == DUE_SOON) is (due - timedelta(days=7) <= today <= due)


pairs = st.lists(st.tuples(days, st.none() | st.integers(0, 60)), max_size=40).map(
    lambda found: [(v, None if n is None else v + timedelta(days=n)) for v, n in found]
)


@settings(deadline=None)
@given(pairs, settings_days)
def test_the_share_on_time_counts_issued_reports_only(found, limit):
    share = share_on_time(found, days=limit)
    issued = [(v, out) for v, out in found if out is not None]
    if not issued:
        assert share is None
        return
    assert 0 <= share <= 1
    late = [p for p in issued if report_status(*p, today=p[1], days=limit) == ISSUED_LATE]
    assert share == (len(issued) - len(late)) / len(issued)


@settings(deadline=None)
@given(pairs)
def test_the_median_lies_between_the_quickest_and_the_slowest(found):
    median = median_days(found)
    taken = [(out - v).days for v, out in found if out is not None]
    if not taken:
        assert median is None
    else:
        assert min(taken) <= median <= max(taken)
        assert isinstance(median, float)


def test_the_team_figures_on_a_small_example():
    found = [
        (date(2026, 3, 2), date(2026, 3, 9)),  # 7 days
        (date(2026, 3, 2), date(2026, 3, 20)),  # 18 days: late
        (date(2026, 3, 4), date(2026, 3, 16)),  # 12 days
        (date(2026, 3, 5), None),  # not issued yet: left out
    ]
    assert share_on_time(found) == 2 / 3
    assert median_days(found) == 12.0
    assert median_days(found[:2]) == 12.5
    assert share_on_time([]) is None and median_days([]) is None
