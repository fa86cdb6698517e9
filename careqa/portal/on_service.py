"""The provider portal on a service's page, for the team: who at the provider uses the
portal, and which intelligence entries may be (or have been) shared with the provider."""

from careqa.accounts.permissions import Permission
from careqa.providers import service_page


@service_page.register
class PortalPanel(service_page.Panel):
    key = "portal"
    title = "Provider portal"
    order = 90
    permission = Permission.SHARE_WITH_PROVIDERS
    template_name = "portal/_service_panel.html"

    def shown(self):
        return self.service.provider_id is not None

    def context(self):
        from careqa.accounts.models import User
        from careqa.accounts.roles import Role
        from careqa.portal.models import SharingLogEntry
        from careqa.portal.vocab import SharedKind
        from careqa.risk.models import IntelligenceEntry
        from careqa.risk.vocab import SharingLevel

        users = User.objects.filter(
            role=Role.PROVIDER, scope_provider_id=self.service.provider_id, is_active=True
        ).count()
        shared = SharingLogEntry.objects.filter(
            provider_id=self.service.provider_id, kind=SharedKind.INTELLIGENCE
        ).values("record_id")
        from django.db.models import Exists, OuterRef

        entries = (
            IntelligenceEntry.objects.filter(service=self.service, sharing=SharingLevel.PARTNERS)
            .annotate(
                shared=Exists(shared.filter(record_id=OuterRef("pk"))),
            )
            .order_by("-received_on", "-pk")[:10]
        )
        return {"users": users, "entries": entries}
