"""The ladder's rules and the policy rule, by the hundred: no database."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from careqa.escalation import rules
from careqa.escalation.rules import Policy
from careqa.escalation.vocab import StepKind, StepStatus
from careqa.providers.vocab import ContractStatus

RATINGS = ["outstanding", "good", "requires_improvement", "inadequate", "not_rated"]
days = st.dates(min_value=datetime.date(2010, 1, 1), max_value=datetime.date(2035, 12, 31))


@given(had_default=st.booleans(), override=st.text(max_size=20))
def test_a_termination_never_without_a_default_notice_or_an_override(had_default, override):
    allowed = rules.termination_error(had_default_notice=had_default, override_reason=override)
    assert (allowed is None) == (had_default or bool(override.strip()))


def test_a_termination_without_either_says_what_to_do():
    error = rules.termination_error(had_default_notice=False, override_reason="  ")
    assert error.startswith("A contract can only be terminated after a default notice")


@given(st.lists(st.tuples(st.sampled_from(StepKind), st.sampled_from(StepStatus)), max_size=8))
def test_a_lifted_suspension_is_never_shown_as_suspended(steps):
    lifted = [(k, StepStatus.ENDED if k == StepKind.SUSPENSION else s) for k, s in steps]
    assert not rules.is_suspended(lifted)
    current = [k for k, s in lifted if s == StepStatus.CURRENT]
    assert rules.contract_status_for(current) != ContractStatus.SUSPENDED


@given(st.lists(st.sampled_from(StepKind), max_size=6))
def test_the_contract_follows_the_most_serious_step_in_force(kinds):
    status = rules.contract_status_for(kinds)
    if StepKind.TERMINATION in kinds:
        assert status == ContractStatus.TERMINATED
    elif StepKind.DEFAULT_NOTICE in kinds:
        assert status == ContractStatus.IN_DEFAULT
    elif StepKind.SUSPENSION in kinds:
        assert status == ContractStatus.SUSPENDED
    else:
        assert status == ContractStatus.ACTIVE


@given(review_on=days, today=days)
def test_a_review_date_is_never_in_the_past_when_a_step_is_taken(review_on, today):
    error = rules.review_date_error(review_on, today)
    assert (error is None) == (review_on >= today)


def test_a_review_date_is_required():
    assert rules.review_date_error(None, datetime.date(2027, 3, 3)) == "Enter the review date"


@given(
    met=st.lists(st.booleans(), max_size=5), reason=st.text(max_size=5), unmet=st.text(max_size=5)
)
def test_lifting_needs_a_reason_and_the_conditions_met_or_a_reason_they_need_not_be(
    met, reason, unmet
):
    error = rules.lift_error(conditions_met=met, reason=reason, unmet_reason=unmet)
    ok = bool(reason.strip()) and (all(met) or bool(unmet.strip()))
    assert (error is None) == ok


def _history(draw_ratings, start=datetime.date(2012, 1, 1)):
    return [(start + datetime.timedelta(days=200 * i), r) for i, r in enumerate(draw_ratings)]


def _falls_by_hand(ratings):
    """The rule counted the slow way: compare each rated entry with the last rated one."""
    rated = [r for r in ratings if r != "not_rated"]
    return sum(
        1
        for before, after in zip(rated, rated[1:], strict=False)
        if before in ("good", "outstanding") and after in ("requires_improvement", "inadequate")
    )


@given(st.lists(st.sampled_from(RATINGS), max_size=15))
def test_the_falls_counter_counts_each_fall_from_good_or_outstanding(ratings):
    history = _history(ratings)
    falls = rules.rating_falls(history, Policy(), datetime.date(2040, 1, 1))
    assert len(falls) == _falls_by_hand(ratings)
    assert falls == sorted(falls)
    assert set(falls) <= {day for day, _ in history}
    flagged = rules.flagged_for_suspension(history, Policy(), datetime.date(2040, 1, 1))
    assert (flagged is not None) == (len(falls) >= 3)


@given(st.lists(st.sampled_from(RATINGS), max_size=15), st.integers(min_value=1, max_value=5))
def test_a_period_only_ever_counts_fewer_falls(ratings, years):
    history = _history(ratings)
    today = datetime.date(2016, 6, 1)
    whole = rules.rating_falls(history, Policy(), today)
    recent = rules.rating_falls(history, Policy(period_years=years), today)
    assert set(recent) <= set(whole)
    assert all(day >= datetime.date(2016 - years, 6, 1) for day in recent)


def test_three_falls_flag_a_service_with_their_dates():
    history = _history(
        ["good", "requires_improvement", "good", "inadequate", "not_rated", "outstanding"]
        + ["requires_improvement"]
    )
    flagged = rules.flagged_for_suspension(history, Policy(), datetime.date(2030, 1, 1))
    assert flagged == [history[1][0], history[3][0], history[6][0]]
    assert rules.flagged_for_suspension(history, Policy(falls=4), datetime.date(2030, 1, 1)) is None


def test_falls_between_the_lower_ratings_do_not_count():
    history = _history(["requires_improvement", "inadequate", "requires_improvement"])
    assert rules.rating_falls(history, Policy(), datetime.date(2030, 1, 1)) == []
