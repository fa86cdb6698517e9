"""The meetings' rules: which decision takes which step, who may record it, and what
"since the last meeting" means, by example and by property."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from careqa.accounts.permissions import Permission
from careqa.escalation.vocab import StepKind
from careqa.meetings import rules
from careqa.meetings.vocab import MeetingStatus, Outcome

DAY = datetime.date(2027, 3, 3)
dates = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2030, 12, 31))
statuses = st.sampled_from(list(MeetingStatus.values))
kinds = st.sampled_from(["commissioning_quality", "quality_surveillance"])
meetings = st.lists(st.tuples(dates, kinds, statuses), max_size=12)
outcomes = st.sampled_from(list(Outcome.values))


def test_each_step_decision_names_its_rung():
    assert rules.step_taken(Outcome.SUSPEND) == StepKind.SUSPENSION
    assert rules.step_taken(Outcome.DEFAULT_NOTICE) == StepKind.DEFAULT_NOTICE
    assert rules.step_taken(Outcome.MONITOR) == StepKind.MONITORING
    assert rules.step_ended(Outcome.LIFT) == StepKind.SUSPENSION
    assert rules.step_taken(Outcome.NO_ACTION) is None
    assert rules.step_taken(Outcome.SAFEGUARDING) is None


@given(outcomes)
def test_a_decision_takes_a_step_or_ends_one_never_both(outcome):
    assert not (rules.step_taken(outcome) and rules.step_ended(outcome))


@given(outcomes)
def test_a_decision_on_the_ladder_is_a_managers(outcome):
    on_ladder = rules.step_taken(outcome) or rules.step_ended(outcome)
    needed = rules.permission_for(outcome)
    assert (needed == Permission.DECIDE_ESCALATION) == bool(on_ladder)
    if outcome == Outcome.FURTHER_VISIT:
        assert needed == Permission.PLAN_PROGRAMME


@given(meetings, kinds, dates)
def test_the_last_meeting_is_the_latest_of_its_kind_that_took_place_before(history, kind, on):
    last = rules.last_meeting_before(history, kind=kind, on=on)
    candidates = [d for d, k, s in history if k == kind and s in rules.TOOK_PLACE and d < on]
    if last is None:
        assert not candidates
    else:
        assert last < on
        assert last in candidates
        assert all(d <= last for d in candidates)


def test_a_planned_meeting_is_not_the_last_meeting():
    history = [(DAY, "commissioning_quality", MeetingStatus.PLANNED)]
    assert (
        rules.last_meeting_before(history, kind="commissioning_quality", on=DAY.replace(day=30))
        is None
    )


@given(st.one_of(st.none(), dates), dates, dates)
def test_new_since_is_after_the_last_meeting_and_by_this_one(last, on, day):
    since = rules.since(last, on)
    if last is None:
        assert since == on - datetime.timedelta(days=rules.FIRST_MEETING_LOOKBACK_DAYS)
    assert rules.new_since(day, since=since, on=on) == (since < day <= on)
    # The last meeting's own day was its business, not the next one's.
    assert not rules.new_since(since, since=since, on=on)


@given(st.one_of(st.none(), dates), dates)
def test_due_by_the_meeting(day, on):
    assert rules.due_by(day, on) == (day is not None and day <= on)


@given(statuses, dates, dates)
def test_no_decision_after_approval_or_before_the_meeting(status, held_on, today):
    error = rules.decision_error(status=status, held_on=held_on, today=today)
    assert (error is None) == (status != MeetingStatus.APPROVED and held_on <= today)


@given(statuses, st.integers(0, 20), st.integers(0, 20))
def test_minutes_approved_only_when_held_and_every_item_decided(status, undecided, items):
    undecided = min(undecided, items)
    error = rules.approval_error(status=status, undecided=undecided, items=items)
    assert (error is None) == (status == MeetingStatus.HELD and items > 0 and undecided == 0)


def test_the_meeting_moves_forward_only():
    assert rules.next_status(MeetingStatus.PLANNED) == MeetingStatus.HELD
    assert rules.next_status(MeetingStatus.HELD) == MeetingStatus.APPROVED
    assert rules.next_status(MeetingStatus.APPROVED) is None


def test_a_kind_registered_later_gets_only_the_sections_for_it(monkeypatch):
    from careqa.meetings import agenda, kinds

    monkeypatch.setattr(kinds, "KINDS", dict(kinds.KINDS))
    monkeypatch.setattr(agenda, "REGISTRY", list(agenda.REGISTRY))
    kinds.register(kinds.Kind("provider_forum", "Provider forum"))

    @agenda.register
    class ForumOnly(agenda.Section):
        key, title, kinds = ("forum-only", "For the forum", frozenset({"provider_forum"}))

    assert ("provider_forum", "Provider forum") in kinds.choices()
    assert ForumOnly in agenda.sections_for("provider_forum")
    assert ForumOnly not in agenda.sections_for("commissioning_quality")
    everywhere = [s for s in agenda.REGISTRY if s.kinds is None]
    assert set(everywhere) <= set(agenda.sections_for("provider_forum"))


def test_the_quality_surveillance_meeting_keeps_to_its_own_sections():
    from careqa.meetings import agenda, kinds

    keys = [s.key for s in agenda.sections_for("quality_surveillance")]
    assert keys == [
        "decided-last-time",
        "risk-highest",
        "risk-rising",
        "risk-new-intelligence",
        "risk-open-enquiries",
        "newly-rated",
        "risk-open-concerns",
    ]
    assert "risk-highest" not in [s.key for s in agenda.sections_for("commissioning_quality")]
    qs = kinds.get("quality_surveillance")
    assert qs.professions and qs.log_title == "Quality surveillance log"
    assert "suspend" not in rules.outcomes_for(qs) and "refer" in rules.outcomes_for(qs)
    assert "refer" not in rules.outcomes_for(kinds.get("commissioning_quality"))
