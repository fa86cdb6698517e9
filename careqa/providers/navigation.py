"""The register's links (services, providers): careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="services",
        label="Services",
        url_name="providers:service-list",
        order=20,
        permission=Permission.VIEW_REGISTER,
        current=("providers:service", "contracts:"),
    ),
    navigation.Link(
        key="providers",
        label="Providers",
        url_name="providers:provider-list",
        order=30,
        permission=Permission.VIEW_REGISTER,
        current=("providers:provider",),
    ),
)
