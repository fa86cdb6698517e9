"""A new administrator sets up an authenticator app at first sign-in, then signs in again
with a code: every page checked with axe. The 'app' is django-otp's TOTP over the secret
the page writes out, as a person would type it into their phone."""

import base64
import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from careqa.browser_tests.conftest import sign_in
from careqa.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret_text, step_ahead=0):
    """The code an app shows for this secret (or for the next 30 seconds' step)."""
    text = secret_text.replace(" ", "")
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    return f"{totp(key, drift=step_ahead):06d}"


def test_an_administrator_sets_up_an_app_and_signs_in_with_it(anonymous_page, assert_accessible):
    page = anonymous_page
    UserFactory(username="admin", role="administrator")

    page.goto("/")
    assert_accessible(page)
    sign_in(page, "admin")
    assert page.get_by_role("heading", name="Set up your authenticator app").is_visible()
    assert page.get_by_role("img", name="QR code to scan").is_visible()
    assert_accessible(page)
    secret = page.locator("#secret").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} )*[A-Z2-7]{1,4}", secret)

    page.get_by_label("Code", exact=True).fill("000000" if _code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Confirm app").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("link", name=re.compile("The code is not correct")).is_visible()
    assert_accessible(page)
    TOTPDevice.objects.filter(user__username="admin").update(throttling_failure_count=0)

    page.get_by_label("Code", exact=True).fill(_code(secret))
    page.get_by_role("button", name="Confirm app").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name="Your authenticator app is set up").is_visible()
    assert page.get_by_role("list", name="Recovery codes").locator("li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="I have saved my codes, continue").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name="My work", level=1).is_visible()
    assert_accessible(page)

    page.get_by_role("button", name=re.compile("Sign out")).click()
    page.wait_for_load_state("load")
    assert page.get_by_text("You have signed out.").is_visible()
    assert_accessible(page)
    sign_in(page, "admin")
    assert page.get_by_role(
        "heading", name="Enter the code from your authenticator app"
    ).is_visible()
    assert_accessible(page)
    # A code is good once: the next step's (accepted a step early) signs in straight away.
    page.get_by_label("Code", exact=True).fill(_code(secret, step_ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name="My work", level=1).is_visible()
    assert_accessible(page)
