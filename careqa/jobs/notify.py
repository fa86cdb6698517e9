"""Telling the administrators: the one place every such notice goes through.

In the application (the "Jobs and schedule" page) and by e-mail to every active
administrator (careqa.notify, sent after the transaction commits).
"""

from django.db import transaction
from django.utils import timezone

from careqa.jobs.models import AdministratorNotice


def notify_administrators(subject, detail="", *, task_id=""):
    """Record a notice every administrator sees on the "Jobs and schedule" page, and
    e-mail it to them."""
    from careqa.accounts.models import User
    from careqa.accounts.roles import Role
    from careqa.notify.actions import send_notice

    with transaction.atomic():
        notice = AdministratorNotice.objects.create(
            occurred_at=timezone.now(),
            subject=subject[:300],
            detail=detail,
            task_id=str(task_id or ""),
        )
        administrators = User.objects.filter(is_active=True, role=Role.ADMINISTRATOR)
        send_notice(
            to=list(administrators.exclude(email="")),
            subject=f"CareQA: {subject}"[:300],
            template_name="administrator_notice",
            context={"subject": subject, "detail": detail, "occurred_at": notice.occurred_at},
        )
    return notice
