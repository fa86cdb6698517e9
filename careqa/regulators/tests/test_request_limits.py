"""Request bodies are refused before they are read: too big from anyone, any from strangers.

Each request states a big CONTENT_LENGTH over a body that fails the test if anything reads
it, and the client enforces CSRF checks, as a browser's request meets them: the CSRF
middleware reads the form body, so a refusal after it would come too late.
"""

import pytest
from django.test import Client
from django.urls import reverse

from careqa.accounts.roles import Role
from careqa.factories import UserFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class UnreadableBody:
    """A request body that must never be read."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def post_unread(client, url, length):
    return client.generic(
        "POST",
        url,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": UnreadableBody()},
    )


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def test_an_anonymous_upload_is_sent_to_sign_in_before_its_body_is_read(browser):
    upload = reverse("regulators:import-upload")
    response = post_unread(browser, upload, 300 * MB)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_anonymous_body_of_any_size_is_not_read_for_a_private_page(browser):
    response = post_unread(browser, reverse("regulators:import-list"), 2000)
    assert response.status_code == 302


def test_a_body_bigger_than_the_limit_gets_413_even_when_signed_in(browser):
    manager = UserFactory(username="manager", role=Role.QA_MANAGER)
    browser.force_login(manager)
    response = post_unread(browser, reverse("regulators:import-upload"), 300 * MB)
    assert response.status_code == 413
    assert response["Connection"] == "close"
    html = response.content.decode()
    assert "The file is too big" in html
    assert "about 300 MB" in html and "at most 100 MB" in html


def test_the_limit_is_a_setting(browser, settings):
    settings.CAREQA_MAX_UPLOAD_BYTES = 5 * MB
    browser.force_login(UserFactory(username="manager", role=Role.QA_MANAGER))
    assert post_unread(browser, reverse("regulators:import-upload"), 6 * MB).status_code == 413


def test_a_big_body_to_the_sign_in_page_is_refused_unread(browser):
    response = post_unread(browser, reverse("accounts:login"), 300 * MB)
    assert response.status_code == 413
    response = post_unread(browser, reverse("accounts:login"), 1 * MB)
    assert response.status_code == 413


def test_the_sign_in_form_still_takes_its_small_post(browser):
    UserFactory(username="officer", role=Role.QA_OFFICER, password="a-long-password-1")
    login = reverse("accounts:login")
    browser.get(login)  # sets the CSRF cookie, as a browser would
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        login,
        {"username": "officer", "password": "a-long-password-1", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert response["Location"] != login
    assert browser.get(reverse("regulators:import-list")).status_code == 200


def test_a_signed_in_upload_within_the_limit_is_read(client, monkeypatch):
    client.force_login(UserFactory(username="manager", role=Role.QA_MANAGER))
    response = client.post(reverse("regulators:import-upload"), {"regulator": "cqc"})
    # Read and validated: the form comes back asking for the file.
    assert response.status_code == 200
    assert "Select a file" in response.content.decode()
