from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "careqa.visits"
    label = "visits"
    verbose_name = "Monitoring visits"

    def ready(self):
        # The visits on the service page, the home page, the meetings' agenda and the menu
        # (the registries).
        from careqa.visits import agenda_sections, navigation, on_service, work_sections  # noqa: F401
