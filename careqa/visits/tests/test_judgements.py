"""Findings to judgements: every small combination of answers, and hypothesis for more."""

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careqa.providers.vocab import CQC_KEY_QUESTIONS, OFSTED_AREAS
from careqa.visits.rules.judgements import (
    ANSWER_LABELS,
    JUDGEMENTS,
    RULE_TEXT,
    Answer,
    area_judgement,
    band,
    departure_needs_reason,
    evidence_required,
    overall_judgement,
    rank,
)

ANSWERS = [a.value for a in Answer]
BETTER = {"not_met": ["partly_met", "met"], "partly_met": ["met"], "met": []}


def expected_score(answers):
    points = {"met": Fraction(1), "partly_met": Fraction(1, 2), "not_met": Fraction(0)}
    scored = [points[a] for a in answers if a != "not_applicable"]
    if not scored:
        return None
    return math.floor(Fraction(100) * sum(scored) / len(scored) + Fraction(1, 2))


def expected_band(score):
    if score >= 88:
        return "outstanding"
    if score >= 63:
        return "good"
    if score >= 39:
        return "requires_improvement"
    return "inadequate"


def check(answers):
    result = area_judgement(list(answers))
    score = expected_score(answers)
    assert result.score == score
    if score is None:
        assert result.judgement is None
    else:
        assert result.judgement == expected_band(score)
        assert f"which is {result.judgement.replace('_', ' ').capitalize()}" in result.explanation
    assert result.explanation
    return result


def test_every_combination_of_up_to_six_answers():
    for size in range(1, 7):
        for answers in itertools.product(ANSWERS, repeat=size):
            result = check(answers)
            for i, answer in enumerate(answers):
                for better in BETTER.get(answer, []):
                    improved = area_judgement([*answers[:i], better, *answers[i + 1 :]])
                    assert improved.score >= result.score
                    assert rank(improved.judgement) >= rank(result.judgement)


long_answers = st.lists(st.sampled_from(ANSWERS), min_size=7, max_size=60)


@settings(max_examples=300, deadline=None)
@given(long_answers, st.data())
def test_larger_sets_score_and_band_as_the_rule_says(answers, data):
    result = check(answers)
    i = data.draw(st.integers(0, len(answers) - 1))
    if BETTER.get(answers[i]):
        better = data.draw(st.sampled_from(BETTER[answers[i]]))
        improved = area_judgement([*answers[:i], better, *answers[i + 1 :]])
        assert rank(improved.judgement) >= rank(result.judgement)
    if result.percentage is not None:
        # The percentage shown never seems to round to another score than the one used.
        shown = result.explanation.split(": ")[1].split("%")[0]
        assert math.floor(float(shown) + 0.5) == result.score


@pytest.mark.parametrize(
    ("score", "judgement"),
    [
        (100, "outstanding"),
        (88, "outstanding"),
        (87, "good"),
        (63, "good"),
        (62, "requires_improvement"),
        (39, "requires_improvement"),
        (38, "inadequate"),
        (0, "inadequate"),
    ],
)
def test_the_edges_of_each_band(score, judgement):
    assert band(score) == judgement


def test_half_points_round_up_at_the_band_edges():
    # 6 met and 2 partly met of 8: 87.5, rounded up to 88, Outstanding.
    result = area_judgement(["met"] * 6 + ["partly_met"] * 2)
    assert (result.score, result.judgement) == (88, "outstanding")
    assert result.explanation == (
        "6 of 8 questions met, 2 partly met: 87.5%, rounded to 88, which is Outstanding (88 to 100)"
    )
    # 5 of 8: 62.5, rounded up to 63, Good; 3 of 8 = 37.5, rounded up to 38, Inadequate.
    assert area_judgement(["met"] * 5 + ["not_met"] * 3).judgement == "good"
    assert area_judgement(["met"] * 3 + ["not_met"] * 5).judgement == "inadequate"
    # 7 of 18: 38.89, rounded to 39, Requires improvement.
    assert area_judgement(["met"] * 7 + ["not_met"] * 11).judgement == "requires_improvement"
    with pytest.raises(ValueError):
        band(101)


def test_not_applicable_is_left_out_and_unanswered_means_no_judgement_yet():
    result = area_judgement(["met", "met", "met", "not_met", "not_applicable"])
    assert result.explanation == (
        "3 of 4 questions met, 1 not met (1 not applicable): 75%, which is Good (63 to 87)"
    )
    assert result.not_applicable == 1 and result.met == 3
    waiting = area_judgement(["met", None, ""])
    assert (waiting.score, waiting.judgement, waiting.unanswered) == (None, None, 2)
    assert waiting.explanation.startswith("2 of 3 questions not answered yet")
    assert area_judgement(["not_applicable"]).explanation == "No question applies: no judgement"
    assert area_judgement([]).judgement is None
    with pytest.raises(ValueError):
        area_judgement(["maybe"])


def test_an_awkward_percentage_is_shown_precisely_enough():
    # 29.5 points of 48: 61.458..., which to one place (61.5) would seem to round to 62.
    answers = ["met"] * 29 + ["partly_met"] + ["not_met"] * 18
    result = area_judgement(answers)
    assert result.score == 61 and "61.5%" not in result.explanation


judgements = st.sampled_from(JUDGEMENTS).map(str)


def expected_overall(values):
    if any(v is None for v in values):
        return None
    inadequate = values.count("inadequate")
    requires = values.count("requires_improvement")
    if inadequate >= 2:
        return "inadequate"
    if inadequate or requires >= 2:
        return "requires_improvement"
    if values.count("outstanding") >= 2 and not requires:
        return "outstanding"
    return "good"


def test_every_combination_of_cqcs_key_questions_and_ofsteds_areas():
    for keys in (CQC_KEY_QUESTIONS, OFSTED_AREAS):
        for values in itertools.product([*(j.value for j in JUDGEMENTS), None], repeat=len(keys)):
            result = overall_judgement(dict(zip(keys, values, strict=True)))
            assert result.judgement == expected_overall(list(values))
            assert result.explanation
            if result.judgement is None:
                continue
            # Improving one area never lowers the overall judgement.
            for i, value in enumerate(values):
                for better in JUDGEMENTS:
                    if rank(better) > rank(value):
                        improved = dict(zip(keys, values, strict=True))
                        improved[keys[i]] = better.value
                        assert rank(overall_judgement(improved).judgement) >= rank(result.judgement)


def test_the_overall_reasons_name_the_key_questions():
    assert (
        overall_judgement(
            {"safe": None, "effective": "good", "caring": "good", "responsive": "good"}
        ).explanation
        == "Safe has not been judged yet"
    )
    two = {"safe": "inadequate", "well_led": "inadequate", "caring": "good"}
    assert overall_judgement(two).explanation == (
        "Safe and Well-led are Inadequate: two or more key questions Inadequate make the "
        "overall judgement Inadequate"
    )
    best = dict.fromkeys(CQC_KEY_QUESTIONS, "good") | {"caring": "outstanding"}
    assert overall_judgement(best).judgement == "good"
    best["well_led"] = "outstanding"
    assert overall_judgement(best).judgement == "outstanding"
    best["safe"] = "requires_improvement"
    result = overall_judgement(best)
    assert result.judgement == "good" and result.explanation.startswith(
        "Safe is Requires improvement and none is Inadequate"
    )
    assert overall_judgement({}).judgement is None
    assert "areas" in overall_judgement(dict.fromkeys(OFSTED_AREAS, "inadequate")).explanation
    with pytest.raises(ValueError):
        overall_judgement({"safe": "not_rated"})


@settings(deadline=None)
@given(st.none() | judgements, st.none() | judgements)
def test_a_departure_from_the_rule_needs_a_reason(rule, chosen):
    assert departure_needs_reason(rule, chosen) is (chosen is not None and chosen != rule)


@settings(deadline=None)
@given(st.none() | judgements)
def test_requires_improvement_or_worse_needs_evidence(judgement):
    assert evidence_required(judgement) is (judgement in ("requires_improvement", "inadequate"))


def test_the_rule_is_written_down_for_the_interface():
    assert "88 to 100 is Outstanding" in RULE_TEXT and "CQC" in RULE_TEXT
    assert set(ANSWER_LABELS) == set(Answer)
