"""Writing and counting the security log (SecurityEvent)."""

import datetime

from django.utils import timezone

from careqa.accounts.addresses import client_address
from careqa.accounts.models import SecurityEvent

Kind = SecurityEvent.Kind


def log_security_event(kind, *, request=None, user=None, username="", by=None, detail=""):
    """One entry; `user` is whose account it is about, `by` who acted if someone else."""
    return SecurityEvent.objects.create(
        occurred_at=timezone.now(),
        kind=kind,
        user_id=getattr(user, "pk", None),
        username=(getattr(user, "username", "") or username or "")[:150],
        actor_id=getattr(by, "pk", None),
        actor_name=(str(by) if by is not None else "")[:200],
        address=client_address(request) if request is not None else None,
        detail=detail[:300],
    )


def recent_count(kind, *, minutes, address=None, user_id=None, now=None) -> int:
    since = (now or timezone.now()) - datetime.timedelta(minutes=minutes)
    events = SecurityEvent.objects.filter(kind=kind, occurred_at__gte=since)
    if address is not None:
        events = events.filter(address=address)
    if user_id is not None:
        events = events.filter(user_id=user_id)
    return events.count()
