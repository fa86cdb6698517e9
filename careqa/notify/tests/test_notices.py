"""Notices: rendered in the council's name, kept in the application, sent after commit
through a real SMTP server on 127.0.0.1, retried by the job queue, never lost."""

import datetime

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from careqa.factories import CouncilProfileFactory, UserFactory
from careqa.notify.actions import send_notice
from careqa.notify.models import Notice
from careqa.notify.rules import RETRY_MINUTES, gives_up, retry_delay
from careqa.notify.tests.smtp_server import SMTPTestServer

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
INVITE = {
    "name": "Sunita O'Neil",
    "inviter": "Morgan Lee",
    "role": "QA officer",
    "link": "https://careqa.example/accounts/invitation/abc/",
    "expires_at": datetime.datetime(2026, 12, 9, 9, 30, tzinfo=datetime.UTC),
    "second_factor": True,
}


@pytest.fixture
def smtp(settings):
    with SMTPTestServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_HOST_USER = "careqa"
        settings.EMAIL_HOST_PASSWORD = "smtp-secret"
        settings.EMAIL_USE_TLS = False
        settings.DEFAULT_FROM_EMAIL = "careqa@wirral.example"
        settings.TASKS = IMMEDIATE
        yield server


def _invite(to):
    return send_notice(
        to=to, subject="You are invited to CareQA", template_name="invitation", context=INVITE
    )


@pytest.mark.django_db(transaction=True)
def test_a_notice_goes_through_a_real_smtp_server_with_both_bodies(smtp):
    CouncilProfileFactory(name="Wirral Council")
    person = UserFactory(email="sunita@example.org")
    with transaction.atomic():
        [notice] = _invite([person])
        assert smtp.messages == []  # nothing leaves before the transaction commits
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT and notice.attempts == 1
    assert notice.recipient_user_id == person.pk
    [(mail_from, rcpt_to, message)] = smtp.messages
    assert smtp.logins == [("careqa", "smtp-secret")]
    assert (mail_from, rcpt_to) == ("careqa@wirral.example", ["sunita@example.org"])
    assert message["From"] == "Wirral Council <careqa@wirral.example>"
    assert message["To"] == "sunita@example.org"
    assert message["Subject"] == "You are invited to CareQA"
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Morgan Lee has invited you to use CareQA, Wirral Council's system" in text
    assert "https://careqa.example/accounts/invitation/abc/" in text
    assert "expires on 9 December 2026 at 9:30am" in text
    assert "Dear Sunita O'Neil," in text  # plain text is not HTML-escaped
    assert "<p>" not in text
    assert '<a href="https://careqa.example/accounts/invitation/abc/"' in html
    assert "<p>Dear Sunita O&#x27;Neil,</p>" in html
    assert "<title>You are invited to CareQA</title>" in html
    assert notice.body_text.strip() == text.replace("\r\n", "\n").strip()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_nothing_and_records_nothing(smtp):
    with pytest.raises(RuntimeError), transaction.atomic():
        _invite(["someone@example.org"])
        raise RuntimeError("the change failed")
    assert smtp.messages == [] and Notice.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_refusing_server_is_tried_again_until_it_takes_the_message(smtp):
    smtp.refuse_next = 2
    [notice] = _invite(["someone@example.org"])
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT
    assert notice.attempts == 3 and notice.last_error == ""
    assert len(smtp.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_after_the_last_attempt_the_notice_is_failed_but_kept(smtp, settings):
    settings.CAREQA_NOTICE_ATTEMPTS = 3
    smtp.refuse_next = 10
    [notice] = _invite(["someone@example.org"])
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FAILED and notice.attempts == 3
    assert "451" in notice.last_error and "Try again later" in notice.last_error
    assert "Morgan Lee has invited you" in notice.body_text and smtp.messages == []


@pytest.mark.django_db(transaction=True)
def test_no_server_at_all_is_a_failure_of_the_notice_not_of_the_change(settings):

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    settings.TASKS = IMMEDIATE
    settings.CAREQA_NOTICE_ATTEMPTS = 2
    [notice] = _invite(["someone@example.org"])
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FAILED and "ConnectionRefusedError" in notice.last_error


@pytest.mark.django_db(transaction=True)
def test_on_the_database_queue_a_retry_waits(smtp, settings):
    """With the real backend, the second attempt is a new job to run after a delay."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    smtp.refuse_next = 1
    [notice] = _invite(["someone@example.org"])
    from careqa.notify.tasks import deliver_notice

    assert deliver_notice.call(notice.pk) == "queued"
    jobs = DBTaskResult.objects.order_by("enqueued_at")
    assert jobs.count() == 2  # the first from on_commit, the retry from the failure
    retry = jobs.last()
    assert retry.run_after is not None and retry.args_kwargs["args"] == [notice.pk]


@pytest.mark.django_db
def test_an_account_without_an_address_gets_no_e_mail():
    assert _invite([UserFactory(email="")]) == []


def _closed_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@given(st.integers(min_value=1, max_value=100))
def test_retries_wait_longer_and_never_beyond_the_last_step(attempts):
    delay = retry_delay(attempts)
    assert delay <= datetime.timedelta(minutes=RETRY_MINUTES[-1])
    assert retry_delay(attempts + 1) >= delay


@given(st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=20))
def test_giving_up_is_exactly_at_the_limit(attempts, limit):
    assert gives_up(attempts, limit) == (attempts >= limit)
