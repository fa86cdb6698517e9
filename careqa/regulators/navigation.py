"""The imports' link in the navigation: careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="imports",
        label="Imports",
        url_name="regulators:import-list",
        order=10,
        permission=Permission.VIEW_IMPORTS,
        current=("regulators:",),
        group=navigation.ADMINISTRATION,
        description="Upload CQC's and Ofsted's files, and see every import and its result.",
    )
)
