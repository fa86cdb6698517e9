"""Managing accounts: validated, audited, never deleted, and never without an administrator."""

import pytest
from django.core.exceptions import ValidationError

from careqa.accounts import actions
from careqa.accounts.models import User
from careqa.accounts.roles import Role
from careqa.audit.models import AuditEvent
from careqa.audit.queries import events_for
from careqa.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "walnut-ferry-lantern"
DETAILS = {
    "username": "spatel",
    "first_name": "Sunita",
    "last_name": "Patel",
    "email": "sunita.patel@example.org",
    "role": Role.QA_OFFICER,
    "job_title": "Quality officer",
    "organisation": "",
}


@pytest.fixture
def admin():
    return UserFactory(username="admin", role=Role.ADMINISTRATOR)


def test_adding_a_user_sets_a_usable_password_and_audits_without_it(admin):
    user = actions.add_user(password=GOOD_PASSWORD, by=admin, **DETAILS)
    assert user.check_password(GOOD_PASSWORD)
    (event,) = events_for(user)
    assert event.action == AuditEvent.Action.CREATED
    assert event.actor_id == admin.pk
    assert event.changes["role"] == [None, "qa_officer"]
    assert event.changes["username"] == [None, "spatel"]
    assert "password" not in event.changes
    assert GOOD_PASSWORD not in str(event.changes) + event.note
    assert event.note == "First password set by an administrator"


def test_a_weak_password_adds_nobody(admin):
    with pytest.raises(ValidationError) as raised:
        actions.add_user(password="12345678", by=admin, **DETAILS)
    assert "password" in raised.value.message_dict
    assert not User.objects.filter(username="spatel").exists()
    assert not AuditEvent.objects.exists()


def test_usernames_differing_only_in_case_clash(admin):
    UserFactory(username="SPatel")
    with pytest.raises(ValidationError) as raised:
        actions.add_user(password=GOOD_PASSWORD, by=admin, **DETAILS)
    assert raised.value.message_dict["username"] == [
        "Someone already has that username. Choose another."
    ]


def test_changing_a_role_records_from_and_to(admin):
    user = UserFactory(role=Role.QA_OFFICER)
    actions.change_user(user=user, by=admin, role=Role.QA_MANAGER, job_title="Team manager")
    user.refresh_from_db()
    assert user.role == Role.QA_MANAGER
    (event,) = events_for(user)
    assert event.action == AuditEvent.Action.CHANGED
    assert event.changes == {
        "role": ["qa_officer", "qa_manager"],
        "job_title": ["", "Team manager"],
    }


def test_an_unchanged_submission_writes_nothing(admin):
    user = UserFactory(role=Role.PARTNER)
    actions.change_user(user=user, by=admin, role=Role.PARTNER, first_name=user.first_name)
    assert not events_for(user).exists()


def test_the_last_active_administrator_keeps_the_role(admin):
    with pytest.raises(ValidationError) as raised:
        actions.change_user(user=admin, by=admin, role=Role.QA_MANAGER)
    assert raised.value.message_dict["role"] == [actions.LAST_ADMINISTRATOR]
    admin.refresh_from_db()
    assert admin.role == Role.ADMINISTRATOR
    # A second administrator, once deactivated, does not count.
    UserFactory(role=Role.ADMINISTRATOR, is_active=False)
    with pytest.raises(ValidationError):
        actions.change_user(user=admin, by=admin, role=Role.QA_MANAGER)
    UserFactory(role=Role.ADMINISTRATOR)
    actions.change_user(user=admin, by=admin, role=Role.QA_MANAGER)
    admin.refresh_from_db()
    assert admin.role == Role.QA_MANAGER


def test_deactivating_keeps_the_account_and_stops_sign_in(admin, client):
    user = UserFactory(username="leaver", role=Role.QA_OFFICER)
    actions.deactivate_user(user=user, by=admin)
    user.refresh_from_db()
    assert user.is_active is False
    assert not client.login(username="leaver", password="correct-horse-battery")
    (event,) = events_for(user)
    assert event.action == AuditEvent.Action.DEACTIVATED
    actions.deactivate_user(user=user, by=admin)  # a second time changes nothing
    assert events_for(user).count() == 1
    actions.reactivate_user(user=user, by=admin)
    assert client.login(username="leaver", password="correct-horse-battery")
    assert [e.action for e in events_for(user)] == ["reactivated", "deactivated"]


def test_nobody_deactivates_themselves_or_the_last_administrator(admin):
    with pytest.raises(ValidationError, match="your own account"):
        actions.deactivate_user(user=admin, by=admin)
    other = UserFactory(role=Role.ADMINISTRATOR)
    actions.deactivate_user(user=other, by=admin)
    manager = UserFactory(role=Role.QA_MANAGER)
    with pytest.raises(ValidationError, match="active administrator"):
        actions.deactivate_user(user=admin, by=manager)
    admin.refresh_from_db()
    assert admin.is_active


def test_setting_a_password_is_audited_as_a_note(admin):
    user = UserFactory()
    actions.set_password(user=user, password=GOOD_PASSWORD, by=admin)
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)
    (event,) = events_for(user)
    assert event.changes == {}
    assert event.note == "New password set by an administrator"
    actions.set_password(user=user, password="another-fine-passphrase", by=user)
    assert events_for(user).first().note == "Changed their own password"


def test_a_password_like_the_username_is_refused(admin):
    user = UserFactory(username="morganpatel")
    with pytest.raises(ValidationError) as raised:
        actions.set_password(user=user, password="morganpatel1", by=admin)
    assert "password" in raised.value.message_dict
    user.refresh_from_db()
    assert user.check_password("correct-horse-battery")


def test_createsuperuser_makes_an_administrator():
    user = User.objects.create_superuser("first-admin", "a@example.org", GOOD_PASSWORD)
    assert user.role == Role.ADMINISTRATOR
