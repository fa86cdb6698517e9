from django.apps import AppConfig


class RegulatorsConfig(AppConfig):
    name = "careqa.regulators"
    label = "regulators"

    def ready(self):
        from careqa.regulators import on_service  # noqa: F401
