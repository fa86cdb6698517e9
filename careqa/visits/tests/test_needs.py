"""How many visits a service needs in a year: bounded, spread, in words (hypothesis)."""

import dataclasses
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from careqa.visits.rules.needs import (
    RULES_TABLE,
    VISIT_TYPE_LABELS,
    ServiceFacts,
    VisitType,
    equal_windows,
    visit_needs,
)
from careqa.visits.tests.strategies import YEAR, service_facts

FIRST, LAST = date(YEAR, 1, 1), date(YEAR, 12, 31)


def facts(**changes):
    base = ServiceFacts(
        service_id=1,
        regulator="cqc",
        rating="good",
        rated_on=date(2024, 5, 1),
        commissioned_since=date(2019, 4, 1),
        contract_standing="active",
    )
    return dataclasses.replace(base, **changes)


def starts_after_the_year(found):
    return found.commissioned_since is not None and found.commissioned_since > LAST


@settings(deadline=None)
@given(service_facts())
def test_every_need_falls_in_the_year_with_a_reason(found):
    for need in visit_needs(found, year=YEAR):
        assert FIRST <= need.earliest <= need.latest <= LAST
        assert need.reasons and all(reason.strip() for reason in need.reasons)
        assert need.visit_type in VISIT_TYPE_LABELS


@settings(deadline=None)
@given(service_facts(commissioned=True))
def test_every_active_commissioned_service_is_visited_at_least_once(found):
    needs = visit_needs(found, year=YEAR)
    if found.active and not starts_after_the_year(found):
        assert 1 <= len(needs) <= 9
    else:
        assert needs == []


@settings(deadline=None)
@given(service_facts(commissioned=False))
def test_a_service_we_do_not_commission_needs_no_visits(found):
    assert visit_needs(found, year=YEAR) == []


@settings(deadline=None)
@given(service_facts(commissioned=True))
def test_windows_follow_each_other_in_date_order(found):
    needs = visit_needs(found, year=YEAR)
    assert [n.earliest for n in needs] == sorted(n.earliest for n in needs)
    # Windows overlap only when the days left are fewer than the visits.
    for before, after in zip(needs, needs[1:], strict=False):
        if before.latest >= after.earliest:
            assert (after.latest - after.earliest).days + 1 < len(needs) or (
                before.visit_type == VisitType.INITIAL and before.latest == LAST
            )


@st.composite
def worse(draw, found):
    """The same service with one or more risk factors added or made worse."""
    ladder = ["outstanding", "good", "requires_improvement", "inadequate"]
    rating = found.rating
    if draw(st.booleans()):
        if rating in ladder:
            rating = draw(st.sampled_from(ladder[ladder.index(rating) :]))
        elif rating is None:
            rating = draw(st.sampled_from([None, "requires_improvement", "inadequate"]))
    standing = found.contract_standing
    if draw(st.booleans()):
        standing = draw(st.sampled_from(["suspended", "in_default"]))
    overdue = found.overdue_actions + draw(st.integers(0, 3))
    risk = found.risk_score
    if draw(st.booleans()):
        risk = draw(st.floats(risk or 0, 100))
    return dataclasses.replace(
        found, rating=rating, contract_standing=standing, overdue_actions=overdue, risk_score=risk
    )


@settings(max_examples=200, deadline=None)
@given(st.data(), service_facts(commissioned=True))
def test_more_risk_never_means_fewer_visits(data, found):
    riskier = data.draw(worse(found))
    assert len(visit_needs(riskier, year=YEAR)) >= len(visit_needs(found, year=YEAR))


def test_a_good_service_gets_its_annual_contract_review():
    (need,) = visit_needs(facts(), year=YEAR)
    assert (need.visit_type, need.earliest, need.latest) == ("contract_review", FIRST, LAST)
    assert need.reasons == ("Commissioned by us: the annual contract review",)


def test_requires_improvement_adds_a_visit_and_says_why():
    needs = visit_needs(facts(rating="requires_improvement"), year=YEAR)
    assert [n.visit_type for n in needs] == ["service_review", "contract_review"]
    assert needs[0].reasons == (
        "Rated Requires improvement by CQC on 1 May 2024: one more visit in the year",
    )
    assert needs[0].latest < needs[1].earliest


def test_inadequate_adds_two_visits_about_every_four_months():
    needs = visit_needs(facts(rating="inadequate", regulator="ofsted"), year=YEAR)
    assert [n.visit_type for n in needs] == ["service_review"] * 2 + ["contract_review"]
    assert [n.earliest for n in needs] == [FIRST, date(YEAR, 5, 2), date(YEAR, 9, 1)]
    assert "by Ofsted" in needs[0].reasons[0]


def test_a_suspended_service_is_visited_every_quarter():
    needs = visit_needs(facts(contract_standing="suspended"), year=YEAR)
    assert [n.visit_type for n in needs] == ["suspended_service"] * 3 + ["contract_review"]
    assert [n.earliest.month for n in needs] == [1, 4, 7, 10]
    assert needs[0].reasons[0].startswith("Contract suspended: a visit every quarter")


def test_each_reasons_visits_spread_over_the_year():
    needs = visit_needs(
        facts(rating="inadequate", contract_standing="in_default", overdue_actions=2),
        year=YEAR,
    )
    suspended = [n for n in needs if n.visit_type == "suspended_service"]
    assert len(needs) == 7 and len(suspended) == 3
    assert suspended[0].earliest == FIRST and suspended[-1].earliest.month >= 7


def test_not_yet_inspected_overdue_actions_and_high_risk_each_add_one():
    assert len(visit_needs(facts(rating=None), year=YEAR)) == 2
    assert len(visit_needs(facts(rating="not_rated"), year=YEAR)) == 2
    assert len(visit_needs(facts(overdue_actions=1), year=YEAR)) == 2
    assert len(visit_needs(facts(risk_score=74.9), year=YEAR)) == 1
    high = visit_needs(facts(risk_score=75), year=YEAR)
    assert high[0].reasons == ("Risk score 75 of 100 (75 or more): one more visit",)
    assert visit_needs(facts(rating=None), year=YEAR)[0].reasons == (
        "Not yet inspected by CQC: one more visit",
    )


def test_a_new_service_gets_an_initial_visit_within_eight_weeks_instead():
    needs = visit_needs(facts(commissioned_since=date(YEAR, 3, 3)), year=YEAR)
    (initial,) = needs
    assert (initial.visit_type, initial.earliest, initial.latest) == (
        "initial",
        date(YEAR, 3, 3),
        date(YEAR, 4, 28),
    )
    assert initial.reasons[0].startswith("New to our contracts since 3 March 2026")
    late = visit_needs(facts(commissioned_since=date(YEAR, 12, 20), rating=None), year=YEAR)
    assert [(n.earliest, n.latest) for n in late] == [(date(YEAR, 12, 20), LAST)] * 2


def test_a_service_new_at_the_end_of_last_year_is_visited_early_as_well():
    needs = visit_needs(facts(commissioned_since=date(YEAR - 1, 12, 1)), year=YEAR)
    assert [n.visit_type for n in needs] == ["initial", "contract_review"]
    assert needs[0].earliest == FIRST and needs[0].latest == date(YEAR, 1, 29)
    assert needs[1].earliest == date(YEAR, 1, 30)
    visited = facts(commissioned_since=date(YEAR - 1, 12, 1), last_visit_on=date(YEAR - 1, 12, 9))
    assert [n.visit_type for n in visit_needs(visited, year=YEAR)] == ["contract_review"]
    # A visit during the year is a fixed visit for the planner: it does not count here.
    this_year = dataclasses.replace(visited, last_visit_on=date(YEAR, 1, 9))
    assert len(visit_needs(this_year, year=YEAR)) == 2


def test_the_most_a_service_can_need_is_nine():
    worst = facts(
        commissioned_since=date(YEAR - 1, 12, 1),
        rating="inadequate",
        contract_standing="suspended",
        overdue_actions=4,
        risk_score=99,
    )
    assert len(visit_needs(worst, year=YEAR)) == 9


def test_inactive_uncommissioned_or_future_services_need_nothing():
    assert visit_needs(facts(active=False), year=YEAR) == []
    assert visit_needs(facts(contract_standing=None), year=YEAR) == []
    assert visit_needs(facts(contract_standing="terminated"), year=YEAR) == []
    assert visit_needs(facts(commissioned_since=date(YEAR + 1, 1, 1)), year=YEAR) == []


@settings(deadline=None)
@given(
    st.dates(min_value=FIRST, max_value=LAST),
    st.integers(0, 400),
    st.integers(1, 10),
)
def test_equal_windows_share_out_the_days_without_overlap(start, length, count):
    end = min(start + timedelta(days=length), LAST)
    windows = equal_windows(start, end, count)
    assert len(windows) == count
    days = (end - start).days + 1
    if days >= count:
        assert windows[0][0] == start and windows[-1][1] == end
        sizes = [(b - a).days + 1 for a, b in windows]
        assert max(sizes) - min(sizes) <= 1
        for (_, before), (after, _) in zip(windows, windows[1:], strict=False):
            assert (after - before).days == 1
    else:
        assert windows == [(start, end)] * count


def test_the_rules_table_is_there_for_the_interface():
    assert len(RULES_TABLE) >= 8 and all(len(row) == 2 for row in RULES_TABLE)
