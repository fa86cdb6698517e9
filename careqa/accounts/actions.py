"""Managing the people who sign in: each change validated and audited.

An account is never deleted: it is deactivated, so the audit trail's "who" stays readable
and the person can be let back in. Passwords never enter the audit trail; that one was set
is recorded as a note.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from careqa.accounts.models import User
from careqa.accounts.roles import Role
from careqa.audit.actions import record_event, snapshot
from careqa.audit.models import AuditEvent

# The fields an administrator may set; everything else on an account is the system's.
USER_FIELDS = ("username", "first_name", "last_name", "email", "role", "job_title", "organisation")

LAST_ADMINISTRATOR = (
    "There must always be an active administrator. Make someone else an administrator first."
)


def add_user(*, password, by, **fields) -> User:
    """Create an account with a first password; raise ValidationError if either is not valid."""
    _check_field_names(fields)
    user = User(**fields)
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
