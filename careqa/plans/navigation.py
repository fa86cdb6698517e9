"""The action plans' link in the navigation: careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="plans",
        label="Action plans",
        url_name="plans:team",
        order=50,
        permission=Permission.VIEW_ACTION_PLANS,
        current=("plans:",),
    )
)
