"""Password reset and invitations by e-mail, expiring invitations, and the security log."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from careqa.accounts import actions
from careqa.accounts.models import Invitation, SecurityEvent
from careqa.factories import UserFactory
from careqa.notify.models import Notice

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password-reset")
LOGIN = reverse("accounts:login")
NEW_PASSWORD = "walnut-ferry-lantern"


def _link(notice):
    word = next(w for w in notice.body_text.split() if w.startswith("http"))
    return word.removeprefix("http://testserver")


def test_a_reset_says_the_same_whether_or_not_the_address_exists(client):
    UserFactory(username="officer", email="officer@example.org")
    known = client.post(RESET, {"email": "Officer@Example.org"})
    unknown = client.post(RESET, {"email": "nobody@example.org"})
    assert known["Location"] == unknown["Location"] == reverse("accounts:password-reset-sent")
    [notice] = Notice.objects.all()
    assert notice.recipient == "officer@example.org"
    assert notice.subject == "Reset your CareQA password"
    assert "expires in 2 hours" in notice.body_text
    asked = SecurityEvent.objects.filter(kind="password_reset_asked")
    assert asked.count() == 2
    assert asked.get(username="").detail == "No active account has the address nobody@example.org"


def test_a_reset_link_works_once(client):
    person = UserFactory(username="officer", email="officer@example.org")
    client.post(RESET, {"email": "officer@example.org"})
    link = _link(Notice.objects.get())
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    choose = form.redirect_chain[-1][0]
    bad = client.post(choose, {"password": "password", "password_again": "password"})
    assert "This password is too common." in bad.content.decode()
    response = client.post(choose, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response["Location"] == reverse("accounts:password-reset-done")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert "This link does not work" in client.get(link, follow=True).content.decode()
    assert SecurityEvent.objects.filter(kind="password_reset", username="officer").exists()


def test_a_reset_link_expires(client, settings):
    UserFactory(username="officer", email="officer@example.org")
    client.post(RESET, {"email": "officer@example.org"})
    link = _link(Notice.objects.get())
    settings.PASSWORD_RESET_TIMEOUT = -1
    assert "This link does not work" in client.get(link, follow=True).content.decode()


def _invite(admin, **extra):
    fields = {
        "username": "spatel",
        "first_name": "Sunita",
        "last_name": "Patel",
        "email": "sunita@example.org",
        "role": "qa_manager",
        "job_title": "",
        "organisation": "",
        **extra,
    }
    return actions.invite_user(by=admin, link_base="http://testserver", **fields)


def test_an_invited_manager_chooses_a_password_then_sets_up_the_app(client, personas):
    user, invitation = _invite(personas["administrator"])
    notice = Notice.objects.get(recipient="sunita@example.org")
    assert "as QA manager" in notice.body_text and "second factor" in notice.body_text
    link = _link(notice)
    page = client.get(link).content.decode()
    assert "Choose your password" in page and "authenticator app" in page
    response = client.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response["Location"] == reverse("accounts:second-factor-setup")
    assert "_auth_user_id" not in client.session
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert client.get(link).status_code == 404


def test_a_new_invitation_replaces_the_old_link(client, personas):
    admin = personas["administrator"]
    user, first = _invite(admin)
    client.force_login(admin)
    client.post(reverse("accounts:user-invite-again", args=[user.pk]))
    first.refresh_from_db()
    assert first.status == Invitation.Status.WITHDRAWN
    old, new = (_link(n) for n in Notice.objects.order_by("created_at", "id"))
    client.logout()
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200


def test_a_provider_user_is_invited_with_their_provider(client, personas):
    from careqa.factories import ProviderFactory

    provider = ProviderFactory(provider_id="1-555")
    client.force_login(personas["administrator"])
    form = {
        "first_name": "Rae",
        "last_name": "Manager",
        "email": "rae@example.org",
        "username": "rae",
        "role": "provider",
        "provider": "1-555",
    }
    client.post(reverse("accounts:user-add"), form)
    from careqa.accounts.models import User

    assert User.objects.get(username="rae").scope_provider == provider


def test_expire_invitations_closes_the_old_ones(personas):
    user, invitation = _invite(personas["administrator"])
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    out = io.StringIO()
    call_command("expire_invitations", stdout=out)
    assert out.getvalue().strip() == "Invitations expired: 1"
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.EXPIRED
    assert SecurityEvent.objects.filter(kind="invitation_expired", username="spatel").exists()
    call_command("expire_invitations", stdout=out)
    assert out.getvalue().strip().endswith("Invitations expired: 0")


def test_an_expired_link_does_not_work_even_before_the_command_runs(client, personas):
    user, invitation = _invite(personas["administrator"])
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    assert client.get(_link(Notice.objects.get())).status_code == 404


def test_the_security_log_is_read_and_downloaded_by_administrators(client, personas):
    officer = UserFactory(username="=cmd", email="x@example.org")
    client.post(LOGIN, {"username": "=cmd", "password": "wrong"})
    client.force_login(personas["administrator"])
    page = client.get(reverse("accounts:security-log")).content.decode()
    assert "Sign-in failed" in page and "=cmd" in page
    response = client.get(reverse("accounts:security-log-csv") + "?kind=sign_in_failed")
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["When", "What", "Username", "By", "Address", "Detail"]
    assert rows[1][1:3] == ["Sign-in failed", "'=cmd"]  # never a formula in a spreadsheet
    assert len(rows) == 2
    # The download itself is in the log.
    download = SecurityEvent.objects.get(kind="downloaded")
    assert "careqa-security-log" in download.detail
    assert officer.pk
    client.force_login(personas["qa_manager"])
    assert client.get(reverse("accounts:security-log")).status_code == 403


def test_exports_are_logged_as_downloads(client, personas):
    client.force_login(personas["commissioner"])
    response = client.get(reverse("providers:service-export"))
    assert response.status_code == 200
    event = SecurityEvent.objects.get(kind="downloaded")
    assert event.username == "commissioner" and "/services/" in event.detail
