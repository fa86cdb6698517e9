"""The register's own panel on a service's page: our contracts for it."""

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission
from careqa.providers import queries
from careqa.providers.service_page import Panel, register


@register
class ContractsPanel(Panel):
    key = "contracts"
    title = "Contracts"
    order = 10
    permission = Permission.VIEW_CONTRACTS
    template_name = "providers/_contracts_panel.html"

    def context(self):
        return {
            "contracts": list(queries.contracts_for(self.service)),
            "can_manage_contracts": has_permission(
                self.user, Permission.MANAGE_CONTRACTS, obj=self.service
            ),
        }
