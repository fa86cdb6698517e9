"""The plans' pure rules: the response deadline, the clocks and the items' state machine."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from careqa.plans import rules
from careqa.plans.vocab import ItemState as S

STATES = st.sampled_from(list(S))
DAYS = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 1, 1))


def reachable(start, steps):
    """Walk the table from `start`, choosing the `steps`' indices among the next states."""
    path = [start]
    for step in steps:
        options = sorted(rules.next_states(path[-1]))
        if not options:
            break
        path.append(options[step % len(options)])
    return path


@given(st.lists(st.integers(min_value=0, max_value=5), max_size=30))
def test_verified_is_only_reached_through_completed(steps):
    path = reachable(S.AWAITING_RESPONSE, steps)
    for before, after in zip(path, path[1:], strict=False):
        assert rules.may_move(before, after)
        if after == S.VERIFIED:
            assert before == S.COMPLETED


@given(STATES)
def test_reopened_items_go_back_into_progress_and_verified_is_final(state):
    assert rules.next_states(S.REOPENED) == {S.IN_PROGRESS}
    assert rules.next_states(S.VERIFIED) == frozenset()
    if S.REOPENED in rules.next_states(state):
        assert state == S.COMPLETED


@given(STATES)
def test_every_state_is_in_the_table_and_never_moves_to_itself(state):
    assert state in rules.TRANSITIONS
    assert state not in rules.next_states(state)
    for name in rules.actions_from(state):
        assert rules.may_move(state, rules.ACTION_STATES[name])


@given(st.lists(st.integers(min_value=0, max_value=5), max_size=30))
def test_every_state_is_reachable_from_awaiting_response_in_order(steps):
    path = reachable(S.AWAITING_RESPONSE, steps)
    order = [S.AWAITING_RESPONSE, S.AGREED, S.IN_PROGRESS, S.COMPLETED]
    # Before completion an item only moves forward, one step at a time.
    for before, after in zip(path, path[1:], strict=False):
        if before in order[:-1]:
            assert order.index(after) == order.index(before) + 1


@given(DAYS, st.integers(min_value=1, max_value=60))
def test_the_response_is_due_days_after_the_report(issued_on, days):
    due = rules.response_due(issued_on, days=days)
    assert (due - issued_on).days == days


@given(DAYS, DAYS)
def test_a_clock_is_overdue_after_its_date_and_due_soon_within_a_week(due, today):
    status = rules.clock_status(due, today=today)
    gap = (due - today).days
    if gap < 0:
        assert status == "overdue" and rules.days_overdue(due, today=today) == -gap
    elif gap <= rules.DUE_SOON_DAYS:
        assert status == "due soon"
    else:
        assert status == "not due"


@given(STATES, st.one_of(st.none(), DAYS), DAYS)
def test_completed_and_verified_items_are_never_overdue(state, due, today):
    status = rules.item_status(state, due, today=today)
    if state in (S.COMPLETED, S.VERIFIED):
        assert status == "done"
    elif due is None:
        assert status == "no date"


def test_the_default_deadline_is_fourteen_days(settings):
    assert settings.CAREQA_RESPONSE_DUE_DAYS == 14
    assert rules.response_due(datetime.date(2026, 3, 10), days=14) == datetime.date(2026, 3, 24)
