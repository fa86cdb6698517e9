from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "careqa.insights"
    label = "insights"

    def ready(self):
        # Its links in the navigation (the registry).
        # The report build job, so that its give-up handler is registered in every process.
        from careqa.insights import (
            builds,  # noqa: F401
            navigation,  # noqa: F401
        )
