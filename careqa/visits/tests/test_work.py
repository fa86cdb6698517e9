"""My work (/): an officer's visits this week and next and reports due, overdue and not
yet issued; a manager's view of the team and the programme's progress. Every date is
relative to a fixed `today`."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from careqa.factories import ContractFactory, ServiceFactory, UserFactory
from careqa.visits.models import Report, Visit
from careqa.visits.vocab import ReportStatus, VisitStatus

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 10)  # a Wednesday: this week and next run 8 to 21 June
HOME = reverse("work:home")


def day(month, number):
    return datetime.date(2026, month, number)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    return TODAY


@pytest.fixture
def other():
    return UserFactory(username="ola", role="qa_officer", first_name="Ola", last_name="Bello")


def visit(name, officer, planned_on, *, carried_out_on=None, status=None, **fields):
    service = ServiceFactory(name=name)
    ContractFactory(service=service)
    if status is None:
        status = VisitStatus.CARRIED_OUT if carried_out_on else VisitStatus.PLANNED
    return Visit.objects.create(
        service=service,
        year=2026,
        visit_type="routine_monitoring",
        planned_on=planned_on,
        carried_out_on=carried_out_on,
        lead_officer=officer,
        status=status,
        **fields,
    )


def issued_on(visit_, day_):
    Report.objects.create(visit=visit_, status=ReportStatus.ISSUED, issued_on=day_)
    visit_.status = VisitStatus.REPORT_ISSUED
    visit_.save()


@pytest.fixture
def work(officer, other):
    """The officer's and a colleague's visits around TODAY."""
    visit("Ash Lodge", officer, day(6, 11))  # this week
    visit("Birch View", officer, day(6, 19))  # next week
    visit("Cedar Court", officer, day(6, 24))  # the week after: not yet
    visit("Damson House", other, day(6, 10))  # the colleague's, today
    helped = visit("Elm Place", other, day(6, 12))  # the colleague's, the officer helps
    helped.other_officers.set([officer])
    visit("Fir Grange", officer, day(6, 15), status=VisitStatus.CANCELLED)
    visit("Gorse Bank", officer, day(6, 1))  # planned before today, never carried out
    # Carried out, no report yet: due 14 days after the visit.
    visit("Hazel Mews", officer, day(5, 20), carried_out_on=day(5, 20))  # due 3 June
    visit("Ivy Hall", officer, day(6, 1), carried_out_on=day(6, 1))  # due 15 June
    drafted = visit("Juniper Rise", officer, day(6, 8), carried_out_on=day(6, 8))  # 22 June
    drafted.status = VisitStatus.REPORT_DRAFTED
    drafted.save()
    Report.objects.create(visit=drafted)
    # The colleague's issued reports: 7 days (on time) and 25 days (late).
    issued_on(visit("Larch Farm", other, day(1, 5), carried_out_on=day(1, 5)), day(1, 12))
    issued_on(visit("Maple Dene", other, day(2, 2), carried_out_on=day(2, 2)), day(2, 27))


def section(page, key):
    match = re.search(rf'<section[^>]*id="{key}".*?</section>', page, re.S)
    assert match, f"no section {key}"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(0))).split())


def rows(text, *names):
    """The names that appear in `text`, in the order they appear."""
    return sorted((name for name in names if name in text), key=text.index)


ALL = (
    "Ash Lodge",
    "Birch View",
    "Cedar Court",
    "Damson House",
    "Elm Place",
    "Fir Grange",
    "Gorse Bank",
    "Hazel Mews",
    "Ivy Hall",
    "Juniper Rise",
    "Larch Farm",
    "Maple Dene",
)


def test_an_officer_sees_their_visits_this_week_and_next(client, work, officer):
    client.force_login(officer)
    page = client.get(HOME).content.decode()
    soon = section(page, "visits-soon")
    assert "8 June to 21 June 2026" in soon
    # A visit this week that is already carried out stays in the list, with its status.
    assert rows(soon, *ALL) == ["Juniper Rise", "Ash Lodge", "Elm Place", "Birch View"]
    assert "Juniper Rise Routine monitoring visit Report drafted" in soon
    assert "Thu 11 Jun" in soon and "Fri 19 Jun" in soon


def test_an_officer_sees_reports_overdue_due_soon_and_not_yet_issued(client, work, officer):
    client.force_login(officer)
    reports = section(client.get(HOME).content.decode(), "reports-to-write")
    assert rows(reports, *ALL) == ["Hazel Mews", "Ivy Hall", "Juniper Rise"]
    assert re.search(r"Hazel Mews 20 May 2026 3 June 2026 Overdue", reports)
    assert re.search(r"Ivy Hall 1 June 2026 15 June 2026 Due in the next 7 days", reports)
    assert re.search(r"Juniper Rise 8 June 2026 22 June 2026 Not due yet Draft written", reports)


def test_an_officer_does_not_see_the_teams_sections(client, work, officer):
    client.force_login(officer)
    page = client.get(HOME).content.decode()
    for key in ("team-visits-soon", "team-reports", "programme-progress"):
        assert f'id="{key}"' not in page


def test_a_report_is_due_soon_from_seven_days_before_it_is_due(client, officer):
    visit("Ivy Hall", officer, day(5, 27), carried_out_on=day(5, 27))  # due 10 June: today
    visit("Hazel Mews", officer, day(5, 26), carried_out_on=day(5, 26))  # due 9 June
    visit("Ash Lodge", officer, day(6, 3), carried_out_on=day(6, 3))  # due 17 June
    visit("Birch View", officer, day(6, 4), carried_out_on=day(6, 4))  # due 18 June
    client.force_login(officer)
    reports = section(client.get(HOME).content.decode(), "reports-to-write")
    assert "Ivy Hall 27 May 2026 10 June 2026 Due in the next 7 days" in reports
    assert "Hazel Mews 26 May 2026 9 June 2026 Overdue" in reports
    assert "Ash Lodge 3 June 2026 17 June 2026 Due in the next 7 days" in reports
    assert "Birch View 4 June 2026 18 June 2026 Not due yet" in reports


def test_a_manager_sees_the_teams_visits_and_reports(client, work, manager):
    client.force_login(manager)
    page = client.get(HOME).content.decode()
    assert rows(section(page, "visits-soon"), *ALL) == []
    mine = section(page, "reports-to-write")
    assert "None of your visits is waiting for its report" in mine
    team = section(page, "team-visits-soon")
    assert rows(team, *ALL) == [
        "Juniper Rise",
        "Damson House",
        "Ash Lodge",
        "Elm Place",
        "Birch View",
    ]
    assert "Ola Bello" in team
    reports = section(page, "team-reports")
    assert rows(reports, *ALL) == ["Hazel Mews", "Ivy Hall", "Juniper Rise"]


def test_a_manager_sees_the_programmes_progress(client, work, manager, officer):
    client.force_login(manager)
    progress = section(client.get(HOME).content.decode(), "programme-progress")
    assert "This year's programme: 2026" in progress
    assert "5 visits done" in progress and "5 still to come" in progress
    assert "1 overdue" in progress
    assert "Ola Bello 2 2 0" in progress
    assert f"{officer.first_name} {officer.last_name} 3 3 1" in progress
    assert (
        "Of 2 reports issued for this year's visits, 50% went out on time; the median was "
        "16 days from visit to report." in progress
    )


def test_a_commissioner_has_no_visits_to_do(client, work, personas):
    client.force_login(personas["commissioner"])
    page = client.get(HOME).content.decode()
    assert not rows(page, *ALL)
    assert 'id="visits-soon"' not in page
