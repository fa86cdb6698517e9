"""People who sign in to CareQA."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from careqa.accounts.roles import Role


class CareQAUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # `manage.py createsuperuser` makes a council's first administrator, who adds the rest.
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PARTNER)
    job_title = models.CharField(max_length=120, blank=True)
    organisation = models.CharField(
        max_length=200, blank=True, help_text="For partners: the organisation they work for."
    )
    # Set only for a provider-portal user: they see their own provider's services and no others.
    scope_provider = models.ForeignKey(
        "providers.Provider", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Narrower still, when set: only these services of that provider (a manager of one home
    # of a group). Empty: every service of the provider, those registered later included.
    scope_services = models.ManyToManyField("providers.Service", blank=True, related_name="+")

    objects = CareQAUserManager()

    class Meta(AbstractUser.Meta):
        ordering = ["first_name", "last_name", "username"]

    def __str__(self):
        # How people are named everywhere, the audit trail included.
        return self.display_name

    def has_role_permission(self, permission):
        from careqa.accounts.authz import has_permission

        return has_permission(self, permission)

    @property
    def display_name(self):
        return self.get_full_name() or self.username


class SecurityEvent(models.Model):
    """The security log: sign-ins and their failures, lock-outs, second factors, roles,
    passwords, invitations and downloads. No foreign keys, like the audit trail, so an
    entry outlives any change to the account it names."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Signing in paused"
        ADDRESS_LIMITED = "address_limited", "Address paused"
        SIGNED_OUT = "signed_out", "Signed out"
        SIGNED_OUT_IDLE = "signed_out_idle", "Signed out when idle"
        SECOND_FACTOR_FAILED = "second_factor_failed", "Wrong second-factor code"
        SECOND_FACTOR_ADDED = "second_factor_added", "Second factor set up"
        SECOND_FACTOR_REMOVED = "second_factor_removed", "Second factor removed"
        RECOVERY_CODES_MADE = "recovery_codes_made", "Recovery codes made"
        RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"
        ROLE_CHANGED = "role_changed", "Role changed"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        PASSWORD_CHECK_FAILED = "password_check_failed", "Wrong current password"
        PASSWORD_RESET_ASKED = "password_reset_asked", "Password reset asked for"
        PASSWORD_RESET = "password_reset", "Password reset by e-mail link"
        INVITED = "invited", "Invited"
        INVITATION_ACCEPTED = "invitation_accepted", "Invitation accepted"
        INVITATION_EXPIRED = "invitation_expired", "Invitation expired"
        DOWNLOADED = "downloaded", "Downloaded a file"

    occurred_at = models.DateTimeField(db_index=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # Whose account it is about (a failed sign-in may name no account: user_id is then null).
    user_id = models.BigIntegerField(null=True, blank=True)
    username = models.CharField(max_length=150, blank=True)
    # Who did it, when not the person themselves (an administrator changing a role).
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=200, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "address", "occurred_at"], name="security_by_address"),
            models.Index(fields=["kind", "user_id", "occurred_at"], name="security_by_user"),
        ]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.kind} {self.username}"


class Invitation(models.Model):
    """An e-mailed, one-time, expiring link with which a new person chooses their password.

    Only a hash of the link's token is stored, so the table cannot be used to sign up."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        ACCEPTED = "accepted", "Accepted"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Replaced by a new invitation"

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    invited_by_id = models.BigIntegerField(null=True, blank=True)
    invited_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Invitation for {self.user}"
