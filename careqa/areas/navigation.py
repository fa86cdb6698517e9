"""The council settings' link in the navigation: careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="council-settings",
        label="Council settings",
        url_name="areas:council-settings",
        order=20,
        permission=Permission.CONFIGURE_COUNCIL,
        current=("areas:",),
        group=navigation.ADMINISTRATION,
        description="The council's name, its area, comparator councils and policy settings.",
    )
)
