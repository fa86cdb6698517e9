from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "careqa.visits"
    label = "visits"
    verbose_name = "Monitoring visits"

    def ready(self):
        # The visits on the service page, the home page, the meetings' agenda and the menu,
        # and people's views under the retention policy (the registries).
        from careqa.visits import (  # noqa: F401
            agenda_sections,
            navigation,
            on_service,
            retention,
            work_sections,
        )
