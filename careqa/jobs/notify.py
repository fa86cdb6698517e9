"""Telling the administrators: the one place every such notice goes through.

In the application today (the "Jobs and schedule" page); e-mail joins here later.
"""

from django.utils import timezone

from careqa.jobs.models import AdministratorNotice


def notify_administrators(subject, detail="", *, task_id=""):
    """Record a notice every administrator sees on the "Jobs and schedule" page."""
    return AdministratorNotice.objects.create(
        occurred_at=timezone.now(),
        subject=subject[:300],
        detail=detail,
        task_id=str(task_id or ""),
    )
