"""The annual programme from the database: `careqa plan-programme`, the manager's plan
page and the programme's CSV, each checked for what it saves and who may use it."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from careqa.audit.models import AuditEvent
from careqa.providers.vocab import Rating
from careqa.visits import actions
from careqa.visits.models import Visit
from careqa.visits.planning_inputs import services_to_plan
from careqa.visits.programme import CSV_COLUMNS
from careqa.visits.rules.calendar import add_working_days, bank_holidays, is_working_day
from careqa.visits.rules.needs import visit_needs
from careqa.visits.vocab import VisitStatus

pytestmark = pytest.mark.django_db

YEAR = 2026
# Planning next year a month ahead: the whole year is open to the planner.
TODAY = datetime.date(2025, 12, 1)
COLUMNS = [
    "service_id",
    "location_id",
    "service_name",
    "council",
    "visit_type",
    "planned_date",
    "officer",
    "reasons",
]


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


@pytest.fixture
def failing(home):
    from careqa.factories import ContractFactory, ServiceFactory

    service = ServiceFactory(
        name="Birch Lodge",
        council=home.council,
        rating=Rating.INADEQUATE,
        rating_published=datetime.date(2025, 6, 1),
    )
    ContractFactory(service=service, start_date=datetime.date(2024, 4, 1))
    return service


@pytest.fixture
def team(officer, manager, home):
    actions.save_officer_profile(
        officer=officer,
        by=manager,
        councils=[home.council],
        visits_per_week=4,
        working_days=[0, 1, 2, 3, 4],
    )
    return [officer]


def plan(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("plan_programme", "--year", str(YEAR), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


def visit_rows():
    return sorted(
        Visit.objects.filter(year=YEAR).values_list(
            "service_id", "visit_type", "planned_on", "lead_officer_id", "status", "reasons"
        )
    )


def test_a_dry_run_prints_one_csv_row_a_visit_and_saves_nothing(home, failing, team, officer):
    out, err = plan("--dry-run", "--format", "csv")
    header, *rows = csv_rows(out)
    assert header == COLUMNS == CSV_COLUMNS
    # Good: the annual review; Inadequate: the review and two more visits.
    assert len(rows) == 4
    assert all(len(row) == len(COLUMNS) for row in rows)
    by_service = {}
    for row in rows:
        by_service.setdefault(row[0], []).append(row)
    home_row = by_service[str(home.pk)][0]
    assert home_row[1:5] == [home.location_id, "Alder House", "Wolverhampton", "Contract review"]
    assert home_row[6] == officer.display_name
    assert "annual contract review" in home_row[7]
    assert [row[5] for row in rows] == sorted(row[5] for row in rows)
    assert "Dry run: nothing saved" in err
    assert not Visit.objects.exists()
    assert not AuditEvent.objects.filter(record_type="visits.visit").exists()


def test_saving_adds_the_visits_with_audit_events_and_running_again_changes_nothing(
    home, failing, team
):
    out, err = plan()
    assert "Saved: 4 added" in err
    visits = list(Visit.objects.filter(year=YEAR))
    assert len(visits) == 4
    assert all(v.status == VisitStatus.PLANNED and not v.fixed_by_hand for v in visits)
    events = AuditEvent.objects.filter(record_type="visits.visit", action=AuditEvent.Action.CREATED)
    assert sorted(e.record_id for e in events) == sorted(v.pk for v in visits)
    assert {e.service_id for e in events} == {home.pk, failing.pk}
    before, event_count = visit_rows(), AuditEvent.objects.count()

    _, err = plan()
    assert "Saved: 0 added, 0 moved, 0 cancelled, 4 unchanged" in err
    assert visit_rows() == before
    assert AuditEvent.objects.count() == event_count


def test_an_inadequate_service_gets_more_visits_than_a_good_one(home, failing, team):
    plan()
    count = {s.pk: Visit.objects.filter(service=s, year=YEAR).count() for s in (home, failing)}
    assert count[failing.pk] > count[home.pk] == 1


def test_no_planned_day_is_a_weekend_or_an_england_bank_holiday(home, failing, team):
    from careqa.factories import ContractFactory, ServiceFactory

    for _ in range(12):
        extra = ServiceFactory(council=home.council, rating=Rating.REQUIRES_IMPROVEMENT)
        ContractFactory(service=extra, start_date=datetime.date(2024, 4, 1))
    out, _ = plan("--dry-run", "--format", "csv")
    days = [datetime.date.fromisoformat(row[5]) for row in csv_rows(out)[1:]]
    assert len(days) == 2 * 12 + 4
    holidays = bank_holidays(YEAR)
    assert all(d.weekday() < 5 and d not in holidays and is_working_day(d) for d in days)
    plan()
    saved = Visit.objects.filter(year=YEAR).values_list("planned_on", flat=True)
    assert sorted(saved) == sorted(days)


def test_re_planning_keeps_a_visit_moved_by_hand_and_one_carried_out(
    home, failing, team, officer, manager
):
    plan()
    moved, done = Visit.objects.filter(service=failing, year=YEAR).order_by("planned_on")[:2]
    # A week later, within the window of the need it meets.
    new_day = add_working_days(moved.planned_on + datetime.timedelta(days=7), 0)
    actions.move_visit(visit=moved, planned_on=new_day, by=manager)
    actions.record_visit(
        visit=done, by=officer, today=done.planned_on, carried_out_on=done.planned_on
    )
    done.refresh_from_db()
    assert done.status == VisitStatus.CARRIED_OUT

    _, err = plan()
    assert "0 added" in err and "0 cancelled" in err
    moved.refresh_from_db()
    assert (moved.planned_on, moved.status, moved.fixed_by_hand) == (
        new_day,
        VisitStatus.PLANNED,
        True,
    )
    done.refresh_from_db()
    assert done.status == VisitStatus.CARRIED_OUT
    # The kept visits still meet their needs: the service has as many visits as before.
    assert Visit.objects.filter(service=failing, year=YEAR).count() == 3


def test_the_last_visit_before_the_year_is_the_latest_not_the_earliest(home, officer, manager):
    """A service whose contract began just before the year and was visited since needs
    no initial visit, however long ago an earlier visit under an old contract was."""
    home.contracts.update(start_date=datetime.date(2025, 11, 17))
    for day in (datetime.date(2019, 3, 4), datetime.date(2025, 11, 24)):
        Visit.objects.create(
            service=home,
            year=day.year,
            visit_type="contract_review",
            planned_on=day,
            carried_out_on=day,
            lead_officer=officer,
            status=VisitStatus.REPORT_ISSUED,
        )
    [to_plan] = services_to_plan(YEAR)
    assert to_plan.facts.last_visit_on == datetime.date(2025, 11, 24)
    needs = visit_needs(to_plan.facts, year=YEAR)
    assert [n.visit_type for n in needs] == ["contract_review"]


# ---- The manager's plan page and the CSV ------------------------------------------------


def test_the_plan_page_shows_the_draft_and_saving_it_makes_the_programme(
    client, home, failing, team, manager
):
    client.force_login(manager)
    url = f"/visits/programme/{YEAR}/plan/"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alder House" in page and "Birch Lodge" in page
    assert not Visit.objects.exists()

    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/visits/programme/{YEAR}/"
    assert Visit.objects.filter(year=YEAR).count() == 4
    assert AuditEvent.objects.filter(record_type="visits.visit").count() == 4


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_officer_may_not_plan_the_programme(client, home, team, officer, method):
    client.force_login(officer)
    response = getattr(client, method)(f"/visits/programme/{YEAR}/plan/")
    assert response.status_code == 403
    assert not Visit.objects.exists()


def test_the_programme_csv_has_the_columns_and_makes_formulas_inert(
    client, home, team, officer, manager
):
    from careqa.factories import ContractFactory, ServiceFactory

    trap = ServiceFactory(name='=HYPERLINK("https://example.com","Click")', council=home.council)
    ContractFactory(service=trap, start_date=datetime.date(2024, 4, 1))
    plan()
    client.force_login(officer)
    response = client.get(f"/visits/programme/{YEAR}/programme.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = csv_rows(response.content.decode("utf-8-sig"))
    assert header == COLUMNS
    assert len(rows) == 2
    names = {row[0]: row[2] for row in rows}
    assert names[str(home.pk)] == "Alder House"
    assert names[str(trap.pk)] == "'" + trap.name


def test_the_command_csv_makes_formulas_inert_too(home, team):
    from careqa.factories import ContractFactory, ServiceFactory

    trap = ServiceFactory(name="=1+1", council=home.council)
    ContractFactory(service=trap, start_date=datetime.date(2024, 4, 1))
    out, _ = plan("--dry-run", "--format", "csv")
    names = {row[0]: row[2] for row in csv_rows(out)[1:]}
    assert names[str(trap.pk)] == "'=1+1"
