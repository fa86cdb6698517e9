"""Data returns' link in the menu: careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="returns",
        label="Returns",
        url_name="returns:index",
        order=74,
        permission=Permission.VIEW_RETURN_TEMPLATES,
        current=("returns:",),
    ),
)
