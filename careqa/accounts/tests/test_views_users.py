"""The administrator's user pages and changing your own password."""

import pytest
from django.urls import reverse

from careqa.accounts.models import User
from careqa.accounts.roles import Role
from careqa.audit.queries import events_for
from careqa.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("accounts:user-list")
ADD = reverse("accounts:user-add")
LOGIN = reverse("accounts:login")
OLD_PASSWORD = "correct-horse-battery"  # UserFactory's
NEW_PASSWORD = "walnut-ferry-lantern"
NEW_USER = {
    "first_name": "Sunita",
    "last_name": "Patel",
    "email": "Sunita.Patel@Example.org ",
    "username": "spatel",
    "job_title": "",
    "organisation": "",
    "role": "qa_officer",
    "password": NEW_PASSWORD,
    "password_again": NEW_PASSWORD,
}


@pytest.fixture
def admin(client):
    user = UserFactory(username="admin", role=Role.ADMINISTRATOR)
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", ["qa_officer", "qa_manager", "commissioner", "partner"])
def test_only_administrators_manage_users(client, role):
    person = UserFactory(role=role)
    client.force_login(person)
    for url in (
        LIST,
        ADD,
        reverse("accounts:user-detail", args=[person.pk]),
        reverse("accounts:user-change", args=[person.pk]),
        reverse("accounts:user-password", args=[person.pk]),
        reverse("accounts:user-deactivate", args=[person.pk]),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("accounts:user-change", args=[person.pk]), {**NEW_USER, "role": "administrator"}
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.role == role
    assert ">Users<" not in client.get(reverse("providers:service-list")).content.decode()


def test_signed_out_people_are_sent_to_sign_in(client):
    for url in (LIST, reverse("accounts:password-change")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


def test_an_administrator_invites_someone_who_then_chooses_a_password(client, admin):
    from careqa.notify.models import Notice

    assert ">Users<" in client.get(LIST).content.decode()
    form = client.get(ADD).content.decode()
    assert 'name="password"' not in form  # no password is handed out
    response = client.post(ADD, NEW_USER)
    user = User.objects.get(username="spatel")
    assert response["Location"] == reverse("accounts:user-detail", args=[user.pk])
    assert user.email == "sunita.patel@example.org"
    assert user.role == Role.QA_OFFICER
    assert not user.has_usable_password()
    page = client.get(response["Location"]).content.decode()
    assert "Invitation sent to sunita.patel@example.org" in page
    assert "Account history" in page and "created this user" in page
    assert "Waiting: sent" in page
    [notice] = Notice.objects.filter(recipient="sunita.patel@example.org")
    link = next(word for word in notice.body_text.split() if "/accounts/invitation/" in word)
    client.logout()
    assert client.post(LOGIN, {"username": "spatel", "password": NEW_PASSWORD}).status_code == 200
    path = link.removeprefix("http://testserver")
    response = client.post(path, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response["Location"] == reverse("work:home")  # an officer needs no second factor
    assert client.get(reverse("work:home")).status_code == 200
    client.logout()
    assert client.post(LOGIN, {"username": "spatel", "password": NEW_PASSWORD}).status_code == 302
    assert "This invitation does not work" in client.get(path).content.decode()  # used up


def test_a_bad_new_user_form_redisplays_with_every_error_and_keeps_what_was_typed(client, admin):
    UserFactory(username="SPATEL")
    response = client.post(ADD, {**NEW_USER, "email": "not-an-email", "role": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Add a user" in page
    assert "Enter an email address in the correct format, like name@example.org" in page
    assert "Select the person&#x27;s role" in page
    assert 'value="Sunita"' in page
    assert not User.objects.filter(username="spatel").exists()
    # With the form's own errors put right, the action's rules are shown against their fields.
    page = client.post(ADD, NEW_USER).content.decode()
    assert "Someone already has that username. Choose another." in page
    page = client.post(ADD, {**NEW_USER, "username": "sp2", "role": "provider"}).content.decode()
    assert "Enter the ID of the provider this person works for" in page
    assert User.objects.filter(username__iexact="spatel").count() == 1


def test_changing_a_role_shows_in_the_account_history(client, admin):
    person = UserFactory(username="olu", first_name="Olu", last_name="Adeyemi", role="qa_officer")
    url = reverse("accounts:user-change", args=[person.pk])
    form = client.get(url).content.decode()
    assert 'value="olu"' in form and "Change Olu Adeyemi's account" in form
    assert 'name="password"' not in form  # an administrator sets passwords on their own page
    client.post(
        url, {**NEW_USER, "username": "olu", "email": "olu@example.org", "role": "qa_manager"}
    )
    person.refresh_from_db()
    assert person.role == Role.QA_MANAGER
    page = client.get(reverse("accounts:user-detail", args=[person.pk])).content.decode()
    assert "changed the" in page and "from QA officer to QA manager" in page


def test_the_last_administrator_cannot_give_up_the_role(client, admin):
    url = reverse("accounts:user-change", args=[admin.pk])
    response = client.post(
        url, {**NEW_USER, "username": "admin", "email": "a@example.org", "role": "qa_manager"}
    )
    assert response.status_code == 200
    assert "There must always be an active administrator." in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == Role.ADMINISTRATOR


def test_deactivating_asks_first_then_keeps_the_account(client, admin):
    person = UserFactory(first_name="Lee", last_name="Leaver")
    url = reverse("accounts:user-deactivate", args=[person.pk])
    assert "Deactivate this account?" in client.get(url).content.decode()
    person.refresh_from_db()
    assert person.is_active  # a GET changes nothing
    response = client.post(url)
    assert response["Location"] == reverse("accounts:user-detail", args=[person.pk])
    person.refresh_from_db()
    assert not person.is_active
    assert ">Lee Leaver</a>" not in client.get(LIST).content.decode()
    assert ">Lee Leaver</a>" in client.get(LIST, {"status": "deactivated"}).content.decode()
    client.post(reverse("accounts:user-reactivate", args=[person.pk]))
    person.refresh_from_db()
    assert person.is_active


def test_an_administrator_cannot_deactivate_themselves(client, admin):
    detail = client.get(reverse("accounts:user-detail", args=[admin.pk])).content.decode()
    assert "Deactivate account" not in detail
    response = client.post(reverse("accounts:user-deactivate", args=[admin.pk]))
    assert response.status_code == 400
    assert "You cannot deactivate your own account" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


def test_a_deactivated_persons_open_session_ends(client, admin):
    person = UserFactory()
    other = client.__class__()
    other.force_login(person)
    assert other.get(reverse("providers:service-list")).status_code == 200
    client.post(reverse("accounts:user-deactivate", args=[person.pk]))
    assert other.get(reverse("providers:service-list")).status_code == 302


def test_the_list_filters_by_text_and_role(client, admin):
    UserFactory(
        first_name="Priya", last_name="Shah", role="partner", organisation="NHS Black Country"
    )
    UserFactory(first_name="Chris", last_name="Walsh", role="commissioner")
    page = client.get(LIST, {"q": "black country"}).content.decode()
    assert "Priya Shah" in page and "Chris Walsh" not in page
    page = client.get(LIST, {"role": "commissioner"}).content.decode()
    assert "Chris Walsh" in page and "Priya Shah" not in page
    # Unknown filter values fall back to the defaults rather than failing.
    assert client.get(LIST, {"role": "king", "status": "x"}).status_code == 200


class TestPasswords:
    @pytest.fixture(autouse=True)
    def _axes_on(self, settings):
        settings.AXES_ENABLED = True

    def test_a_new_password_from_the_administrator_lifts_a_lockout(self, client, admin):
        person = UserFactory(username="forgetful")
        anonymous = client.__class__()
        for _ in range(5):
            anonymous.post(LOGIN, {"username": "forgetful", "password": "wrong"})
        assert anonymous.post(LOGIN, {"username": "forgetful", "password": "x"}).status_code == 429
        url = reverse("accounts:user-password", args=[person.pk])
        client.post(url, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
        response = anonymous.post(LOGIN, {"username": "forgetful", "password": NEW_PASSWORD})
        assert response.status_code == 302
        assert events_for(person).first().note == "New password set by an administrator"

    def test_changing_your_own_password_needs_the_current_one(self, client):
        person = UserFactory(role="partner")
        client.force_login(person)
        url = reverse("accounts:password-change")
        assert ">Change password<" in client.get(url).content.decode()
        page = client.post(
            url,
            {"current_password": "wrong", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
        ).content.decode()
        assert "Your current password is not correct" in page
        response = client.post(
            url,
            {
                "current_password": OLD_PASSWORD,
                "password": NEW_PASSWORD,
                "password_again": NEW_PASSWORD,
            },
        )
        assert response.status_code == 302
        # Still signed in here.
        assert client.get(reverse("providers:service-list")).status_code == 200
        person.refresh_from_db()
        assert person.check_password(NEW_PASSWORD)
        assert events_for(person).first().note == "Changed their own password"
