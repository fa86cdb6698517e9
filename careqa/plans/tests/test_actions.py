"""The plans' actions: the data they write and the audit event beside it, with the
service's id; and the refusals the issue names, with nothing saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from careqa.audit.models import AuditEvent
from careqa.plans import actions
from careqa.plans.models import Attachment, PlanItem, ProgressNote, Response
from careqa.plans.tests.conftest import ISSUED, carry_out
from careqa.plans.vocab import ItemState

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 20)


def events(record_type, **filters):
    return AuditEvent.objects.filter(record_type=record_type, **filters)


def respond(plan, officer, *, items=None, received_on=DAY, on_behalf=True):
    items = list(plan.items.all()) if items is None else items
    return actions.record_response(
        plan=plan,
        by=officer,
        received_on=received_on,
        today=DAY,
        on_behalf_of_provider=on_behalf,
        actions=[(i, "Weekly audit", "Deputy manager", datetime.date(2026, 4, 30)) for i in items],
    )


def test_issuing_a_report_with_required_actions_opens_the_plan(issued, home):
    plan = issued.action_plans.get()
    assert plan.service == home and plan.opened_on == ISSUED
    assert plan.response_due == datetime.date(2026, 3, 24)  # 14 days after issue
    items = list(plan.items.all())
    assert [i.area for i in items] == ["safe", "well_led"]
    assert all(i.state == ItemState.AWAITING_RESPONSE and i.required_action for i in items)
    opened = events("plans.actionplan", record_id=plan.pk, action="created").get()
    assert opened.service_id == home.pk and opened.provider_id == home.provider_id
    assert events("plans.planitem", service_id=home.pk).count() == 2


def test_a_report_without_required_actions_opens_no_plan(home, officer, manager):
    from careqa.visits.actions import issue_report

    report = carry_out(home, officer=officer, manager=manager)
    issue_report(report=report, by=manager, today=ISSUED)
    assert not home.action_plans.exists()


def test_the_response_deadline_is_a_setting(home, officer, manager, settings):
    from careqa.visits.actions import issue_report

    settings.CAREQA_RESPONSE_DUE_DAYS = 28
    report = carry_out(home, officer=officer, manager=manager, required=(("safe", "Fix it"),))
    issue_report(report=report, by=manager, today=ISSUED)
    assert home.action_plans.get().response_due == datetime.date(2026, 4, 7)


def test_a_corrected_report_adds_no_items_twice(issued, manager, officer):
    from careqa.visits.actions import correct_report, issue_report

    correction = correct_report(report=issued, by=manager, note="A typing error")
    issue_report(report=correction, by=manager, today=ISSUED + datetime.timedelta(days=2))
    assert PlanItem.objects.count() == 2


def test_an_officer_adds_an_item_from_desktop_monitoring(plan, officer, home):
    item = actions.add_item(
        plan=plan,
        by=officer,
        today=DAY,
        area="caring",
        remedy="Involve families in reviews",
        priority="medium",
        evidence_needed="Minutes of the reviews",
        owner="Registered manager",
        source="desktop_monitoring",
    )
    assert item.plan == plan and item.state == ItemState.AWAITING_RESPONSE
    event = events("plans.planitem", record_id=item.pk).get()
    assert event.service_id == home.pk and event.changes["source"][1] == "desktop_monitoring"


def test_the_whole_journey_to_verified_is_audited(plan, officer, manager, home):
    response = respond(plan, officer)
    actions.accept_response(response=response, by=manager, today=DAY)
    item = plan.items.first()
    item.refresh_from_db()
    assert item.state == ItemState.AGREED and item.due_on == datetime.date(2026, 4, 30)
    actions.start_item(item=item, by=officer)
    actions.complete_item(
        item=item, by=officer, evidence="Four weekly checks seen", completed_on=DAY, today=DAY
    )
    actions.verify_item(item=item, by=manager, today=DAY)
    item.refresh_from_db()
    assert item.state == ItemState.VERIFIED and item.verified_by == manager
    states = [
        e.changes["state"][1]
        for e in events("plans.planitem", record_id=item.pk, action="changed").order_by("pk")
    ]
    assert states == ["agreed", "in_progress", "completed", "verified"]
    assert set(events("plans.planitem").values_list("service_id", flat=True)) == {home.pk}
    assert events("plans.response", record_id=response.pk, action="changed").exists()


def test_a_reopened_item_goes_back_into_progress(plan, officer, manager):
    respond(plan, officer)
    item = plan.items.first()
    actions.agree_item(item=item, by=officer, today=DAY)
    actions.start_item(item=item, by=officer)
    actions.complete_item(item=item, by=officer, evidence="Seen", completed_on=DAY, today=DAY)
    with pytest.raises(ValidationError) as error:
        actions.reopen_item(item=item, by=manager, reason=" ")
    assert "Enter why the item is reopened" in str(error.value)
    actions.reopen_item(item=item, by=manager, reason="The checks stopped in April")
    item.refresh_from_db()
    assert item.state == ItemState.REOPENED
    actions.start_item(item=item, by=officer)
    item.refresh_from_db()
    assert item.state == ItemState.IN_PROGRESS


def test_a_move_the_table_does_not_allow_is_refused(plan, manager):
    item = plan.items.first()
    with pytest.raises(ValidationError, match="cannot be moved to verified"):
        actions.verify_item(item=item, by=manager, today=DAY)
    item.refresh_from_db()
    assert item.state == ItemState.AWAITING_RESPONSE


def test_a_response_cannot_be_accepted_until_every_item_has_an_action(plan, officer, manager):
    first = plan.items.first()
    response = respond(plan, officer, items=[first])
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="every item has at least one action"):
        actions.accept_response(response=response, by=manager, today=DAY)
    response.refresh_from_db()
    assert response.accepted_on is None and AuditEvent.objects.count() == before
    assert not plan.items.exclude(state=ItemState.AWAITING_RESPONSE).exists()


def test_a_date_before_the_plan_existed_is_refused(plan, officer):
    before = ISSUED - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        respond(plan, officer, received_on=before)
    assert "on or after 10 March 2026, when the plan was opened" in str(error.value)
    item = plan.items.first()
    with pytest.raises(ValidationError):
        actions.add_progress_note(
            item=item, by=officer, noted_on=before, source="call", text="Rang", today=DAY
        )
    with pytest.raises(ValidationError):
        actions.agree_item(item=item, by=officer, due_on=before, today=DAY)
    assert not Response.objects.exists() and not ProgressNote.objects.exists()
    item.refresh_from_db()
    assert item.state == ItemState.AWAITING_RESPONSE


def test_a_completed_item_needs_its_evidence(plan, officer):
    item = plan.items.first()
    actions.agree_item(item=item, by=officer, today=DAY)
    actions.start_item(item=item, by=officer)
    with pytest.raises(ValidationError) as error:
        actions.complete_item(item=item, by=officer, evidence="  ", completed_on=DAY, today=DAY)
    assert "Enter the evidence that shows the item is done" in str(error.value)
    item.refresh_from_db()
    assert item.state == ItemState.IN_PROGRESS and not item.completion_evidence


def test_verifying_what_you_entered_for_the_provider_needs_a_note(plan, officer):
    response = respond(plan, officer, on_behalf=True)
    with pytest.raises(ValidationError, match="on the provider's behalf"):
        actions.accept_response(response=response, by=officer, today=DAY)
    response.refresh_from_db()
    assert response.accepted_on is None
    actions.accept_response(
        response=response, by=officer, today=DAY, note="The manager confirmed it by e-mail"
    )
    item = plan.items.first()
    actions.start_item(item=item, by=officer)
    actions.complete_item(item=item, by=officer, evidence="Seen", completed_on=DAY, today=DAY)
    with pytest.raises(ValidationError, match="how you checked the evidence"):
        actions.verify_item(item=item, by=officer, today=DAY)
    item.refresh_from_db()
    assert item.state == ItemState.COMPLETED
    actions.verify_item(item=item, by=officer, today=DAY, note="Checked the records on site")
    item.refresh_from_db()
    assert item.state == ItemState.VERIFIED


def test_progress_notes_are_dated_and_name_their_source(plan, officer, home):
    item = plan.items.first()
    note = actions.add_progress_note(
        item=item, by=officer, noted_on=DAY, source="data_return", text="KPIs improving", today=DAY
    )
    assert note.get_source_display() == "Data return"
    assert events("plans.progressnote", record_id=note.pk).get().service_id == home.pk


def test_a_document_is_stored_through_the_storage_api(plan, officer, home):
    item = plan.items.first()
    upload = SimpleUploadedFile("Audit March.pdf", b"%PDF-1.4 audit")
    attachment = actions.attach_document(item=item, by=officer, upload=upload)
    assert attachment.original_name == "Audit March.pdf" and attachment.size == 14
    assert default_storage.exists(attachment.file.name)
    assert events("plans.attachment", record_id=attachment.pk).get().service_id == home.pk


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("virus.exe", 10, "must be a PDF, DOCX, XLSX, PNG or JPG"),
        ("big.pdf", 11 * 1024 * 1024, "smaller than 10 MB"),
        ("renamed.pdf", 10, "not a PDF file, whatever its name says"),
    ],
)
def test_a_document_of_the_wrong_kind_or_size_is_refused(plan, officer, name, size, message):
    upload = SimpleUploadedFile(name, b"x" * size)
    with pytest.raises(ValidationError, match=message):
        actions.attach_document(item=plan.items.first(), by=officer, upload=upload)
    assert not Attachment.objects.exists()


def test_a_follow_up_visit_lands_in_the_programme(plan, manager, officer, home):
    visit = actions.book_follow_up_visit(
        item=plan.items.first(),
        by=manager,
        planned_on=datetime.date(2026, 5, 6),
        lead_officer=officer,
    )
    assert visit.service == home and visit.status == "planned" and visit.fixed_by_hand
    assert "Follow-up of an action plan item" in visit.reasons


def test_the_last_item_verified_closes_the_plan(plan, officer, manager, home):
    actions.accept_response(response=respond(plan, officer), by=manager, today=DAY)
    for item in plan.items.all():
        actions.start_item(item=item, by=officer)
        actions.complete_item(item=item, by=officer, evidence="Seen", completed_on=DAY, today=DAY)
        plan.refresh_from_db()
        assert plan.status == "open"
        actions.verify_item(item=item, by=manager, today=DAY)
    plan.refresh_from_db()
    assert plan.status == "closed"
    closed = events("plans.actionplan", record_id=plan.pk, action="changed").get()
    assert closed.changes["status"] == ["open", "closed"] and closed.service_id == home.pk
    # The service's next finding opens a new plan.
    later = actions.add_item_for_service(
        service=home,
        by=officer,
        today=DAY,
        area="safe",
        remedy="Fix the fire door",
        priority="high",
        evidence_needed="A photograph",
        owner="Maintenance lead",
        source="complaint",
    )
    assert later.plan != plan and later.plan.status == "open"
