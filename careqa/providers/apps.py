from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "careqa.providers"
    label = "providers"
    verbose_name = "Register"

    def ready(self):
        # The register's own timeline sources and service-page panels (the registries).
        from careqa.providers import navigation, service_panels, timeline_sources  # noqa: F401
