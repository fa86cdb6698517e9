"""The page and the log line for a request the database could not serve (the whole path,
with a real database stopped, is test_faults.py)."""

import logging
import sys

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client, RequestFactory, override_settings
from django.urls import path

from careqa import urls as project_urls
from careqa.operations.views import (
    DatabaseUnavailableLogFilter,
    database_unavailable,
    server_error,
)


def _raised(error):
    try:
        raise error
    except Exception:
        return sys.exc_info()


def test_lost_connections_are_told_apart_from_other_failures():
    assert database_unavailable(OperationalError("connection refused"))
    assert database_unavailable(InterfaceError("connection already closed"))
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as error:
            raise RuntimeError("while loading the session") from error
    except RuntimeError as error:
        assert database_unavailable(error)
    assert not database_unavailable(ValueError("a bug"))
    assert not database_unavailable(None)


def test_the_page_says_the_service_is_unavailable():
    request = RequestFactory().get("/services/")
    try:
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed')
    except OperationalError:
        response = server_error(request)
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert '<h1 class="govuk-heading-l">Sorry, the service is unavailable</h1>' in page
    assert "5432" not in page and "Traceback" not in page


def test_any_other_failure_is_the_usual_500_page():
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with CareQA" in response.content.decode()


def test_the_url_configuration_uses_it():
    assert project_urls.handler500 == "careqa.operations.views.server_error"


def _record(exc_info):
    return logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "%s: %s",
        ("Service Unavailable", "/"),
        exc_info,
    )


def test_the_log_says_it_in_one_line():
    record = _record(_raised(OperationalError("connection failed: Connection refused\nmore")))
    assert DatabaseUnavailableLogFilter().filter(record)
    assert record.exc_info is None
    assert record.getMessage() == (
        "Service Unavailable: / (database unavailable: connection failed: Connection refused)"
    )
    other = _record(_raised(ValueError("a bug")))
    DatabaseUnavailableLogFilter().filter(other)
    assert other.exc_info is not None


def _lost_database(request):
    raise OperationalError("connection failed: Connection refused")


urlpatterns = [path("test-lost-database/", _lost_database)]
handler500 = project_urls.handler500


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_lost_database_through_the_request_path(personas):
    client = Client(raise_request_exception=False)
    client.force_login(personas["qa_officer"])
    response = client.get("/test-lost-database/")
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()
