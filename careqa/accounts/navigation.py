"""Accounts' links (users, the security log): careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="users",
        label="Users",
        url_name="accounts:user-list",
        order=30,
        permission=Permission.MANAGE_USERS,
        current=("accounts:user",),
        group=navigation.ADMINISTRATION,
        description="Who may sign in, their roles and what they may see.",
    ),
    navigation.Link(
        key="security-log",
        label="Security log",
        url_name="accounts:security-log",
        order=40,
        permission=Permission.MANAGE_USERS,
        current=("accounts:security-log",),
        group=navigation.ADMINISTRATION,
        description="Sign-ins, failures, lock-outs, second-factor and role changes, and "
        "downloads of exports, to read or download.",
    ),
)
