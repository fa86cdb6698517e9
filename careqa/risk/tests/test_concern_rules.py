"""The provider concern's rules and the compliance status: pure, by the hundred."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from careqa.risk.rules import concerns as rules
from careqa.risk.rules.compliance import (
    AMBER,
    GREEN,
    ORDER,
    RED,
    ComplianceFacts,
    compliance_status,
)
from careqa.visits.rules.calendar import is_working_day, working_days

days = st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 12, 31))
STATES = (rules.OPEN, rules.MEETING_HELD, rules.CLOSED)


def test_the_meeting_is_due_five_working_days_on_past_a_bank_holiday():
    # Opened Thursday 22 December 2022: 26 and 27 December are bank holidays.
    assert rules.strategy_meeting_due(datetime.date(2022, 12, 22), 5) == datetime.date(2023, 1, 3)


@settings(deadline=None)
@given(days, st.integers(1, 10))
def test_the_due_day_is_a_working_day_that_many_working_days_on(opened, n):
    due = rules.strategy_meeting_due(opened, n)
    assert is_working_day(due)
    assert len(working_days(opened + datetime.timedelta(days=1), due)) == n


@given(days, days, st.sampled_from(STATES))
def test_overdue_only_while_open_and_after_the_due_day(due, today, status):
    overdue = rules.strategy_meeting_overdue(status=status, due_on=due, today=today)
    assert overdue == (status == rules.OPEN and today > due)


@given(st.sampled_from(STATES), st.sampled_from(STATES))
def test_status_moves_one_way_and_closed_is_final(current, to):
    error = rules.transition_error(current, to)
    assert (error is None) == (
        (current, to) in {(rules.OPEN, rules.MEETING_HELD), (rules.MEETING_HELD, rules.CLOSED)}
    )
    if current == rules.CLOSED:
        assert error == "This provider concern is closed"


RATINGS = [None, "outstanding", "good", "requires_improvement", "inadequate", "not_rated"]
facts = st.builds(
    ComplianceFacts,
    rating=st.sampled_from(RATINGS),
    overdue_actions=st.integers(0, 5),
    suspended=st.booleans(),
    in_default=st.booleans(),
    provider_concern=st.booleans(),
)


@given(facts)
def test_green_exactly_when_compliant_and_rated_good_or_outstanding(f):
    result = compliance_status(f)
    compliant = not (f.overdue_actions or f.suspended or f.in_default or f.provider_concern)
    assert (result.status == GREEN) == (compliant and f.rating in ("good", "outstanding"))
    red = f.suspended or f.in_default or f.provider_concern or f.rating == "inadequate"
    assert (result.status == RED) == red
    assert result.reasons and all(isinstance(r, str) and r for r in result.reasons)


WORSE = [
    lambda f: ComplianceFacts(**{**f.__dict__, "overdue_actions": f.overdue_actions + 1}),
    lambda f: ComplianceFacts(**{**f.__dict__, "suspended": True}),
    lambda f: ComplianceFacts(**{**f.__dict__, "in_default": True}),
    lambda f: ComplianceFacts(**{**f.__dict__, "provider_concern": True}),
    lambda f: ComplianceFacts(**{**f.__dict__, "rating": "inadequate"}),
]


@given(facts, st.sampled_from(range(len(WORSE))))
def test_a_worse_fact_never_improves_the_status(f, which):
    before = compliance_status(f).status
    after = compliance_status(WORSE[which](f)).status
    assert ORDER[after] >= ORDER[before]


def test_the_reasons_are_words():
    assert compliance_status(ComplianceFacts(rating="good")).reasons == (
        "Fully compliant with its contract and rated Good by the regulator",
    )
    red = compliance_status(
        ComplianceFacts(rating="requires_improvement", provider_concern=True, overdue_actions=2)
    )
    assert red.status == RED
    assert red.reasons == (
        "Open provider concern",
        "Rated Requires improvement by the regulator",
        "2 overdue actions on the action plan",
    )
    assert compliance_status(ComplianceFacts()).status == AMBER
