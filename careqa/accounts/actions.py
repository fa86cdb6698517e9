"""Managing the people who sign in: each change validated and audited.

An account is never deleted: it is deactivated, so the audit trail's "who" stays readable
and the person can be let back in. Passwords never enter the audit trail; that one was set
is recorded as a note.
"""

import datetime

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from careqa.accounts.models import User
from careqa.accounts.roles import Role
from careqa.accounts.security import Kind, log_security_event
from careqa.audit.actions import record_event, snapshot
from careqa.audit.models import AuditEvent

# The fields an administrator may set; everything else on an account is the system's.
USER_FIELDS = ("username", "first_name", "last_name", "email", "role", "job_title", "organisation")

LAST_ADMINISTRATOR = (
    "There must always be an active administrator. Make someone else an administrator first."
)


def add_user(*, password, by, scope_provider=None, **fields) -> User:
    """Create an account with a first password; raise ValidationError if either is not valid.

    A provider user needs `scope_provider` (the demo's is made this way; real ones are
    invited, careqa.portal)."""
    _check_field_names(fields)
    user = User(**fields, scope_provider=scope_provider)
    if user.role == Role.PROVIDER and scope_provider is None:
        raise ValidationError({"provider": "Enter the provider this person works for"})
    with transaction.atomic():
        _validate(user)
        _validate_password(password, user)
        user.set_password(password)
        user.save()
        record_event(
            obj=user,
            action=AuditEvent.Action.CREATED,
            changes={field: (None, value) for field, value in snapshot(user, USER_FIELDS).items()},
            by=by,
            note="First password set by an administrator",
        )
    return user


def change_user(*, user, by, **fields) -> User:
    """Change an account's details or role; an unchanged submission writes nothing."""
    _check_field_names(fields)
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        before = snapshot(current, fields)
        for field, value in fields.items():
            setattr(current, field, value)
        _validate(current)
        if before.get("role") == Role.ADMINISTRATOR and current.role != Role.ADMINISTRATOR:
            _keep_an_administrator(current, field="role")
        changed = {
            field: (before[field], getattr(current, field))
            for field in fields
            if before[field] != getattr(current, field)
        }
        if changed:
            current.save(update_fields=list(changed))
            record_event(obj=current, action=AuditEvent.Action.CHANGED, changes=changed, by=by)
        if "role" in changed:
            old, new = (Role(value).label for value in changed["role"])
            log_security_event(Kind.ROLE_CHANGED, user=current, by=by, detail=f"{old} to {new}")
    for field in USER_FIELDS:
        setattr(user, field, getattr(current, field))
    return user


def set_password(*, user, password, by) -> User:
    """Give an account a new password and lift any sign-in lockout on its username.

    Changing the password ends the person's other sessions (Django checks a hash of it).
    """
    _validate_password(password, user)
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        current.set_password(password)
        current.save(update_fields=["password"])
        own = getattr(by, "pk", None) == current.pk
        record_event(
            obj=current,
            action=AuditEvent.Action.CHANGED,
            changes={},
            by=by,
            note="Changed their own password" if own else "New password set by an administrator",
        )
        log_security_event(Kind.PASSWORD_CHANGED, user=current, by=None if own else by)
    _lift_lockout(current.username)
    user.password = current.password
    return user


def deactivate_user(*, user, by) -> User:
    """Stop an account signing in; its sessions end at their next request."""
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        if not current.is_active:
            return user
        if getattr(by, "pk", None) == current.pk:
            raise ValidationError("You cannot deactivate your own account")
        if current.role == Role.ADMINISTRATOR:
            _keep_an_administrator(current)
        current.is_active = False
        current.save(update_fields=["is_active"])
        record_event(
            obj=current,
            action=AuditEvent.Action.DEACTIVATED,
            changes={"is_active": (True, False)},
            by=by,
        )
    user.is_active = False
    return user


def reactivate_user(*, user, by) -> User:
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        if current.is_active:
            return user
        current.is_active = True
        current.save(update_fields=["is_active"])
        record_event(
            obj=current,
            action=AuditEvent.Action.REACTIVATED,
            changes={"is_active": (False, True)},
            by=by,
        )
    user.is_active = True
    return user


def _keep_an_administrator(user, field=None):
    others = (
        User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).exclude(pk=user.pk).exists()
    )
    if not others:
        raise ValidationError({field: LAST_ADMINISTRATOR} if field else LAST_ADMINISTRATOR)


def _check_field_names(fields):
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"not user fields: {', '.join(sorted(unknown))}")


def _validate(user):
    errors = {}
    try:
        user.full_clean(exclude=["password", "scope_provider"])
    except ValidationError as error:
        errors.update(error.message_dict)
    # Usernames are typed at sign-in, where "SPatel" and "spatel" look like one person.
    clash = User.objects.filter(username__iexact=user.username).exclude(pk=user.pk)
    if user.username and "username" not in errors and clash.exists():
        errors["username"] = ["Someone already has that username. Choose another."]
    if errors:
        raise ValidationError(errors)


def _validate_password(password, user):
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None


def _lift_lockout(username):
    from axes.utils import reset

    reset(username=username)


# ---- Invitations -------------------------------------------------------------------------


def invite_user(*, by, link_base, scope_provider=None, scope_services=(), **fields):
    """Create an account with no password and e-mail its owner a one-time link to choose one.

    A provider user is tied to their provider, and optionally to named services of it
    (`scope_services`; none means all of them). Returns (user, invitation). Raises
    ValidationError naming the field at fault.
    """
    _check_field_names(fields)
    user = User(**fields, scope_provider=scope_provider)
    if user.role == Role.PROVIDER and scope_provider is None:
        raise ValidationError({"provider": "Enter the provider this person works for"})
    scope_services = list(scope_services)
    if scope_services and user.role != Role.PROVIDER:
        raise ValidationError({"services": "Only provider users are limited to services"})
    foreign = [s for s in scope_services if s.provider_id != getattr(scope_provider, "pk", None)]
    if foreign:
        raise ValidationError(
            {"services": f"{foreign[0]} is not one of {scope_provider}'s services"}
        )
    if user.role == Role.PROVIDER and not fields.get("email"):
        raise ValidationError({"email": "Enter the e-mail address the invitation goes to"})
    with transaction.atomic():
        _validate(user)
        user.set_unusable_password()
        user.save()
        changes = {field: (None, value) for field, value in snapshot(user, USER_FIELDS).items()}
        if scope_provider is not None:
            changes["scope_provider"] = (None, str(scope_provider))
        if scope_services:
            user.scope_services.set(scope_services)
            changes["scope_services"] = (None, ", ".join(sorted(str(s) for s in scope_services)))
        record_event(
            obj=user,
            action=AuditEvent.Action.CREATED,
            changes=changes,
            by=by,
            note="Invited by e-mail",
        )
        invitation = _send_invitation(user=user, by=by, link_base=link_base)
    return user, invitation


def invite_again(*, user, by, link_base):
    """A new invitation for someone who has not accepted theirs; the old links stop working."""
    with transaction.atomic():
        if user.has_usable_password():
            raise ValidationError(f"{user.display_name} has already chosen a password")
        return _send_invitation(user=user, by=by, link_base=link_base)


def _send_invitation(*, user, by, link_base):
    from django.conf import settings
    from django.urls import reverse
    from django.utils import timezone

    from careqa.accounts.invitations import new_token, token_hash
    from careqa.accounts.models import Invitation
    from careqa.accounts.second_factor import requires_second_factor
    from careqa.notify.actions import send_notice

    user.invitations.filter(status=Invitation.Status.PENDING).update(
        status=Invitation.Status.WITHDRAWN
    )
    token, now = new_token(), timezone.now()
    invitation = Invitation.objects.create(
        user=user,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.CAREQA_INVITATION_DAYS),
        invited_by_id=getattr(by, "pk", None),
        invited_by_name=str(by),
    )
    log_security_event(Kind.INVITED, user=user, by=by, detail=f"As {user.get_role_display()}")
    send_notice(
        to=[user],
        subject="You are invited to CareQA",
        template_name="invitation",
        context={
            "name": user.display_name,
            "inviter": str(by),
            "role": user.get_role_display(),
            "link": link_base + reverse("accounts:invitation", args=[token]),
            "expires_at": invitation.expires_at,
            "second_factor": requires_second_factor(user),
        },
    )
    return invitation


def accept_invitation(*, invitation, password, request=None):
    """The invitee chooses their password: the invitation is used up, the account can sign in."""
    from django.utils import timezone

    from careqa.accounts.models import Invitation

    user = invitation.user
    _validate_password(password, user)
    with transaction.atomic():
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if current.status != Invitation.Status.PENDING or current.expires_at <= timezone.now():
            raise ValidationError("This invitation has expired or has been used")
        current.status = Invitation.Status.ACCEPTED
        current.accepted_at = timezone.now()
        current.save(update_fields=["status", "accepted_at"])
        user.set_password(password)
        user.save(update_fields=["password"])
        record_event(
            obj=user,
            action=AuditEvent.Action.CHANGED,
            changes={},
            by=user,
            note="Accepted the invitation and chose a password",
        )
        log_security_event(Kind.INVITATION_ACCEPTED, request=request, user=user)
    return user


def expire_invitations(*, now) -> int:
    """Close every waiting invitation past its expiry (the daily schedule runs this)."""
    from careqa.accounts.models import Invitation

    expired = 0
    with transaction.atomic():
        due = Invitation.objects.select_for_update().filter(
            status=Invitation.Status.PENDING, expires_at__lte=now
        )
        for invitation in due.select_related("user"):
            invitation.status = Invitation.Status.EXPIRED
            invitation.save(update_fields=["status"])
            log_security_event(
                Kind.INVITATION_EXPIRED,
                user=invitation.user,
                detail=f"Sent by {invitation.invited_by_name} on {invitation.created_at:%d %B %Y}",
            )
            expired += 1
    return expired


def reset_password(*, user, password, request=None) -> User:
    """A new password chosen through an e-mailed reset link."""
    _validate_password(password, user)
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        current.set_password(password)
        current.save(update_fields=["password"])
        record_event(
            obj=current,
            action=AuditEvent.Action.CHANGED,
            changes={},
            by=current,
            note="Reset their password with an e-mailed link",
        )
        log_security_event(Kind.PASSWORD_RESET, request=request, user=current)
    _lift_lockout(current.username)
    return current
