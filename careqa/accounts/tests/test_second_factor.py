"""The second factor: who must have one, setting it up at first sign-in, signing in with a
code or a recovery code, and what an administrator can do when a phone is lost."""

import base64
import re
import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import given
from hypothesis import strategies as st

from careqa.accounts import devices
from careqa.accounts.models import SecurityEvent
from careqa.accounts.roles import Role
from careqa.accounts.second_factor import ALWAYS_REQUIRED, second_factor_required
from careqa.factories import UserFactory

LOGIN = reverse("accounts:login")
CODE = reverse("accounts:second-factor")
SETUP = reverse("accounts:second-factor-setup")
HOME = reverse("work:home")
PASSWORD = "correct-horse-battery"


@given(st.sampled_from(list(Role)), st.booleans(), st.booleans(), st.booleans())
def test_who_must_have_a_second_factor(role, superuser, enforced, for_all):
    required = second_factor_required(
        role, is_superuser=superuser, enforced=enforced, for_all_staff=for_all
    )
    if not enforced:
        assert not required
    elif role in ALWAYS_REQUIRED or superuser or for_all:
        assert required
    else:
        assert not required


def _code_for(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=offset):06d}"


def _secret_on(page):
    return re.search(r'id="secret">([A-Z2-7 ]+)<', page).group(1)


def _sign_in(client, username):
    return client.post(LOGIN, {"username": username, "password": PASSWORD})


pytestmark = pytest.mark.django_db


def test_a_manager_without_an_app_sets_one_up_before_seeing_anything(client):
    UserFactory(username="manager", role=Role.QA_MANAGER)
    response = _sign_in(client, "manager")
    assert response["Location"] == SETUP
    assert "_auth_user_id" not in client.session  # not signed in with a password alone
    assert client.get(HOME)["Location"].startswith(LOGIN)
    page = client.get(SETUP).content.decode()
    assert "<svg" in page and 'aria-label="QR code to scan"' in page
    device = TOTPDevice.objects.get(user__username="manager", confirmed=False)
    typed = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert _secret_on(page).replace(" ", "") == typed
    wrong = client.post(SETUP, {"code": "000000" if _code_for(device) != "000000" else "111111"})
    assert "The code is not correct" in wrong.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    response = client.post(SETUP, {"code": _code_for(device)})
    page = response.content.decode()
    assert "Your authenticator app is set up" in page
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert client.session["_auth_user_id"]
    assert client.get(HOME).status_code == 200
    kinds = set(SecurityEvent.objects.values_list("kind", flat=True))
    assert {"second_factor_added", "recovery_codes_made", "signed_in"} <= kinds


def test_signing_in_asks_for_the_code_after_the_password(client):
    person = UserFactory(username="admin", role=Role.ADMINISTRATOR)
    device = TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    assert _sign_in(client, "admin")["Location"] == CODE
    page = client.get(CODE).content.decode()
    assert "Enter the code from your authenticator app" in page and "Signing in as admin" in page
    response = client.post(CODE, {"code": "12345"})
    assert "The code is not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp's own pause after a wrong code
    device.save()
    response = client.post(CODE, {"code": _code_for(device)})
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    assert SecurityEvent.objects.filter(kind="second_factor_failed", username="admin").exists()


def test_a_password_alone_cannot_set_up_a_new_app(client):
    person = UserFactory(username="admin", role=Role.ADMINISTRATOR)
    TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    _sign_in(client, "admin")
    assert client.get(SETUP)["Location"] == CODE
    assert client.post(SETUP, {"code": "123456"})["Location"] == CODE
    assert TOTPDevice.objects.filter(user=person).count() == 1


def test_a_recovery_code_works_once(client):
    person = UserFactory(username="provider", role=Role.PROVIDER)
    TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    codes = devices.make_recovery_codes(user=person)
    _sign_in(client, "provider")
    response = client.post(CODE, {"code": codes[0].upper()})
    assert response["Location"] == HOME
    # A provider user's home is the portal: the message shows there.
    assert "You have 9 left" in client.get(HOME, follow=True).content.decode()
    client.logout()
    _sign_in(client, "provider")
    response = client.post(CODE, {"code": codes[0]})
    assert "The code is not correct" in response.content.decode()
    assert StaticToken.objects.filter(device__user=person).count() == 9


def test_five_wrong_codes_end_the_pending_sign_in(client):
    person = UserFactory(username="admin", role=Role.ADMINISTRATOR)
    devices.make_recovery_codes(user=person)
    TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    _sign_in(client, "admin")
    for _ in range(5):
        page = client.post(CODE, {"code": "notacode"}).content.decode()
    assert "The code was wrong too many times" in page
    assert "Sign in again" in client.get(CODE).content.decode()


def test_the_code_page_without_a_password_first_says_to_sign_in(client):
    page = client.get(CODE).content.decode()
    assert "you have not entered your password yet" in page
    assert "Sign in again" in client.get(SETUP).content.decode()


def test_an_officer_needs_no_code_unless_the_council_asks_for_it(client, settings):
    UserFactory(username="officer", role=Role.QA_OFFICER)
    assert _sign_in(client, "officer")["Location"] == HOME
    client.logout()
    settings.CAREQA_SECOND_FACTOR_FOR_ALL_STAFF = True
    assert _sign_in(client, "officer")["Location"] == SETUP


def test_the_demo_setting_turns_the_requirement_off(client, settings):
    settings.CAREQA_SECOND_FACTOR_REQUIRED = False
    UserFactory(username="admin", role=Role.ADMINISTRATOR)
    assert _sign_in(client, "admin")["Location"] == HOME


def test_production_settings_refuse_to_turn_it_off(monkeypatch):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "careqa.example.gov.uk")
    monkeypatch.setenv("CAREQA_SECOND_FACTOR_REQUIRED", "false")
    for name in ("careqa.production", "careqa.settings"):
        sys.modules.pop(name, None)
    try:
        with pytest.raises(ImproperlyConfigured, match="local demo only"):
            importlib.import_module("careqa.production")
    finally:
        for name in ("careqa.production", "careqa.settings"):
            sys.modules.pop(name, None)
        monkeypatch.delenv("CAREQA_SECOND_FACTOR_REQUIRED")
        importlib.import_module("careqa.settings")


def test_someone_given_a_role_that_needs_one_sets_it_up_at_their_next_page(client, personas):
    from careqa.accounts import actions

    UserFactory(username="officer", role=Role.QA_OFFICER)
    _sign_in(client, "officer")
    assert client.get(HOME).status_code == 200
    from careqa.accounts.models import User

    actions.change_user(
        user=User.objects.get(username="officer"), by=personas["administrator"], role="qa_manager"
    )
    assert client.get(HOME)["Location"] == SETUP
    event = SecurityEvent.objects.get(kind="role_changed")
    assert event.detail == "QA officer to QA manager" and event.username == "officer"


def test_an_administrator_removes_a_lost_phone(client, personas):
    person = UserFactory(username="manager", role=Role.QA_MANAGER)
    TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    devices.make_recovery_codes(user=person)
    client.force_login(personas["administrator"])
    url = reverse("accounts:user-second-factor", args=[person.pk])
    assert "Remove this person" in client.get(url).content.decode()
    response = client.post(url)
    assert response["Location"] == reverse("accounts:user-detail", args=[person.pk])
    assert not devices.has_app(person) and devices.recovery_codes_left(person) == 0
    event = SecurityEvent.objects.get(kind="second_factor_removed")
    assert event.username == "manager" and event.actor_name == str(personas["administrator"])
    client.logout()
    assert _sign_in(client, "manager")["Location"] == SETUP


def test_your_account_page_makes_new_recovery_codes(client):
    person = UserFactory(username="officer", role=Role.QA_OFFICER)
    TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    old = devices.make_recovery_codes(user=person)
    client.force_login(person)
    page = client.get(reverse("accounts:security")).content.decode()
    assert "10 of 10 left" in page
    page = client.post(reverse("accounts:recovery-codes")).content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert "This is the only time these codes are shown" in page


def test_the_pending_sign_in_expires(client, monkeypatch):
    from careqa.accounts import signing_in

    person = UserFactory(username="admin", role=Role.ADMINISTRATOR)
    device = TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    _sign_in(client, "admin")
    later = time.time() + signing_in.PENDING_MINUTES * 60 + 1
    monkeypatch.setattr(signing_in.time, "time", lambda: later)
    page = client.post(CODE, {"code": _code_for(device)}).content.decode()
    assert "Sign in again" in page and "_auth_user_id" not in client.session
