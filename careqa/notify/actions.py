"""The one place CareQA sends e-mail from: `send_notice`.

A notice is rendered (plain text and HTML, in the council's name), recorded in the
application, and handed to the job queue only once the caller's transaction commits, so a
change that is rolled back sends nothing and a mail server that is down loses nothing.
"""

import logging
from email.utils import formataddr

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from careqa.notify.models import Notice

logger = logging.getLogger(__name__)


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


def alert(
    users,
    *,
    subject: str,
    template_name: str,
    context: dict,
    link: str = "",
    key: str = "",
    service=None,
    permission=None,
) -> list:
    """Tell each of `users` in their Notices inbox, in the caller's transaction, and by
    e-mail after it commits.

    The text is templates/notify/alerts/<template_name>.txt. Someone who lacks
    `permission` (for `service`) gets a generic notice instead, naming only the service
    and linking to the record, which checks its own permission: a notice never carries
    words its reader may not see. With a `key`, a person already told of it is not told
    again. An e-mail that cannot be queued is logged; the in-app notice stays.
    """
    from careqa.accounts.authz import has_permission
    from careqa.notify.models import Alert

    seen, made = set(), []
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if key and Alert.objects.filter(user=user, key=key).exists():
            continue
        told, name = (subject, template_name)
        if permission is not None and not has_permission(user, permission, obj=service):
            told, name = (f"New information about {service or 'a service'}", "generic")
        text = render_to_string(
            f"notify/alerts/{name}.txt", {"service": service, "user": user, **context}
        ).strip()
        made.append(
            Alert.objects.create(
                user=user,
                subject=told[:200],
                text=text,
                link=link,
                key=key,
                service_id=getattr(service, "pk", None),
            )
        )
    for item in made:
        _e_mail(item)
    return made


def _e_mail(item):
    try:
        with transaction.atomic():  # a savepoint: a failure here keeps the in-app notice
            send_notice(
                to=[item.user],
                subject=f"CareQA: {item.subject}"[:200],
                template_name="alert",
                context={
                    "name": item.user.display_name,
                    "text": item.text,
                    "link": f"{settings.CAREQA_SITE_URL.rstrip('/')}{item.link}"
                    if item.link
                    else "",
                },
            )
    except Exception:
        logger.exception("The e-mail of notice %s was not queued", item.pk)


def mark_read(*, alert, by, now=None):
    """The person opened their notice. Reading is their own state, not a record of the
    council's, so it is not audited."""
    from careqa.notify.models import Alert

    if alert.user_id != by.pk:
        raise PermissionError("A notice is read by the person it is for")
    if alert.read_at is None:
        alert.read_at = now or timezone.now()
        Alert.objects.filter(pk=alert.pk, read_at__isnull=True).update(read_at=alert.read_at)
    return alert


def mark_all_read(*, by, now=None) -> int:
    from careqa.notify.models import Alert

    return Alert.objects.filter(user=by, read_at__isnull=True).update(read_at=now or timezone.now())
