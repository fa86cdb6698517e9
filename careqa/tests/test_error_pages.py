"""Refused, missing and broken pages are GOV.UK pages with a way back, not bare text."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from careqa.urls import urlpatterns as project_urls

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("deliberate failure for the test")


urlpatterns = [*project_urls, path("test-boom/", _boom)]


def test_a_refused_page_says_why_and_offers_a_way_back(client, personas):
    client.force_login(personas["partner"])
    response = client.get("/imports/")
    html = response.content.decode()
    assert response.status_code == 403
    assert '<h1 class="govuk-heading-l">You cannot see this page</h1>' in html
    assert "Partner (read only)" in html
    assert 'class="govuk-service-navigation' in html  # the header, with the menu
    assert 'href="/"' in html


def test_a_missing_record_is_a_govuk_page_not_found(client, personas):
    client.force_login(personas["qa_officer"])
    response = client.get("/services/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in html
    assert "Go to the list of services" in html


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_is_a_govuk_page_that_needs_no_database(personas):
    client = Client(raise_request_exception=False)
    client.force_login(personas["qa_officer"])
    response = client.get("/test-boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with CareQA" in html
    assert "govuk-frontend" in html
