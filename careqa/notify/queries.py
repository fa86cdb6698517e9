"""Reads of a person's notices: only ever their own."""

from django.db.models import F

from careqa.notify.models import Alert

INBOX_LIMIT = 200


def inbox(user):
    """The person's notices, unread first, newest first within each."""
    return Alert.objects.filter(user=user).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-id"
    )


def unread_count(user) -> int:
    if not user or not user.is_authenticated:
        return 0
    return Alert.objects.filter(user=user, read_at__isnull=True).count()
