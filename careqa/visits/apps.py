from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "careqa.visits"
    label = "visits"
    verbose_name = "Monitoring visits"

    def ready(self):
        # The visits on the service page and the home page (the registries).
        from careqa.visits import on_service, work_sections  # noqa: F401
        from careqa.visits import agenda_sections  # noqa: F401  (the meetings' agenda)
