from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "careqa.portal"
    label = "portal"
    verbose_name = "Provider portal"

    def ready(self):
        # The portal's links in the menu (provider users see only these), its panel on the
        # service page for the team (the provider's users, what may be shared), and what
        # providers sent on My work.
        from careqa.portal import navigation, on_service, work_sections  # noqa: F401
