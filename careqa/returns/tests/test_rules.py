"""The returns' pure rules: periods and windows for an injected today, values, rules between
values, the line format, quartiles; examples in words and properties by the hundred."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careqa.returns import rules
from careqa.returns.defaults import DEFAULTS
from careqa.risk.rules.score import RiskInputs, score

days = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2032, 12, 31))
MONTHLY = rules.Schedule(rules.MONTHLY, 8, 14)


def schedules():
    repeating = st.sampled_from([rules.MONTHLY, rules.WEEKLY, rules.DAILY]).flatmap(
        lambda period: st.tuples(st.integers(1, 31), st.integers(1, 31)).map(
            lambda w: rules.Schedule(period, min(w), max(w))
        )
    )
    one_off = st.tuples(days, st.integers(0, 60)).map(
        lambda t: rules.Schedule(
            rules.ONE_OFF, opens_on=t[0], closes_on=t[0] + datetime.timedelta(t[1])
        )
    )
    return repeating | one_off


def test_the_capacity_trackers_window_8th_to_14th():
    start = datetime.date(2026, 10, 1)
    assert rules.window(MONTHLY, start) == (datetime.date(2026, 10, 8), datetime.date(2026, 10, 14))
    on = {d: rules.status(MONTHLY, start, today=datetime.date(2026, 10, d)) for d in (7, 8, 14, 15)}
    assert on == {7: "upcoming", 8: "due", 14: "due", 15: "missed"}
    assert (
        rules.status(
            MONTHLY,
            start,
            today=datetime.date(2026, 11, 1),
            submitted_on=datetime.date(2026, 10, 20),
        )
        == "late"
    )
    # On the 3rd of November the latest window opened is October's.
    assert rules.current_period(MONTHLY, today=datetime.date(2026, 11, 3)) == start
    assert rules.window_words(MONTHLY) == "the 8th to the 14th of each month"


def test_a_window_past_the_months_end_is_clipped():
    feb = datetime.date(2026, 2, 1)
    schedule = rules.Schedule(rules.MONTHLY, 25, 31)
    assert rules.window(schedule, feb) == (datetime.date(2026, 2, 25), datetime.date(2026, 2, 28))


@settings(deadline=None, max_examples=150)
@given(schedules(), days)
def test_a_day_lies_in_the_period_its_start_names(schedule, day):
    start = rules.period_start(schedule, day)
    if schedule.period == rules.ONE_OFF:
        assert start == schedule.opens_on
        return
    assert start <= day
    assert rules.period_start(schedule, start) == start
    following = rules.next_period(schedule, start)
    assert day < following
    assert rules.previous_period(schedule, following) == start


@settings(deadline=None, max_examples=150)
@given(schedules(), days)
def test_a_window_lies_in_order_and_the_status_moves_forward(schedule, day):
    start = rules.period_start(schedule, day)
    opens, closes = rules.window(schedule, start)
    assert opens <= closes
    order = [rules.UPCOMING, rules.DUE, rules.MISSED]
    seen = [
        rules.status(schedule, start, today=opens + datetime.timedelta(d)) for d in (-1, 0, 400)
    ]
    assert seen == order
    assert rules.status(schedule, start, today=closes) == rules.DUE
    assert rules.may_submit(schedule, start, today=closes + datetime.timedelta(1))
    assert not rules.may_submit(schedule, start, today=opens - datetime.timedelta(1))


@settings(deadline=None, max_examples=150)
@given(schedules(), days, st.integers(-40, 40))
def test_sent_after_the_window_is_late_and_only_then(schedule, day, offset):
    start = rules.period_start(schedule, day)
    closes = rules.window(schedule, start)[1]
    sent = closes + datetime.timedelta(offset)
    state = rules.status(schedule, start, today=sent, submitted_on=sent)
    assert (state == rules.LATE) == (offset > 0) == rules.is_late(schedule, start, sent)


@settings(deadline=None, max_examples=150)
@given(schedules(), days, st.integers(1, 10))
def test_recent_periods_are_open_newest_first(schedule, today, count):
    found = rules.recent_periods(schedule, today=today, count=count)
    for start in found:
        assert rules.window(schedule, start)[0] <= today
    assert found == sorted(found, reverse=True)
    if schedule.period != rules.ONE_OFF:
        assert len(found) == count
        assert found[0] == rules.current_period(schedule, today=today)


@settings(deadline=None, max_examples=150)
@given(schedules(), days, st.integers(0, 5))
def test_reminders_fall_only_in_the_windows_last_days(schedule, today, days_before):
    start = rules.current_period(schedule, today=today)
    if start is None:
        return
    opens, closes = rules.window(schedule, start)
    if rules.closes_within(schedule, start, today=today, days=days_before):
        assert opens <= today <= closes and (closes - today).days <= days_before


def _spec(**kw):
    base = {
        "code": "beds",
        "label": "Beds",
        "kind": rules.INTEGER,
        "minimum": Decimal(0),
        "maximum": Decimal(400),
    }
    return rules.FieldSpec(**(base | kw))


@settings(deadline=None, max_examples=150)
@given(st.integers(-1000, 1000))
def test_an_integer_is_kept_inside_its_range_and_refused_outside(n):
    value, message = rules.clean_value(_spec(), str(n))
    if 0 <= n <= 400:
        assert (value, message) == (str(n), "")
    else:
        assert value is None and message.startswith("Beds must be")


@settings(deadline=None, max_examples=150)
@given(st.decimals(min_value=-50, max_value=150, places=2, allow_nan=False))
def test_a_percentage_is_0_to_100(d):
    value, message = rules.clean_value(
        _spec(kind=rules.PERCENTAGE, minimum=None, maximum=None), f"{d}%"
    )
    assert (message == "") == (0 <= d <= 100)


@pytest.mark.parametrize(
    ("spec", "raw", "message"),
    [
        (_spec(), "", "Enter beds"),
        (_spec(), "twelve", "Beds must be a number"),
        (_spec(), "2.5", "Beds must be a whole number"),
        (_spec(), "401", "Beds must be 400 beds or less".replace(" beds or", " or")),
        (_spec(kind=rules.YES_NO), "maybe", "Beds must be one of: Yes, No"),
        (
            _spec(kind=rules.DATE),
            "31/02/2026",
            "Beds must be a real date, like 27 3 2026 or 2026-03-27",
        ),
        (_spec(required=False), "", ""),
    ],
)
def test_values_refused_say_why(spec, raw, message):
    assert rules.clean_value(spec, raw)[1] == message


def test_a_choice_is_matched_by_code_or_label_and_yes_no_by_y():
    choice = _spec(kind=rules.CHOICE, choices=(("both", "Both parts"), ("none", "None")))
    assert rules.clean_value(choice, "both parts") == ("both", "")
    assert rules.clean_value(_spec(kind=rules.YES_NO), "Y") == ("yes", "")
    assert rules.clean_value(_spec(kind=rules.DATE), "27/03/2026") == ("2026-03-27", "")


SPECS = (
    _spec(code="registered", label="Registered beds"),
    _spec(code="occupied", label="Occupied beds"),
)
RULE = rules.CrossRule("occupied", "<=", "registered")


@settings(deadline=None, max_examples=150)
@given(st.integers(0, 400), st.integers(0, 400))
def test_occupied_beds_are_never_more_than_registered(registered, occupied):
    cleaned, errors = rules.validate(
        SPECS, (RULE,), {"registered": registered, "occupied": occupied}
    )
    if occupied <= registered:
        assert errors == {} and cleaned == {
            "registered": str(registered),
            "occupied": str(occupied),
        }
    else:
        assert errors == {"occupied": "Occupied beds must be less than or equal to Registered beds"}


def test_a_rule_with_a_value_missing_is_left_to_that_values_message():
    _, errors = rules.validate(SPECS, (RULE,), {"registered": "", "occupied": "12"})
    assert errors == {"registered": "Enter registered beds"}


def test_rules_against_a_number_and_their_own_message():
    rule = rules.CrossRule("occupied", "<", "100", "Fewer than 100, please")
    assert rules.check_rules(SPECS, (rule,), {"occupied": "100"}) == {
        "occupied": "Fewer than 100, please"
    }


field_specs = st.builds(
    rules.FieldSpec,
    code=st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True),
    label=st.text("abcdefgh XYZ()", min_size=1, max_size=20).map(str.strip).filter(bool),
    kind=st.sampled_from([k for k in rules.KINDS if k != rules.CHOICE]),
    unit=st.sampled_from(["", "beds", "hours"]),
    minimum=st.none() | st.integers(0, 10).map(Decimal),
    maximum=st.none() | st.integers(10, 1000).map(Decimal),
    required=st.booleans(),
    help=st.text("abc def.", max_size=20).map(str.strip),
    alert_above=st.none() | st.integers(0, 99).map(Decimal),
    prefill=st.sampled_from(["", "beds"]),
    tracker=st.booleans(),
)


@settings(deadline=None, max_examples=150)
@given(field_specs)
def test_a_field_written_out_reads_back_the_same(spec):
    assert rules.parse_fields(rules.field_text(spec)) == (spec,)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "Beds | Beds | integer",
            "Line 1: the code 'Beds' must be lower-case letters, digits and _",
        ),
        ("beds | Beds | number", "Line 1: the kind 'number' must be one of"),
        ("beds | Beds", "Line 1: write at least code | label | kind"),
        ("a | A | integer\na | B | integer", "Line 2: the code 'a' is used twice"),
        ("a | A | integer | | 9 | 1", "Line 1: the minimum is more than the maximum"),
        ("a | A | choice", "Line 1: a choice field needs choices="),
        ("a | A | integer | | | | | eval=1", "Line 1: 'eval' is not an option"),
    ],
)
def test_a_bad_field_line_is_named_by_its_line(text, error):
    with pytest.raises(rules.SpecError) as raised:
        rules.parse_fields(text)
    assert raised.value.errors[0].startswith(error)


def test_rules_name_only_number_fields_and_never_run_code():
    specs = rules.parse_fields("a | A | integer\nb | B | integer\nt | T | text")
    assert rules.parse_rules("a <= b | A no more than B\na > 3", specs) == (
        rules.CrossRule("a", "<=", "b", "A no more than B"),
        rules.CrossRule("a", ">", "3"),
    )
    for bad, error in (
        ("a <= c", "there is no field 'c'"),
        ("a <= t", "'t' is not a number field"),
        ("__import__('os').system('x')", "write a rule as"),
        ("a + b <= 3", "write a rule as"),
    ):
        with pytest.raises(rules.SpecError) as raised:
            rules.parse_rules(bad, specs)
        assert error in raised.value.errors[0]


def test_the_shipped_returns_parse():
    for default in DEFAULTS:
        specs = rules.parse_fields(default["fields_text"])
        rules.parse_rules(default["rules_text"], specs)
        assert specs


@settings(deadline=None, max_examples=150)
@given(st.lists(st.floats(0, 1000, allow_nan=False), min_size=1, max_size=50))
def test_quartiles_are_in_order_within_the_values(values):
    low, median, high = rules.quartiles(values)
    assert min(values) <= low <= median <= high <= max(values)


def test_quartiles_of_a_small_list():
    assert rules.quartiles([1, 2, 3, 4, 5]) == (2, 3, 4)
    assert rules.quartiles([]) is None


def test_alerts_above_and_below_the_councils_thresholds():
    specs = (
        _spec(alert_above=Decimal(5)),
        _spec(code="c", label="Continuity", alert_below=Decimal(50)),
    )
    assert rules.alerts(specs, {"beds": "6", "c": "40"}) == [
        ("beds", "Beds: 6, above 5"),
        ("c", "Continuity: 40, below 50"),
    ]
    assert rules.alerts(specs, {"beds": "5", "c": "50"}) == []


@settings(deadline=None, max_examples=150)
@given(st.integers(0, 30), st.integers(0, 30))
def test_the_risk_score_rises_with_missed_returns_and_its_reasons_add_up(fewer, more):
    fewer, more = min(fewer, more), max(fewer, more)
    today = datetime.date(2026, 12, 1)
    low = score(RiskInputs(rating="good", missed_returns=fewer), today=today)
    high = score(RiskInputs(rating="good", missed_returns=more), today=today)
    assert low.score <= high.score <= 100
    assert sum(r.points for r in high.reasons) == high.score
    if more:
        assert any("missed data return" in r.words for r in high.reasons)


rates = st.lists(st.none() | st.floats(0, 50, allow_nan=False), min_size=0, max_size=24)


@settings(deadline=None, max_examples=150)
@given(rates, st.integers(0, 24))
def test_the_baseline_is_before_the_start_and_the_latest_after(values, start_index):
    periods = [datetime.date(2025, 1, 1) + datetime.timedelta(days=31 * i) for i in range(24)]
    series = list(zip(periods, values, strict=False))
    starts_on = periods[min(start_index, 23)]
    result = rules.against_baseline(series, starts_on)
    after = [r for p, r in series if p >= starts_on and r is not None]
    if not after:
        assert result == {"baseline": None, "latest": None, "change": None}
        return
    known = [r for _, r in series if r is not None]
    assert min(known) - 0.01 <= result["baseline"] <= max(known) + 0.01
    assert min(after) - 0.01 <= result["latest"] <= max(after) + 0.01
    if result["change"] is not None:
        assert (result["change"] > 0) <= (result["latest"] > result["baseline"])


def test_a_fall_in_falls_per_ten_beds_against_the_baseline():
    months = [datetime.date(2026, m, 1) for m in range(1, 9)]
    series = list(zip(months, [4, 4, 4, 3, 2, 2, 2, 2], strict=True))
    assert rules.against_baseline(series, datetime.date(2026, 4, 1)) == {
        "baseline": 4.0,
        "latest": 2.0,
        "change": -50,
    }
    assert rules.rate_per_ten_beds(6, 30) == 2.0
    assert rules.rate_per_ten_beds(6, 0) is None
