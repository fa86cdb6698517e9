"""The visits' link in the navigation: careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="visits",
        label="Visits",
        url_name="visits:programme-current",
        order=40,
        permission=Permission.VIEW_VISITS,
        current=("visits:",),
    )
)
