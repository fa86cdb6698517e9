from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "careqa.visits"
    label = "visits"
    verbose_name = "Monitoring visits"

    def ready(self):
        # The visits on the service page and the home page, and people's views under the
        # retention policy (the registries).
        from careqa.visits import on_service, retention, work_sections  # noqa: F401
