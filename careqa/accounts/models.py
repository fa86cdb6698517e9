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
