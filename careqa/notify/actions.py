"""The one place CareQA sends e-mail from: `send_notice`.

A notice is rendered (plain text and HTML, in the council's name), recorded in the
application, and handed to the job queue only once the caller's transaction commits, so a
change that is rolled back sends nothing and a mail server that is down loses nothing.
"""

from email.utils import formataddr

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from careqa.notify.models import Notice


def council_name() -> str:
    from careqa.areas.context_processors import council

    return council(None)["council_name"]


def sender() -> str:
    """The From header: the council's name over the configured address."""
    return formataddr((council_name(), settings.DEFAULT_FROM_EMAIL))


def render_notice(template_name: str, subject: str, context: dict) -> tuple[str, str]:
    """(plain text, HTML) from templates/notify/<template_name>.txt and .html."""
    context = {
        "council_name": council_name(),
        "site_url": settings.CAREQA_SITE_URL,
        "subject": subject,
        **context,
    }
    text = render_to_string(f"notify/{template_name}.txt", context)
    html = render_to_string(f"notify/{template_name}.html", context)
    return text, html


def send_notice(*, to, subject: str, template_name: str, context: dict) -> list[Notice]:
    """Record one notice per address in `to` (addresses or users) and send each after commit.

    Call it inside the action's transaction; outside one, on_commit runs at once.
    """
    text, html = render_notice(template_name, subject, context)
    notices = []
    for recipient in to:
        address = getattr(recipient, "email", recipient)
        if not address:
            continue  # an account without an address is told in the application only
        notices.append(
            Notice.objects.create(
                recipient=address,
                recipient_user_id=getattr(recipient, "pk", None),
                subject=subject,
                template_name=template_name,
                body_text=text,
                body_html=html,
            )
        )
    from careqa.notify.tasks import deliver_notice

    for notice in notices:
        transaction.on_commit(lambda pk=notice.pk: deliver_notice.enqueue(pk))
    return notices
