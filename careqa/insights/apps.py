from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "careqa.insights"
    label = "insights"

    def ready(self):
        # Its links in the navigation (the registry).
        from careqa.insights import navigation  # noqa: F401
