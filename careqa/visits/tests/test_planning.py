"""The year's programme: every need placed or explained, never over anyone's capacity."""

import dataclasses
import random
from collections import Counter
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from careqa.visits.rules.calendar import bank_holidays, is_working_day, week_key
from careqa.visits.rules.needs import ServiceFacts, visit_needs
from careqa.visits.rules.planning import (
    FixedVisit,
    OfficerCapacity,
    ServiceToPlan,
    covers,
    plan_year,
)
from careqa.visits.tests.strategies import YEAR, service_facts

FIRST, LAST = date(YEAR, 1, 1), date(YEAR, 12, 31)
TYPES = ["residential", "nursing", "domiciliary", "childrens_home"]
VISIT_TYPES = ["contract_review", "service_review", "initial", "routine_monitoring", "themed"]
WEEK = frozenset(range(5))
in_the_year = st.dates(min_value=FIRST, max_value=LAST)


@st.composite
def officers(draw):
    count = draw(st.integers(1, 4))
    # Weighted towards officers who can take visits, so that most plans have some.
    return [
        OfficerCapacity(
            officer_id=oid,
            visits_per_week=draw(st.one_of(st.integers(1, 5), st.integers(0, 2))),
            weekdays=draw(st.one_of(st.just(WEEK), st.frozensets(st.integers(0, 6), min_size=1))),
            councils=draw(st.one_of(st.none(), st.none(), st.frozensets(st.integers(1, 3)))),
            service_types=draw(
                st.one_of(st.none(), st.none(), st.frozensets(st.sampled_from(TYPES), min_size=1))
            ),
            unavailable=draw(st.frozensets(in_the_year, max_size=15)),
        )
        for oid in range(1, count + 1)
    ]


@st.composite
def councils_work(draw):
    """Services, officers, fixed visits and the day of re-planning, drawn together."""
    team = draw(officers())
    count = draw(st.integers(1, 12))
    services = [
        ServiceToPlan(
            facts=draw(service_facts(service_id=sid, commissioned=True)),
            council_id=draw(st.none() | st.integers(1, 3)),
            service_types=draw(st.frozensets(st.sampled_from(TYPES), max_size=2)),
            lead_officer_id=draw(st.none() | st.integers(1, 5)),
            joint_partner=draw(st.sampled_from(["", "NHS quality nurse"])),
        )
        for sid in range(1, count + 1)
    ]
    fixed = []
    if services:
        fixed = draw(
            st.lists(
                st.builds(
                    FixedVisit,
                    service_id=st.integers(1, count),
                    officer_id=st.integers(1, len(team)),
                    day=in_the_year,
                    visit_type=st.sampled_from(VISIT_TYPES),
                ),
                max_size=6,
            )
        )
    not_before = draw(st.one_of(st.none(), st.none(), in_the_year))
    return services, team, fixed, not_before


def plan(work):
    services, team, fixed, not_before = work
    return plan_year(services, team, year=YEAR, fixed=fixed, not_before=not_before)


@settings(max_examples=120, deadline=None)
@given(councils_work())
def test_every_need_is_planned_in_its_window_met_or_explained(work):
    services, team, fixed, not_before = work
    result = plan(work)
    start = max(FIRST, not_before) if not_before else FIRST
    for service in services:
        sid = service.service_id
        expected = Counter(visit_needs(service.facts, year=YEAR))
        planned = [v for v in result.visits if v.service_id == sid]
        accounted = Counter(v.need for v in planned)
        accounted.update(u.need for u in result.unplaced if u.service_id == sid)
        accounted.update(m.need for m in result.met if m.service_id == sid)
        assert accounted == expected
        for visit in planned:
            need = visit.need
            assert visit.visit_type == need.visit_type
            assert visit.reasons[: len(need.reasons)] == need.reasons
            assert visit.joint_partner == service.joint_partner
            assert start <= visit.day <= LAST
            if need.latest >= start:
                assert need.earliest <= visit.day <= need.latest
            else:
                assert "as soon as possible" in visit.reasons[-1]
    for met in result.met:
        assert met.fixed in fixed and met.need.earliest <= met.fixed.day <= met.need.latest
    assert len({id(m.fixed) for m in result.met}) == len(result.met)
    assert all(u.why.strip() for u in result.unplaced)


@settings(max_examples=120, deadline=None)
@given(councils_work())
def test_no_officer_is_ever_booked_beyond_their_capacity_days_or_patch(work):
    services, team, fixed, _ = work
    before = list(fixed)
    result = plan(work)
    assert fixed == before  # kept as they were, and never among the new visits
    by_id = {o.officer_id: o for o in team}
    service_by_id = {s.service_id: s for s in services}
    holidays = bank_holidays(YEAR)
    for visit in result.visits:
        officer = by_id[visit.officer_id]
        assert visit.day.weekday() < 5 and visit.day not in holidays
        assert is_working_day(visit.day, weekdays=officer.weekdays)
        assert visit.day not in officer.unavailable
        assert covers(officer, service_by_id[visit.service_id])
    everything = [(v.officer_id, v.day) for v in [*result.visits, *fixed]]
    per_week = Counter((oid, week_key(day)) for oid, day in everything)
    for visit in result.visits:
        # Fixed visits may already overfill a week; the planner never adds to it then.
        assert (
            per_week[visit.officer_id, week_key(visit.day)]
            <= by_id[visit.officer_id].visits_per_week
        )
    planned_days = Counter((v.officer_id, v.day) for v in result.visits)
    fixed_days = {(v.officer_id, v.day) for v in fixed}
    assert all(n == 1 for n in planned_days.values())
    assert not set(planned_days) & fixed_days
    service_days = Counter((v.service_id, v.day) for v in result.visits)
    assert all(n == 1 for n in service_days.values())
    assert not set(service_days) & {(v.service_id, v.day) for v in fixed}


@settings(max_examples=50, deadline=None)
@given(councils_work(), st.randoms(use_true_random=False))
def test_the_plan_is_the_same_whatever_the_order_of_the_input(work, rng):
    services, team, fixed, not_before = work
    first = plan(work)
    shuffled = [list(services), list(team), list(fixed)]
    for items in shuffled:
        rng.shuffle(items)
    assert plan((*shuffled, not_before)) == first == plan(work)


# Worked examples: a small team in one council.


def facts(service_id, **changes):
    base = ServiceFacts(
        service_id=service_id,
        regulator="cqc",
        rating="good",
        rated_on=date(2024, 5, 1),
        commissioned_since=date(2019, 4, 1),
        contract_standing="active",
    )
    return dataclasses.replace(base, **changes)


def service(service_id, *, lead=None, council=1, types=("residential",), **changes):
    return ServiceToPlan(facts(service_id, **changes), council, frozenset(types), lead)


def officer(officer_id, per_week=5, weekdays=(0, 1, 2, 3, 4), **changes):
    return OfficerCapacity(officer_id, per_week, frozenset(weekdays), **changes)


def test_the_lead_officer_visits_their_service():
    result = plan_year([service(1, lead=2)], [officer(1), officer(2)], year=YEAR)
    assert [v.officer_id for v in result.visits] == [2]


def test_the_officer_with_the_services_other_visits_is_preferred_to_the_least_loaded():
    services = [service(1, rating="inadequate")]
    fixed = [FixedVisit(1, 2, date(YEAR, 1, 6), "service_review")]
    result = plan_year(services, [officer(1), officer(2)], year=YEAR, fixed=fixed)
    assert [v.officer_id for v in result.visits] == [2, 2]
    # The fixed visit met the first service review: the others are planned after it.
    assert [m.fixed for m in result.met] == fixed
    assert [v.visit_type for v in result.visits] == ["service_review", "contract_review"]


def test_without_a_lead_the_least_loaded_officer_takes_the_visit_and_load_spreads():
    services = [service(sid) for sid in range(1, 41)]
    result = plan_year(services, [officer(1), officer(2, per_week=2)], year=YEAR)
    loads = Counter(v.officer_id for v in result.visits)
    assert loads == {1: 28, 2: 12}  # in proportion to what each can do in a week
    weeks = Counter(week_key(v.day) for v in result.visits if v.officer_id == 1)
    assert max(weeks.values()) == 1  # one a week before any week has two


def test_patch_is_kept_and_a_service_nobody_covers_is_reported():
    services = [
        service(1, council=1),
        service(2, council=2),
        service(3, council=2, types=("nursing",)),
    ]
    team = [officer(1, councils=frozenset({1})), officer(2, service_types=frozenset({"nursing"}))]
    result = plan_year(services, team, year=YEAR, council_names={2: "Dudley"})
    assert {(v.service_id, v.officer_id) for v in result.visits} == {(1, 1), (3, 2)}
    (unplaced,) = result.unplaced
    assert unplaced.service_id == 2
    assert unplaced.why == "No officer covers this service's patch (Dudley; Residential home)"


def test_a_fully_booked_team_says_so_with_the_window():
    services = [service(1, contract_standing="suspended")]
    away = frozenset(FIRST + timedelta(days=i) for i in range(120))
    result = plan_year(services, [officer(1, unavailable=away)], year=YEAR)
    (unplaced,) = result.unplaced
    assert unplaced.why == (
        "Every officer who covers this service is fully booked or away between "
        "1 January 2026 and 1 April 2026"
    )
    assert len(result.visits) == 3


def test_a_window_without_a_working_day_says_so():
    # New on Saturday 30 December 2028: the initial visit's window holds only a weekend.
    weekend = service(1, commissioned_since=date(2028, 12, 30))
    (unplaced,) = plan_year([weekend], [officer(1)], year=2028).unplaced
    assert unplaced.why == "There is no working day between 30 December 2028 and 31 December 2028"


def test_no_visit_on_a_bank_holiday_a_weekend_or_over_the_weekly_limit():
    # Christmas week of 2026: Friday 25 and Monday 28 December are bank holidays.
    services = [service(sid, commissioned_since=date(YEAR, 12, 21)) for sid in range(1, 9)]
    result = plan_year(services, [officer(1, per_week=3)], year=YEAR)
    days = sorted(v.day for v in result.visits)
    assert days == [date(YEAR, 12, d) for d in (21, 22, 23, 29, 30, 31)]
    assert len(result.unplaced) == 2


def test_replanning_never_goes_back_and_catches_up_on_a_missed_window():
    today = date(YEAR, 6, 1)
    result = plan_year(
        [service(1, contract_standing="suspended")], [officer(1)], year=YEAR, not_before=today
    )
    first, *_ = result.visits
    assert first.day == today and first.visit_type == "suspended_service"
    assert first.reasons[-1] == (
        "Due between 1 January 2026 and 1 April 2026: planned as soon as possible after 1 June 2026"
    )
    assert all(v.day >= today for v in result.visits)
    after = plan_year([service(1)], [officer(1)], year=YEAR, not_before=date(YEAR + 1, 1, 4))
    assert after.visits == [] and "after the end of 2026" in after.unplaced[0].why


def test_fixed_visits_are_kept_count_against_capacity_and_meet_needs():
    fixed = [FixedVisit(9, 1, date(YEAR, 1, d), "themed") for d in (5, 6)]
    result = plan_year([service(1)], [officer(1, per_week=2)], year=YEAR, fixed=fixed)
    (visit,) = result.visits
    assert week_key(visit.day) != week_key(date(YEAR, 1, 5))
    met = plan_year(
        [service(1)],
        [officer(1)],
        year=YEAR,
        fixed=[FixedVisit(1, 1, date(YEAR, 3, 3), "themed")],
    )
    assert met.visits == [] and met.unplaced == [] and len(met.met) == 1


def test_joint_visits_are_marked():
    joint = dataclasses.replace(service(1), joint_partner="NHS quality nurse")
    (visit,) = plan_year([joint], [officer(1)], year=YEAR).visits
    assert visit.joint_partner == "NHS quality nurse"
    assert visit.reasons == ("Commissioned by us: the annual contract review",)


def test_a_large_council_is_planned_the_same_way_twice():
    rng = random.Random(8)
    services = [
        service(sid, council=rng.randint(1, 3), rating=rng.choice(["good", "inadequate", None]))
        for sid in range(1, 301)
    ]
    team = [officer(oid, councils=frozenset({oid % 3 + 1, 1})) for oid in range(1, 6)]
    first = plan_year(services, team, year=YEAR)
    assert first == plan_year(list(reversed(services)), team, year=YEAR)
    assert not first.unplaced
