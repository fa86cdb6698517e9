"""Accounts' links (users, your password) in the navigation: careqa.work.navigation's registry."""

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
        key="password",
        label="Change your password",
        url_name="accounts:password-change",
        order=10,
        current=("accounts:password",),
        group=navigation.ACCOUNT,
    ),
)
