"""The meetings' link in the menu: careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="meetings",
        label="Meetings",
        url_name="meetings:list",
        order=65,
        permission=Permission.VIEW_MEETINGS,
        current=("meetings:",),
    )
)
