"""Signing in and out, and the throttling of failed attempts."""

import pytest
from django.urls import reverse

from careqa.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")
HOME = reverse("work:home")
PASSWORD = "correct-horse-battery"


@pytest.fixture
def officer():
    return UserFactory(username="officer", role="qa_officer")


def test_sign_in_page_needs_no_sign_in(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<h1 class="govuk-heading-l">Sign in to CareQA</h1>' in content
    assert 'autocomplete="username"' in content
    assert 'autocomplete="current-password"' in content
    assert 'type="password"' in content
    # Signed out, there is no navigation and no sign-out button.
    assert "Sign out" not in content


def test_signing_in_goes_to_my_work(client, officer):
    response = client.post(LOGIN, {"username": "officer", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_signing_in_returns_to_the_page_asked_for(client, officer):
    response = client.get(reverse("providers:provider-list"))
    assert response["Location"] == f"{LOGIN}?next=/providers/"
    response = client.post(
        f"{LOGIN}?next=/providers/",
        {"username": "officer", "password": PASSWORD, "next": "/providers/"},
    )
    assert response["Location"] == "/providers/"


def test_next_cannot_send_people_elsewhere(client, officer):
    response = client.post(
        LOGIN, {"username": "officer", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == HOME


def test_wrong_password_shows_a_govuk_error(client, officer):
    response = client.post(LOGIN, {"username": "officer", "password": "wrong-password"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: Sign in" in content
    assert "There is a problem" in content
    assert '<a href="#id_username">Enter a correct username and password.' in content
    assert 'value="officer"' in content
    assert "wrong-password" not in content


def test_empty_form_says_what_to_enter(client):
    content = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert '<a href="#id_username">Enter your username</a>' in content
    assert '<a href="#id_password">Enter your password</a>' in content
    assert 'aria-describedby="id_username-error"' in content
    assert "govuk-input--error" in content


def test_inactive_user_cannot_sign_in(client):
    UserFactory(username="left", is_active=False)
    response = client.post(LOGIN, {"username": "left", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signed_in_user_visiting_sign_in_goes_home(client, officer):
    client.force_login(officer)
    assert client.get(LOGIN)["Location"] == HOME


def test_sign_out_is_a_post(client, officer):
    client.force_login(officer)
    page = client.get(HOME).content.decode()
    assert f'<form method="post" action="{LOGOUT}">' in page
    assert client.get(LOGOUT).status_code == 405
    response = client.post(LOGOUT)
    assert response["Location"] == f"{LOGIN}?signed_out=yes"
    assert "You have signed out." in client.get(response["Location"]).content.decode()
    assert client.get(HOME).status_code == 302


def test_navigation_shows_imports_only_to_those_who_may_see_them(client, personas):
    from django.urls import reverse

    administration = reverse("work:administration")
    client.force_login(personas["partner"])
    assert administration not in client.get(HOME).text
    assert ">Imports<" not in client.get(administration).text
    client.force_login(personas["qa_officer"])
    assert administration in client.get(HOME).text
    assert ">Imports<" in client.get(administration).text


def test_header_names_the_council_not_govuk(client, officer):
    from careqa.areas.models import CouncilProfile

    CouncilProfile.objects.create(name="Wirral Council")
    client.force_login(officer)
    content = client.get(HOME).content.decode()
    assert 'class="govuk-generic-header__homepage-link">Wirral Council</a>' in content
    assert "CareQA</a>" in content
    assert "govuk-header__logotype" not in content
    assert "govuk-crest" not in content and "Crown copyright" not in content
    assert "<title>My work – CareQA – Wirral Council</title>" in content


class TestThrottling:
    @pytest.fixture(autouse=True)
    def _axes_on(self, settings):
        settings.AXES_ENABLED = True

    def test_five_failures_pause_signing_in(self, client, officer):
        for _ in range(4):
            response = client.post(LOGIN, {"username": "officer", "password": "nope"})
            assert response.status_code == 200
        response = client.post(LOGIN, {"username": "officer", "password": "nope"})
        assert response.status_code == 429
        content = response.content.decode()
        assert "Signing in is paused" in content
        assert "15 minutes" in content
        # Even the right password is refused while paused.
        response = client.post(LOGIN, {"username": "officer", "password": PASSWORD})
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session

    def test_failures_of_another_user_name_do_not_lock_this_one(self, client, officer):
        for _ in range(5):
            client.post(LOGIN, {"username": "someone-else", "password": "nope"})
        response = client.post(LOGIN, {"username": "officer", "password": PASSWORD})
        assert response.status_code == 302


def test_signed_in_pages_and_downloads_are_not_stored(client, officer):
    client.force_login(officer)
    assert client.get(HOME)["Cache-Control"] == "no-store"
    export = client.get(reverse("providers:service-export"))
    assert export["Cache-Control"] == "no-store"
