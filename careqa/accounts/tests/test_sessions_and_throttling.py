"""Idle sessions, signing out, the client's address behind proxies, and the throttles."""

import time

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from careqa.accounts.addresses import address_from
from careqa.accounts.middleware import LAST_SEEN, is_idle
from careqa.accounts.models import SecurityEvent
from careqa.factories import UserFactory

LOGIN = reverse("accounts:login")
HOME = reverse("work:home")
PASSWORD = "correct-horse-battery"

ips = st.ip_addresses(v=4).map(str)


@given(st.lists(ips, max_size=6), ips, st.integers(min_value=0, max_value=8))
def test_the_client_is_the_hop_the_trusted_proxies_saw(chain, remote, proxies):
    header = ", ".join(chain)
    hops = [*chain, remote]
    expected = hops[max(len(hops) - 1 - proxies, 0)]
    assert address_from(remote, header, proxies) == expected


@given(st.lists(ips, min_size=1, max_size=6), ips)
def test_with_no_trusted_proxy_the_header_is_ignored(chain, remote):
    assert address_from(remote, ", ".join(chain), 0) == remote


def test_a_forged_header_falls_back_to_the_connection():
    assert address_from("10.0.0.1", "not-an-address", 1) == "10.0.0.1"
    # The client wrote the leftmost entry; with one proxy only the rightmost counts.
    assert address_from("10.0.0.1", "6.6.6.6, 203.0.113.9", 1) == "203.0.113.9"


@given(st.floats(0, 1e9), st.floats(0, 1e5), st.integers(1, 600))
def test_idle_means_longer_than_the_setting(last, gap, minutes):
    assert is_idle(last, last + gap, minutes) == (gap > minutes * 60)
    assert not is_idle(None, last + gap, minutes)


pytestmark = pytest.mark.django_db


def test_an_idle_session_is_signed_out_and_the_sign_in_page_says_why(client, settings):
    settings.CAREQA_IDLE_MINUTES = 30
    person = UserFactory(username="officer")
    client.force_login(person)
    assert client.get(HOME).status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("providers:service-list"))
    assert response["Location"].startswith(f"{LOGIN}?next=")
    assert response["Location"].endswith("&signed_out=idle")
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out after 30 minutes without activity." in page
    assert client.get(HOME).status_code == 302
    assert SecurityEvent.objects.filter(kind="signed_out_idle", username="officer").exists()


def test_a_session_in_use_stays_signed_in(client, settings):
    person = UserFactory(username="officer")
    client.force_login(person)
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(HOME).status_code == 200
    assert client.session[LAST_SEEN] >= int(time.time()) - 5


class TestBehindTheProxy:
    @pytest.fixture(autouse=True)
    def _axes_on(self, settings):
        settings.AXES_ENABLED = True
        settings.CAREQA_TRUSTED_PROXIES = 1

    def _post(self, client, username, password, address):
        return client.post(
            LOGIN,
            {"username": username, "password": password},
            REMOTE_ADDR="10.0.0.2",  # the council's proxy
            HTTP_X_FORWARDED_FOR=address,
        )

    def test_one_person_cannot_lock_a_named_user_out_for_everyone_behind_it(self, client):
        UserFactory(username="officer")
        for _ in range(5):
            self._post(client, "officer", "nope", "192.0.2.66")
        assert self._post(client, "officer", PASSWORD, "192.0.2.66").status_code == 429
        # The same name from a colleague's machine behind the same proxy still signs in.
        assert self._post(client, "officer", PASSWORD, "192.0.2.10").status_code == 302
        failure = SecurityEvent.objects.filter(kind="sign_in_failed").first()
        assert failure.address == "192.0.2.66" and failure.username == "officer"
        assert SecurityEvent.objects.filter(kind="locked_out", username="officer").exists()

    def test_many_names_from_one_address_pause_that_address(self, client, settings):
        settings.CAREQA_ADDRESS_FAILURE_LIMIT = 6
        UserFactory(username="officer")
        for n in range(6):
            self._post(client, f"guess{n}", "nope", "192.0.2.66")
        response = self._post(client, "officer", PASSWORD, "192.0.2.66")
        assert response.status_code == 429
        assert "from your network, under several names" in response.content.decode()
        assert self._post(client, "officer", PASSWORD, "192.0.2.10").status_code == 302


def test_wrong_current_passwords_pause_the_change_password_form(client, settings):
    person = UserFactory(username="officer")
    client.force_login(person)
    url = reverse("accounts:password-change")
    wrong = {"current_password": "nope", "password": "walnut-ferry-lantern"}
    wrong["password_again"] = wrong["password"]
    for _ in range(settings.CAREQA_PASSWORD_CHECK_LIMIT):
        assert "is not correct" in client.post(url, wrong).content.decode()
    right = {**wrong, "current_password": PASSWORD}
    response = client.post(url, right)
    assert response.status_code == 429
    assert "wrong current password too many times" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
