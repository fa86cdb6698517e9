from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "careqa.portal"
    label = "portal"
    verbose_name = "Provider portal"

    def ready(self):
        # The portal's links in the menu (provider users see only these), and its panel on
        # the service page for the team (the provider's users, what may be shared).
        from careqa.portal import navigation, on_service  # noqa: F401
