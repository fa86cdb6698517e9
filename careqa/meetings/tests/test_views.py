"""Meeting pages for each role: who may see and change what, the decision form's errors,
and the pack and minutes as tagged PDFs."""

import datetime
import shutil
import subprocess

import pytest
from django.urls import reverse

from careqa.escalation.models import Step
from careqa.factories import ContractFactory, CouncilProfileFactory, ServiceFactory
from careqa.meetings import actions
from careqa.meetings.models import Decision, Meeting
from careqa.providers.models import Service
from careqa.tests.personas import PROVIDER_A

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def service(personas):
    service = ServiceFactory(name="Amber Court", provider=personas[PROVIDER_A].scope_provider)
    ContractFactory(service=service)
    CouncilProfileFactory(our_area=[service.council])
    return service


@pytest.fixture
def meeting(service, personas):
    return actions.create_meeting(
        kind="commissioning_quality",
        held_on=TODAY,
        council=service.council,
        chair="Alex Khan",
        attendees=[("Head of Commissioning", "The council", "Alex Khan")],
        by=personas["qa_manager"],
    )


@pytest.fixture
def item(meeting, service, personas):
    return actions.add_item(
        meeting=meeting,
        service=service,
        topic="Medicines errors",
        by=personas["qa_manager"],
        today=TODAY,
    )


def _as(client, personas, who):
    client.force_login(personas[who])
    return client


def test_an_officer_adds_a_meeting_and_a_bad_row_is_named(client, personas, service):
    _as(client, personas, "qa_officer")
    data = {
        "kind": "commissioning_quality",
        "held_on_day": "3",
        "held_on_month": "3",
        "held_on_year": "2027",
        "council": service.council.pk,
        "chair": "Alex Khan",
        "attendee_1_role": "NHS quality nurse",
    }
    response = client.post(reverse("meetings:new"), data)
    assert response.status_code == 200
    assert "Attendee 1: enter their organisation" in response.content.decode()
    assert not Meeting.objects.exists()
    data["attendee_1_organisation"] = "NHS Black Country ICB"
    response = client.post(reverse("meetings:new"), data)
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert str(meeting.attendees.get()) == "NHS quality nurse, NHS Black Country ICB"


def test_the_decision_form_redisplays_errors_and_saves_nothing(client, personas, item):
    _as(client, personas, "qa_manager")
    url = reverse("meetings:decide", args=[item.pk])
    page = client.get(url).content.decode()
    assert "If suspending new placements" in page
    past = TODAY - datetime.timedelta(days=1)
    response = client.post(
        url,
        {
            "outcome": "suspend",
            "reason": "Three medicines errors",
            "placements": "all",
            "conditions": "A registered manager in post",
            "review_on_day": past.day,
            "review_on_month": past.month,
            "review_on_year": past.year,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Review date must be today or in the future" in page
    assert "Three medicines errors" in page  # what was typed is kept
    assert not Decision.objects.exists() and not Step.objects.exists()


def test_an_officer_is_told_a_suspension_is_a_managers(client, personas, item):
    _as(client, personas, "qa_officer")
    response = client.post(
        reverse("meetings:decide", args=[item.pk]), {"outcome": "suspend", "reason": "x"}
    )
    assert "Only a QA manager records a decision" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_manager_records_the_suspension(client, personas, item, service):
    _as(client, personas, "qa_manager")
    later = TODAY + datetime.timedelta(days=28)
    response = client.post(
        reverse("meetings:decide", args=[item.pk]),
        {
            "outcome": "suspend",
            "reason": "Three medicines errors",
            "evidence": "Visit",
            "placements": "all",
            "conditions": "A registered manager in post\nClean audits",
            "review_on_day": later.day,
            "review_on_month": later.month,
            "review_on_year": later.year,
        },
    )
    assert response.status_code == 302
    step = Decision.objects.get().step
    assert [c.text for c in step.conditions.all()] == [
        "A registered manager in post",
        "Clean audits",
    ]
    page = client.get(reverse("providers:service-detail", args=[service.pk])).content.decode()
    assert "Commissioning and Quality meeting decided: suspend new placements" in page


def test_commissioners_read_but_do_not_change_partners_see_nothing(client, personas, item):
    actions.record_decision(
        item=item, outcome="no_action", reason="Improving", by=personas["qa_manager"], today=TODAY
    )
    _as(client, personas, "commissioner")
    page = client.get(reverse("meetings:detail", args=[item.meeting_id])).content.decode()
    assert "Improving" in page
    assert "Record the decision" not in page and "Build the agenda" not in page
    assert client.get(reverse("meetings:decide", args=[item.pk])).status_code == 403
    _as(client, personas, "partner")
    assert client.get(reverse("meetings:detail", args=[item.meeting_id])).status_code == 403
    assert client.get(reverse("meetings:minutes-pdf", args=[item.meeting_id])).status_code == 403
    service_page = client.get(reverse("providers:service-detail", args=[item.service_id]))
    assert "Improving" not in service_page.content.decode()


def test_an_item_added_by_hand_names_an_unknown_id(client, personas, meeting, service):
    _as(client, personas, "qa_officer")
    url = reverse("meetings:add-item", args=[meeting.pk])
    response = client.post(url, {"location_id": "1-000", "topic": "Complaint"})
    assert "No service in the register has the ID 1-000" in response.content.decode()
    response = client.post(url, {"location_id": service.location_id, "topic": "Complaint"})
    assert response.status_code == 302
    assert meeting.items.get().by_hand


def _pdf_text(pdf, tmp_path):
    if not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        pytest.skip("poppler-utils is not installed")
    path = tmp_path / "meeting.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout


def test_the_pack_and_minutes_are_tagged_pdfs(client, personas, item, tmp_path):
    actions.record_decision(
        item=item, outcome="safeguarding", reason="Bruising seen", by=personas["qa_manager"],
        today=TODAY,
    )  # fmt: skip
    _as(client, personas, "commissioner")
    pack = client.get(reverse("meetings:pack-pdf", args=[item.meeting_id]))
    assert pack["Content-Type"] == "application/pdf"
    assert "-pack.pdf" in pack["Content-Disposition"]
    text = _pdf_text(pack.content, tmp_path)
    assert "Amber Court: Medicines errors" in text and "Bruising seen" not in text
    minutes = client.get(reverse("meetings:minutes-pdf", args=[item.meeting_id]))
    text = _pdf_text(minutes.content, tmp_path)
    assert "Decision: Refer to safeguarding." in text and "Draft minutes" in text
    assert Service.objects.count() == 1
