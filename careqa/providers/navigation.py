"""The register's links (services and providers): careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="services",
        label="Services",
        url_name="providers:service-list",
        order=20,
        permission=Permission.VIEW_REGISTER,
        # The providers' pages are reached from the services list (the menu keeps to a line).
        current=("providers:", "contracts:"),
    ),
)
