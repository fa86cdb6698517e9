"""The portal's actions and the provider-facing actions of visits and plans: the data they
write, the audit event, and what they refuse."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from careqa.accounts.authz import in_scope, scope_records
from careqa.accounts.models import Invitation, User
from careqa.accounts.roles import Role
from careqa.audit.models import AuditEvent
from careqa.notify.models import Notice
from careqa.plans import actions as plan_actions
from careqa.plans.vocab import ItemState
from careqa.portal import actions
from careqa.portal.models import NoticeRecipient, SharingLogEntry
from careqa.portal.tests.conftest import entry
from careqa.providers.models import Service
from careqa.visits import actions as visit_actions
from careqa.visits.vocab import CommentStatus

pytestmark = pytest.mark.django_db
LINK = "https://careqa.example.gov.uk"


def _invite(by, provider, services=(), **extra):
    fields = {
        "username": "rm.amber",
        "first_name": "Rita",
        "last_name": "Mensah",
        "email": "rita@amber.example",
        "job_title": "Registered manager",
        **extra,
    }
    return actions.invite_provider_user(
        by=by, link_base=LINK, provider=provider, services=services, **fields
    )


def test_a_provider_user_is_invited_for_named_services_only(officer, homes):
    first, second, other = homes
    user, invitation = _invite(officer, first.provider, services=[first])
    assert user.role == Role.PROVIDER and not user.has_usable_password()
    assert list(user.scope_services.all()) == [first]
    assert invitation.status == Invitation.Status.PENDING
    assert Notice.objects.get(recipient="rita@amber.example").subject == "You are invited to CareQA"
    event = AuditEvent.objects.get(record_type="accounts.user", record_id=user.pk)
    assert "Amber Court" in event.changes["scope_services"][1]
    fresh = User.objects.get(pk=user.pk)
    assert list(scope_records(fresh, Service.objects.all())) == [first]
    assert in_scope(fresh, first) and not in_scope(fresh, second) and not in_scope(fresh, other)
    assert in_scope(fresh, first.provider)  # a record about the whole provider is theirs


def test_a_provider_user_without_named_services_reaches_all_of_them(officer, homes):
    user, _ = _invite(officer, homes[0].provider)
    fresh = User.objects.get(pk=user.pk)
    assert set(scope_records(fresh, Service.objects.all())) == {homes[0], homes[1]}


def test_another_provider_s_service_cannot_be_named(officer, homes):
    with pytest.raises(ValidationError, match="is not one of"):
        _invite(officer, homes[0].provider, services=[homes[2]])
    with pytest.raises(ValidationError, match="e-mail address"):
        _invite(officer, homes[0].provider, email="")
    assert not User.objects.filter(username="rm.amber").exists()


def test_access_is_suspended_and_restored_never_deleted(officer, provider_a):
    actions.suspend_provider_user(user=provider_a, by=officer)
    provider_a.refresh_from_db()
    assert not provider_a.is_active
    actions.restore_provider_user(user=provider_a, by=officer)
    provider_a.refresh_from_db()
    assert provider_a.is_active
    assert (
        AuditEvent.objects.filter(record_id=provider_a.pk, record_type="accounts.user").count() == 2
    )
    with pytest.raises(ValidationError, match="Only provider users"):
        actions.suspend_provider_user(user=officer, by=officer)


def test_a_comment_is_taken_within_the_window_and_answered(report, provider_a, officer):
    now = datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC)
    comment = visit_actions.comment_on_report(
        report=report, by=provider_a, comment="The visit was on Tuesday", where="About", now=now
    )
    assert comment.status == CommentStatus.AWAITING
    assert AuditEvent.objects.filter(record_type="visits.factualaccuracycomment").exists()
    with pytest.raises(ValidationError, match="why it is declined"):
        visit_actions.answer_comment(comment=comment, by=officer, accept=False, answer=" ")
    answered = visit_actions.answer_comment(
        comment=comment, by=officer, accept=True, answer="We will correct the date"
    )
    assert answered.status == CommentStatus.ACCEPTED and answered.answered_by == officer
    with pytest.raises(ValidationError, match="answered already"):
        visit_actions.answer_comment(comment=comment, by=officer, accept=False, answer="No")


def test_a_comment_after_the_window_is_refused(report, provider_a):
    # Issued Wednesday 4 March 2026: ten working days run to Wednesday 18 March.
    late = datetime.datetime(2026, 3, 19, 9, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError, match="closed on 18 March 2026"):
        visit_actions.comment_on_report(report=report, by=provider_a, comment="x", now=late)
    last = datetime.datetime(2026, 3, 18, 9, tzinfo=datetime.UTC)
    assert visit_actions.comment_on_report(report=report, by=provider_a, comment="x", now=last)


def test_a_comment_on_a_replaced_version_is_refused(report, provider_a, manager):
    visit_actions.correct_report(report=report, by=manager, note="Date")
    draft = report.visit.reports.get(status="draft")
    with pytest.raises(ValidationError, match="current issued version"):
        visit_actions.comment_on_report(report=draft, by=provider_a, comment="x")


def test_the_response_is_refused_until_every_item_has_an_action(plan, provider_a):
    first, second = plan.items.all()
    by_when = datetime.date(2026, 4, 1)
    with pytest.raises(ValidationError) as refused:
        plan_actions.submit_provider_response(
            plan=plan,
            by=provider_a,
            actions=[(first, "Weekly audit", "Deputy", by_when)],
            today=datetime.date(2026, 3, 9),
        )
    assert f"item-{second.pk}-how" in refused.value.message_dict
    assert not plan.responses.exists()
    response = plan_actions.submit_provider_response(
        plan=plan,
        by=provider_a,
        actions=[
            (first, "Weekly audit", "Deputy", by_when),
            (second, "Training", "Trainer", by_when),
        ],
        today=datetime.date(2026, 3, 9),
    )
    assert not response.on_behalf_of_provider and response.entered_by == provider_a
    with pytest.raises(ValidationError, match="waiting for your QA officer"):
        plan_actions.submit_provider_response(
            plan=plan,
            by=provider_a,
            actions=[(first, "a", "b", by_when), (second, "c", "d", by_when)],
            today=datetime.date(2026, 3, 9),
        )


def test_the_provider_completes_an_agreed_item_and_the_officer_verifies(plan, provider_a, officer):
    first, second = plan.items.all()
    by_when = datetime.date(2026, 4, 1)
    response = plan_actions.submit_provider_response(
        plan=plan,
        by=provider_a,
        actions=[
            (first, "Weekly audit", "Deputy", by_when),
            (second, "Training", "Trainer", by_when),
        ],
        today=datetime.date(2026, 3, 9),
    )
    plan_actions.accept_response(response=response, by=officer, today=datetime.date(2026, 3, 10))
    item = plan_actions.provider_complete_item(
        item=first, by=provider_a, evidence="Four signed audits", today=datetime.date.today()
    )
    assert item.state == ItemState.COMPLETED and item.completed_by == provider_a
    item = plan_actions.verify_item(item=item, by=officer, today=datetime.date.today())
    assert item.state == ItemState.VERIFIED


def test_a_notice_reaches_providers_of_the_chosen_types_in_the_chosen_areas(
    officer, homes, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    first, _, other = homes
    other.service_types = " domiciliary "
    other.save()
    document = SimpleUploadedFile("Winter visiting.pdf", b"%PDF-1.4 guidance")
    notice = actions.send_notice(
        by=officer,
        kind="national_guidance",
        title="Winter visiting",
        body="Keep visiting open.",
        service_types=["residential", "nursing"],
        councils=[first.council, other.council],
        documents=[document],
    )
    assert [r.provider for r in notice.recipients.all()] == [first.provider]
    assert notice.documents.get().original_name == "Winter visiting.pdf"
    log = SharingLogEntry.objects.get(provider=first.provider)
    assert log.kind == "notice" and log.record_id == notice.pk
    assert AuditEvent.objects.filter(record_type="portal.providernotice").exists()


def test_a_notice_with_a_wrong_document_stores_nothing(officer, homes, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as refused:
        actions.send_notice(
            by=officer,
            kind="survey",
            title="Survey",
            body="Answer it",
            service_types=["residential"],
            councils=[homes[0].council],
            documents=[SimpleUploadedFile("tool.exe", b"MZ")],
        )
    assert "tool.exe" in refused.value.message_dict["documents"][0]
    assert not NoticeRecipient.objects.exists()
    assert not any(tmp_path.rglob("*.exe"))


def test_the_first_reader_of_a_provider_is_kept(officer, homes, provider_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    notice = actions.send_notice(
        by=officer,
        kind="local_instruction",
        title="Fire doors",
        body="Check them",
        service_types=["residential"],
        councils=[homes[0].council],
    )
    first = actions.mark_notice_read(notice=notice, by=provider_a)
    again = actions.mark_notice_read(notice=notice, by=provider_a)
    assert first.first_read_by == provider_a and again.first_read_at == first.first_read_at


def test_only_an_entry_shareable_with_partners_is_shared_with_the_provider(officer, homes):
    council_only = entry(homes[0], officer, 2, "Council staff only")
    with pytest.raises(ValidationError, match="Only entries shareable with partners"):
        actions.share_entry(entry=council_only, by=officer)
    shareable = entry(homes[0], officer, 1, "Call bells unanswered")
    shared = actions.share_entry(entry=shareable, by=officer)
    assert shared.provider == homes[0].provider and shared.shared_by_name == str(officer)
    with pytest.raises(ValidationError, match="already shared"):
        actions.share_entry(entry=shareable, by=officer)
