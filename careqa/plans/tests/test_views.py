"""The plans' pages for each role: officers and managers run plans, commissioners read,
partners and provider users are refused; the issue's bad input is shown on the form with
a clear message and nothing saved."""

import datetime
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careqa.audit.models import AuditEvent
from careqa.plans import actions
from careqa.plans.models import Attachment, Response
from careqa.plans.vocab import ItemState
from careqa.tests.personas import PROVIDER_A, PROVIDER_B

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)
    return TODAY


def as_(client, user):
    client.force_login(user)
    return client


def text(response):
    return html.unescape(response.content.decode())


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("qa_officer", 200),
        ("qa_manager", 200),
        ("commissioner", 200),
        ("administrator", 200),
        ("partner", 403),
        (PROVIDER_A, 403),
        (PROVIDER_B, 403),
    ],
)
def test_who_may_read_the_plan(client, personas, plan, who, status):
    response = as_(client, personas[who]).get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == status
    if status == 200:
        page = text(response)
        assert "Check medicines records weekly" in page and "Awaiting response" in page
        assert ("Record the provider's response" in page) == (who in ("qa_officer", "qa_manager"))


@pytest.mark.parametrize("who", ["commissioner", "partner", PROVIDER_A])
def test_only_officers_and_managers_change_a_plan(client, personas, plan, who):
    before = AuditEvent.objects.count()
    item = plan.items.first()
    response = as_(client, personas[who]).post(
        reverse("plans:item-move", args=[item.pk, "agree"]), {}
    )
    assert response.status_code == 403
    assert AuditEvent.objects.count() == before


def test_a_response_dated_before_the_plan_is_refused_on_the_form(client, officer, plan):
    items = list(plan.items.all())
    data = {**date_fields("received_on", datetime.date(2026, 3, 1)), "on_behalf_of_provider": "on"}
    for item in items:
        data[f"item-{item.pk}-how"] = "Weekly audit"
        data[f"item-{item.pk}-who"] = "Deputy manager"
        data.update(date_fields(f"item-{item.pk}-by_when", datetime.date(2026, 4, 30)))
    response = as_(client, officer).post(reverse("plans:response-add", args=[plan.pk]), data)
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    assert "The date received must be on or after 10 March 2026" in page
    assert not Response.objects.exists()

    data.update(date_fields("received_on", TODAY))
    response = client.post(reverse("plans:response-add", args=[plan.pk]), data)
    assert response.status_code == 302
    assert Response.objects.get().actions.count() == 2


def test_an_item_half_answered_says_what_is_missing(client, officer, plan):
    item = plan.items.first()
    data = {**date_fields("received_on", TODAY), f"item-{item.pk}-how": "Weekly audit"}
    response = as_(client, officer).post(reverse("plans:response-add", args=[plan.pk]), data)
    assert "Say how the item will be met, by whom and by when" in text(response)
    assert not Response.objects.exists()


def test_accepting_a_response_that_misses_an_item_is_refused(client, officer, manager, plan):
    first = plan.items.first()
    response = actions.record_response(
        plan=plan,
        by=officer,
        received_on=TODAY,
        today=TODAY,
        actions=[(first, "Weekly audit", "Deputy", datetime.date(2026, 4, 30))],
    )
    url = reverse("plans:response-accept", args=[response.pk])
    page = text(as_(client, manager).post(url, {"note": ""}))
    assert "cannot be accepted until every item has at least one action" in page
    response.refresh_from_db()
    assert response.accepted_on is None


def test_accepting_your_own_entry_for_the_provider_needs_a_note(client, officer, plan):
    items = list(plan.items.all())
    response = actions.record_response(
        plan=plan,
        by=officer,
        received_on=TODAY,
        today=TODAY,
        actions=[(i, "Audit", "Deputy", datetime.date(2026, 4, 30)) for i in items],
    )
    url = reverse("plans:response-accept", args=[response.pk])
    page = text(as_(client, officer).post(url, {"note": ""}))
    assert "You entered this response on the provider's behalf: add a note" in page
    response.refresh_from_db()
    assert response.accepted_on is None
    assert client.post(url, {"note": "Confirmed by e-mail"}).status_code == 302
    assert set(plan.items.values_list("state", flat=True)) == {ItemState.AGREED}


def _in_progress(plan, officer):
    item = plan.items.first()
    actions.agree_item(item=item, by=officer, today=TODAY)
    actions.start_item(item=item, by=officer)
    return item


def test_completing_without_evidence_is_refused_on_the_form(client, officer, plan):
    item = _in_progress(plan, officer)
    url = reverse("plans:item-move", args=[item.pk, "complete"])
    response = as_(client, officer).post(url, {**date_fields("completed_on", TODAY)})
    assert response.status_code == 200
    assert "Enter the evidence that shows the item is done" in text(response)
    item.refresh_from_db()
    assert item.state == ItemState.IN_PROGRESS


def test_verifying_your_own_recorded_completion_needs_a_note(client, officer, manager, plan):
    item = _in_progress(plan, officer)
    actions.complete_item(item=item, by=officer, evidence="Seen", completed_on=TODAY, today=TODAY)
    url = reverse("plans:item-move", args=[item.pk, "verify"])
    page = text(as_(client, officer).post(url, {"note": ""}))
    assert "add a note saying how you checked the evidence" in page
    item.refresh_from_db()
    assert item.state == ItemState.COMPLETED
    # A colleague may verify it without one.
    assert as_(client, manager).post(url, {"note": ""}).status_code == 302
    item.refresh_from_db()
    assert item.state == ItemState.VERIFIED


def test_a_move_not_open_from_the_state_is_not_offered(client, officer, plan):
    item = plan.items.first()
    response = as_(client, officer).get(reverse("plans:item-move", args=[item.pk, "verify"]))
    assert response.status_code == 302
    assert client.get(reverse("plans:item-move", args=[item.pk, "fly"])).status_code == 404


def test_a_progress_note_before_the_plan_is_refused(client, officer, plan):
    item = plan.items.first()
    data = {**date_fields("noted_on", datetime.date(2026, 2, 1)), "source": "call", "text": "Hi"}
    page = text(as_(client, officer).post(reverse("plans:note-add", args=[item.pk]), data))
    assert "The date must be on or after 10 March 2026" in page
    assert not item.notes.exists()


def test_an_officer_attaches_and_anyone_on_staff_downloads(client, officer, personas, plan):
    item = plan.items.first()
    url = reverse("plans:attachment-add", args=[item.pk])
    bad = as_(client, officer).post(url, {"file": SimpleUploadedFile("a.exe", b"MZ")})
    assert "The file must be a PDF, DOCX, XLSX, PNG or JPG" in text(bad)
    assert not Attachment.objects.exists()
    ok = client.post(url, {"file": SimpleUploadedFile("audit.pdf", b"%PDF-1.4")})
    assert ok.status_code == 302
    document = Attachment.objects.get()
    download = as_(client, personas["commissioner"]).get(
        reverse("plans:attachment", args=[document.pk])
    )
    assert download.status_code == 200 and download.content == b"%PDF-1.4"
    assert "audit.pdf" in download["Content-Disposition"]


def test_an_officer_adds_an_item_to_a_service_without_a_plan(client, officer, personas):
    from careqa.factories import ServiceFactory

    service = ServiceFactory(provider=personas[PROVIDER_A].scope_provider)
    url = reverse("plans:item-add", args=[service.pk])
    page = text(as_(client, officer).post(url, {"source": "complaint"}))
    assert "Enter what must be remedied" in page and "Choose the priority" in page
    assert not service.action_plans.exists()
    data = {
        "source": "complaint",
        "area": "responsive",
        "remedy": "Answer complaints within 20 days",
        "priority": "medium",
        "evidence_needed": "The complaints log",
        "owner": "Registered manager",
    }
    assert client.post(url, data).status_code == 302
    plan = service.action_plans.get()
    assert plan.response_due == TODAY + datetime.timedelta(days=14)
    assert plan.items.get().source == "complaint"


def test_a_manager_books_a_follow_up_visit_from_an_item(client, manager, officer, plan):
    item = plan.items.first()
    url = reverse("plans:follow-up", args=[item.pk])
    assert as_(client, officer).get(url).status_code == 403
    data = {
        **date_fields("planned_on", datetime.date(2026, 5, 6)),
        "lead_officer": officer.pk,
        "visit_type": "service_review",
    }
    response = as_(client, manager).post(url, data)
    assert response.status_code == 302
    assert plan.service.visits.filter(planned_on=datetime.date(2026, 5, 6)).exists()


def test_the_service_page_shows_its_open_plan_and_timeline(client, personas, plan):
    url = reverse("providers:service-detail", args=[plan.service_id])
    page = text(as_(client, personas["commissioner"]).get(url))
    assert "Action plan" in page and "2 awaiting response" in page
    assert "Action plan opened" in page
    assert reverse("plans:detail", args=[plan.pk]) in page
    partner_page = text(as_(client, personas["partner"]).get(url))
    assert reverse("plans:detail", args=[plan.pk]) not in partner_page


def _overdue(plan, officer):
    """One item agreed for a date already past, and a second still awaiting a response."""
    item = plan.items.first()
    actions.agree_item(item=item, by=officer, due_on=datetime.date(2026, 3, 15), today=TODAY)
    return item


def test_my_work_shows_the_lead_officers_overdue_items_and_responses(client, officer, plan):
    from careqa.visits.actions import assign_lead_officer

    assign_lead_officer(service=plan.service, officer=officer, by=officer, today=TODAY)
    _overdue(plan, officer)
    page = text(as_(client, officer).get(reverse("work:home")))
    assert "Your action plans: items and responses overdue or due soon" in page
    assert "Check medicines records weekly" in page and "Overdue" in page
    assert "The provider's response" in page  # due 24 March: within the week
    assert "The team's action plans" not in page


def test_a_manager_sees_the_teams_list(client, manager, officer, plan):
    _overdue(plan, officer)
    home = text(as_(client, manager).get(reverse("work:home")))
    assert "The team's action plans" in home and "Check medicines records weekly" in home
    team = text(client.get(reverse("plans:team")))
    assert "Check medicines records weekly" in team and "Overdue" in team


def test_the_menu_links_to_the_plans_for_those_who_read_them(client, personas):
    page = text(as_(client, personas["commissioner"]).get(reverse("work:home")))
    assert f'href="{reverse("plans:team")}"' in page
    page = text(as_(client, personas["partner"]).get(reverse("work:home")))
    assert f'href="{reverse("plans:team")}"' not in page
    assert client.get(reverse("plans:team")).status_code == 403


def test_an_officer_without_a_lead_sees_the_plans_of_visits_they_led(client, officer, plan):
    _overdue(plan, officer)
    page = text(as_(client, officer).get(reverse("work:home")))
    assert "Check medicines records weekly" in page


def test_items_for_a_childrens_home_use_ofsteds_areas(client, officer, personas):
    from careqa.factories import ServiceFactory

    service = ServiceFactory(provider=personas[PROVIDER_A].scope_provider, regulator="ofsted")
    page = text(as_(client, officer).get(reverse("plans:item-add", args=[service.pk])))
    assert "The effectiveness of leaders and managers" in page and "Well-led" not in page
