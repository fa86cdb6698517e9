"""The risk score rule: examples in words, and properties over generated evidence."""

import datetime
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from careqa.risk.rules.score import (
    DEFAULT_WEIGHTS,
    EnquiryFact,
    IntelligenceFact,
    RiskInputs,
    band_for,
    months_between,
    reasons_text,
    score,
)

TODAY = datetime.date(2027, 3, 15)
RATINGS = [None, "outstanding", "good", "requires_improvement", "inadequate", "not_rated"]
JUDGEMENTS = [None, "outstanding", "good", "requires_improvement", "inadequate"]
days = st.integers(min_value=0, max_value=3000).map(lambda d: TODAY - datetime.timedelta(d))
enquiries = st.builds(
    EnquiryFact,
    kind=st.sampled_from(["s42", "care_concern"]),
    opened_on=days,
    closed_on=st.none() | days,
    outcome=st.sampled_from(["", "removed", "reduced", "remains"]),
)
intelligence = st.builds(
    IntelligenceFact, severity=st.sampled_from(["low", "medium", "high"]), received_on=days
)
inputs = st.builds(
    RiskInputs,
    rating=st.sampled_from(RATINGS),
    rated_on=st.none() | days,
    key_question_ratings=st.lists(st.sampled_from(RATINGS[1:]), max_size=5).map(tuple),
    visit_judgement=st.sampled_from(JUDGEMENTS),
    judged_on=st.none() | days,
    visited_on=st.none() | days,
    overdue_actions=st.integers(0, 30),
    response_overdue=st.booleans(),
    enquiries=st.lists(enquiries, max_size=8).map(tuple),
    intelligence=st.lists(intelligence, max_size=8).map(tuple),
    suspended=st.booleans(),
    in_default=st.booleans(),
    commissioned=st.booleans(),
    provider_concern=st.booleans(),
    missed_returns=st.integers(0, 12),
)


def test_a_service_with_requires_improvement_and_two_open_enquiries():
    result = score(
        RiskInputs(
            rating="requires_improvement",
            rated_on=datetime.date(2026, 1, 10),
            visit_judgement="good",
            judged_on=datetime.date(2027, 1, 5),
            visited_on=datetime.date(2027, 1, 5),
            enquiries=(
                EnquiryFact("s42", datetime.date(2027, 2, 1)),
                EnquiryFact("s42", datetime.date(2027, 2, 20)),
            ),
        ),
        today=TODAY,
    )
    assert [str(r) for r in result.reasons] == [
        "Rated Requires improvement 14 months ago +15",
        "2 open safeguarding enquiries (section 42) +20",
    ]
    assert (result.score, result.band) == (35, "medium")


def test_the_cap_at_100_is_a_reason_of_its_own():
    result = score(
        RiskInputs(
            rating="inadequate",
            rated_on=TODAY,
            visit_judgement="inadequate",
            judged_on=TODAY,
            visited_on=TODAY,
            suspended=True,
            in_default=True,
            overdue_actions=5,
        ),
        today=TODAY,
    )
    assert result.score == 100
    assert result.reasons[-1].words == "Capped at 100"
    assert result.reasons[-1].points == 100 - sum(r.points for r in result.reasons[:-1])
    assert result.band == "very_high"


def test_a_new_service_with_nothing_known_is_not_called_safe():
    result = score(RiskInputs(commissioned=True), today=TODAY)
    assert result.band == "not_enough_evidence"
    assert not result.enough_evidence
    assert "Not yet inspected by the regulator +10" in [str(r) for r in result.reasons]


def test_a_new_service_with_bad_evidence_is_banded_by_it():
    bad = RiskInputs(
        suspended=True,
        enquiries=tuple(EnquiryFact("s42", TODAY) for _ in range(3)),
    )
    assert score(bad, today=TODAY).band in ("high", "very_high")


def test_old_open_intelligence_counts_twice_over():
    result = score(
        RiskInputs(
            rating="good",
            intelligence=(IntelligenceFact("high", TODAY - datetime.timedelta(days=120)),),
            commissioned=False,
        ),
        today=TODAY,
    )
    assert [str(r) for r in result.reasons] == [
        "1 open intelligence entry of high severity +10",
        "1 intelligence entry open for more than 90 days +2",
    ]


def test_reasons_as_the_command_prints_them():
    result = score(RiskInputs(rating="inadequate", rated_on=TODAY, commissioned=False), today=TODAY)
    assert reasons_text(result.reasons) == "Rated Inadequate this month:+30"


def test_months_between():
    assert months_between(datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)) == 0
    assert months_between(datetime.date(2026, 1, 10), datetime.date(2027, 3, 15)) == 14
    assert months_between(datetime.date(2027, 1, 1), datetime.date(2026, 1, 1)) == 0


@settings(deadline=None)  # a loaded machine must not fail a pure rule
@given(inputs)
def test_reasons_add_up_to_the_score_which_stays_in_0_to_100(facts):
    result = score(facts, today=TODAY)
    assert sum(r.points for r in result.reasons) == result.score
    assert 0 <= result.score <= 100
    assert all(r.points != 0 for r in result.reasons)


WORSE = [
    lambda f: replace(f, overdue_actions=f.overdue_actions + 1),
    lambda f: replace(f, response_overdue=True),
    lambda f: replace(f, suspended=True),
    lambda f: replace(f, in_default=True),
    lambda f: replace(f, provider_concern=True),
    lambda f: replace(f, enquiries=(*f.enquiries, EnquiryFact("s42", TODAY))),
    lambda f: replace(f, enquiries=(*f.enquiries, EnquiryFact("care_concern", TODAY))),
    lambda f: replace(f, enquiries=(*f.enquiries, EnquiryFact("s42", TODAY, TODAY, "remains"))),
    lambda f: replace(f, intelligence=(*f.intelligence, IntelligenceFact("low", TODAY))),
    lambda f: replace(
        f,
        intelligence=(
            *f.intelligence,
            IntelligenceFact("high", TODAY - datetime.timedelta(days=400)),
        ),
    ),
    lambda f: replace(f, key_question_ratings=(*f.key_question_ratings, "inadequate")),
    lambda f: replace(f, key_question_ratings=(*f.key_question_ratings, "requires_improvement")),
]


@settings(deadline=None)  # a loaded machine must not fail a pure rule
@given(inputs, st.sampled_from(range(len(WORSE))))
def test_one_more_bad_thing_never_lowers_the_score(facts, which):
    before = score(facts, today=TODAY).score
    after = score(WORSE[which](facts), today=TODAY).score
    assert after >= before


SEVERITY = {None: 0, "outstanding": 0, "good": 0, "not_rated": 0, "requires_improvement": 1}
SEVERITY["inadequate"] = 2


@settings(deadline=None)  # a loaded machine must not fail a pure rule
@given(inputs, st.sampled_from(["requires_improvement", "inadequate"]))
def test_a_worse_rating_or_visit_judgement_never_lowers_the_score(facts, worse):
    rated = facts.rating if facts.rating is not None else "good"
    base = replace(facts, rating=rated)
    if SEVERITY[worse] >= SEVERITY[rated]:
        assert (
            score(replace(base, rating=worse), today=TODAY).score >= score(base, today=TODAY).score
        )
    if SEVERITY[worse] >= SEVERITY[facts.visit_judgement]:
        worse_visit = replace(facts, visit_judgement=worse, judged_on=facts.judged_on or TODAY)
        assert score(worse_visit, today=TODAY).score >= score(facts, today=TODAY).score


@settings(deadline=None)  # a loaded machine must not fail a pure rule
@given(st.integers(0, 100))
def test_band_boundaries(points):
    w = DEFAULT_WEIGHTS
    band = band_for(points)
    expected = (
        "very_high"
        if points >= w.very_high_from
        else "high"
        if points >= w.high_from
        else "medium"
        if points >= w.medium_from
        else "low"
    )
    assert band == expected
    assert band_for(24) == "low" and band_for(25) == "medium"
    assert band_for(49) == "medium" and band_for(50) == "high"
    assert band_for(74) == "high" and band_for(75) == "very_high"


def test_weights_change_the_points():
    facts = RiskInputs(rating="inadequate", rated_on=TODAY, commissioned=False)
    heavier = replace(DEFAULT_WEIGHTS, rated_inadequate=60)
    assert score(facts, today=TODAY, weights=heavier).score == 60


def test_an_open_provider_concern_adds_its_weight_in_words():
    result = score(
        RiskInputs(rating="good", commissioned=False, provider_concern=True), today=TODAY
    )
    assert str(result.reasons[-1]) == "Open provider concern +25"
    assert result.score == 25
