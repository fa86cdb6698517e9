"""Delivering a notice through SMTP, as a job: tried again later if the server refuses."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from careqa.notify.models import Notice
from careqa.notify.rules import gives_up, retry_delay

logger = logging.getLogger(__name__)


@task()
def deliver_notice(notice_id: int) -> str:
    """Send one notice; on an SMTP or network failure record it and re-enqueue with a delay,
    up to CAREQA_NOTICE_ATTEMPTS attempts, then mark it failed. Returns its status."""
    with transaction.atomic():
        notice = Notice.objects.select_for_update().filter(pk=notice_id).first()
        if notice is None or notice.status != Notice.Status.QUEUED:
            return notice.status if notice else "missing"  # sent already, or given up
        notice.attempts += 1
        notice.save(update_fields=["attempts"])
    try:
        _message(notice).send()
    except (smtplib.SMTPException, OSError) as error:
        return _failed(notice, error)
    notice.status = Notice.Status.SENT
    notice.sent_at = timezone.now()
    notice.last_error = ""
    notice.save(update_fields=["status", "sent_at", "last_error"])
    return notice.status


def _message(notice):
    from careqa.notify.actions import sender

    message = EmailMultiAlternatives(
        subject=notice.subject,
        body=notice.body_text,
        from_email=sender(),
        to=[notice.recipient],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(notice.body_html, "text/html")
    return message


def _failed(notice, error):
    notice.last_error = f"{type(error).__name__}: {error}"[:500]
    if gives_up(notice.attempts, settings.CAREQA_NOTICE_ATTEMPTS):
        notice.status = Notice.Status.FAILED
        logger.error("Notice %s could not be sent: %s", notice.pk, notice.last_error)
    notice.save(update_fields=["status", "last_error"])
    if notice.status == Notice.Status.QUEUED:
        _try_again(notice)
    return notice.status


def _try_again(notice):
    retry = deliver_notice
    if retry.get_backend().supports_defer:
        retry = retry.using(run_after=timezone.now() + retry_delay(notice.attempts))
    # A backend that cannot wait (the immediate one, in tests) tries again at once.
    retry.enqueue(notice.pk)
