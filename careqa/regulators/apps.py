from django.apps import AppConfig


class RegulatorsConfig(AppConfig):
    name = "careqa.regulators"
    label = "regulators"

    def ready(self):
        # Its links in the navigation (the registry).
        from careqa.regulators import navigation  # noqa: F401
