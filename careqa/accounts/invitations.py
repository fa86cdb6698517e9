"""Invitation links: a random token in the e-mail, only its hash in the database."""

import hashlib
import secrets

from django.utils import timezone

from careqa.accounts.models import Invitation


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def usable_invitation(token: str, *, now=None):
    """The waiting, unexpired invitation this link is for, or None."""
    invitation = (
        Invitation.objects.select_related("user")
        .filter(token_hash=token_hash(token), status=Invitation.Status.PENDING)
        .first()
    )
    if invitation is None or invitation.expires_at <= (now or timezone.now()):
        return None
    if not invitation.user.is_active:
        return None
    return invitation


def invitation_status(user):
    """For the user pages: the latest invitation, if the person has not chosen a password."""
    if user.has_usable_password():
        return None
    return user.invitations.first()
