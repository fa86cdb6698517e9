"""The insights' link in the navigation: careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="insights",
        label="Insights",
        url_name="insights:figures",
        order=80,
        permission=Permission.VIEW_INSIGHTS,
        current=("insights:",),
    )
)
