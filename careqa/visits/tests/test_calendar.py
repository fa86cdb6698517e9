"""Working days in England: never a weekend or a bank holiday (hypothesis); and each
officer's private calendar feed of their visits."""

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from careqa.accounts.roles import Role
from careqa.visits.rules.calendar import (
    add_working_days,
    bank_holidays,
    is_working_day,
    long_date,
    week_key,
    working_days,
)

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
weekday_sets = st.frozensets(st.integers(min_value=0, max_value=6))


def test_bank_holidays_come_from_the_holidays_library_with_substitute_days():
    found = bank_holidays(2026)
    assert date(2026, 12, 25) in found
    assert date(2026, 12, 28) in found  # Boxing Day falls on a Saturday: Monday instead
    assert date(2026, 5, 25) in found
    assert date(2023, 5, 8) in bank_holidays([2022, 2023])  # the coronation
    expected = holidays.country_holidays("GB", subdiv="ENG", years=2027)
    assert bank_holidays(2027) == frozenset(expected)
    # Scotland's 2 January is not England's.
    assert date(2026, 1, 2) not in found


@settings(deadline=None)
@given(days, weekday_sets)
def test_a_working_day_is_an_officers_weekday_and_never_a_weekend_or_bank_holiday(day, weekdays):
    working = is_working_day(day, weekdays=weekdays)
    expected = (
        day.weekday() < 5 and day.weekday() in weekdays and day not in bank_holidays(day.year)
    )
    assert working is expected


@settings(max_examples=100, deadline=None)
@given(days, st.integers(min_value=-40, max_value=400), weekday_sets)
def test_working_days_lists_exactly_the_working_days_in_order(start, length, weekdays):
    end = start + timedelta(days=length)
    found = working_days(start, end, weekdays=weekdays)
    assert found == sorted(found)
    assert all(start <= d <= end and is_working_day(d, weekdays=weekdays) for d in found)
    every_day = (start + timedelta(days=i) for i in range(max(length + 1, 0)))
    assert len(found) == sum(is_working_day(d, weekdays=weekdays) for d in every_day)


@settings(deadline=None)
@given(days, st.integers(min_value=-60, max_value=60))
def test_adding_working_days_counts_only_working_days(day, n):
    result = add_working_days(day, n)
    assert is_working_day(result)
    if n > 0:
        assert result > day
        assert len(working_days(day + timedelta(days=1), result)) == n
    elif n < 0:
        assert result < day
        assert len(working_days(result, day - timedelta(days=1))) == -n
    else:
        assert result >= day
        assert working_days(day, result) == [result]


def test_christmas_and_the_new_year_are_skipped():
    # 24 December 2026 is a Thursday; Christmas, Boxing Day (observed) and New Year follow.
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert add_working_days(date(2026, 12, 26), 0) == date(2026, 12, 29)


@settings(deadline=None)
@given(days)
def test_a_week_runs_monday_to_sunday(day):
    monday = day - timedelta(days=day.weekday())
    assert week_key(day) == week_key(monday) == week_key(monday + timedelta(days=6))
    assert week_key(monday - timedelta(days=1)) != week_key(day)


def test_dates_read_as_people_write_them():
    assert long_date(date(2026, 3, 3)) == "3 March 2026"


# ---- The officer's calendar feed -----------------------------------------------------------


def _soon(days):
    """A working day about `days` from today (the feed shows recent and future visits)."""
    return add_working_days(date.today() + timedelta(days=days), 0)


@pytest.fixture
def feed_visits(home, officer, manager):
    from careqa.factories import ServiceFactory, UserFactory
    from careqa.visits import actions

    other_home = ServiceFactory(name="Cedar Court", council=home.council)
    colleague = UserFactory(username="colleague", role=Role.QA_OFFICER)
    own = [
        actions.add_visit(
            service=service, by=manager, planned_on=day, lead_officer=officer, visit_type=kind
        )
        for service, day, kind in (
            (home, _soon(3), "contract_review"),
            (other_home, _soon(10), "themed"),
            (home, _soon(20), "routine_monitoring"),
        )
    ]
    actions.cancel_visit(visit=own[2], reason="The home asked to move it", by=manager)
    theirs = actions.add_visit(
        service=ServiceFactory(name="Someone Else's Home", council=home.council),
        by=manager,
        planned_on=_soon(3),
        lead_officer=colleague,
        visit_type="contract_review",
    )
    actions.save_officer_profile(officer=colleague, by=manager)
    return {"live": own[:2], "cancelled": own[2], "theirs": theirs}


def _feed_url(officer):
    from careqa.visits.models import OfficerProfile

    token = OfficerProfile.objects.get(officer=officer).calendar_token
    return f"/visits/calendar/{token}.ics"


@pytest.mark.django_db
def test_the_feed_has_one_event_a_visit_of_that_officer_not_cancelled(
    client, officer, manager, feed_visits
):
    from careqa.visits import actions

    actions.save_officer_profile(officer=officer, by=manager)
    response = client.get(_feed_url(officer))  # calendar programs do not sign in
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    summaries = [str(event["SUMMARY"]) for event in events]
    assert "Alder House" in summaries[0] and "Cedar Court" in summaries[1]
    assert summaries[0].startswith("Contract review")
    days = [event.decoded("DTSTART") for event in events]
    assert days == [v.planned_on for v in feed_visits["live"]]
    assert len({str(event["UID"]) for event in events}) == 2
    text = response.content.decode()
    assert "Someone Else" not in text
    assert f"visit-{feed_visits['theirs'].pk}@" not in text
    assert f"visit-{feed_visits['cancelled'].pk}@" not in text


@pytest.mark.django_db
def test_a_colleagues_feed_has_only_their_visits(client, officer, feed_visits):
    colleague = feed_visits["theirs"].lead_officer
    events = Calendar.from_ical(client.get(_feed_url(colleague)).content).walk("VEVENT")
    assert [str(e["UID"]).split("@")[0] for e in events] == [f"visit-{feed_visits['theirs'].pk}"]
    assert "Alder House" not in str(events[0]["SUMMARY"])


@pytest.mark.django_db
def test_an_unknown_token_is_not_found(client, officer, manager, feed_visits):
    assert client.get("/visits/calendar/not-a-real-token.ics").status_code == 404


@pytest.mark.django_db
def test_resetting_the_address_cuts_off_the_old_one(client, officer, manager, feed_visits):
    from careqa.audit.models import AuditEvent
    from careqa.visits import actions

    actions.save_officer_profile(officer=officer, by=manager)
    old = _feed_url(officer)
    assert client.get(old).status_code == 200
    client.force_login(officer)
    response = client.post("/visits/calendar/")
    assert response.status_code == 302
    new = _feed_url(officer)
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    event = AuditEvent.objects.filter(note="Calendar address reset").get()
    assert new.split("/")[-1].removesuffix(".ics") not in str(event.changes)
    # The page gives the officer the new address.
    client.force_login(officer)
    assert new in client.get("/visits/calendar/").content.decode()


@pytest.mark.django_db
def test_only_someone_who_records_visits_has_a_calendar_page(client, personas):
    client.force_login(personas["partner"])
    assert client.get("/visits/calendar/").status_code == 403
    assert client.post("/visits/calendar/").status_code == 403
