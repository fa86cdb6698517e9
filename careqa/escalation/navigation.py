"""Escalation's link in the navigation: careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="escalation",
        label="Suspensions",
        url_name="escalation:current",
        order=60,
        permission=Permission.VIEW_SUSPENSIONS,
        current=("escalation:",),
    )
)
