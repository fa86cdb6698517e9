"""Who must have a second factor: a pure rule over the role and the council's settings."""

from django.conf import settings

from careqa.accounts.roles import Role

# Administrators hold every account; managers issue reports and decide suspensions;
# provider users sign in from outside the council's network.
ALWAYS_REQUIRED = frozenset({Role.ADMINISTRATOR, Role.QA_MANAGER, Role.PROVIDER})


def second_factor_required(
    role: str, *, is_superuser: bool = False, enforced: bool = True, for_all_staff: bool = False
) -> bool:
    if not enforced:
        return False  # development only: the production settings refuse this
    return is_superuser or role in ALWAYS_REQUIRED or for_all_staff


def requires_second_factor(user) -> bool:
    return second_factor_required(
        user.role,
        is_superuser=user.is_superuser,
        enforced=settings.CAREQA_SECOND_FACTOR_REQUIRED,
        for_all_staff=settings.CAREQA_SECOND_FACTOR_FOR_ALL_STAFF,
    )
