from django.apps import AppConfig


class RegulatorsConfig(AppConfig):
    name = "careqa.regulators"
    label = "regulators"

    def ready(self):
        # New ratings on the meetings' agendas (the registry).
        from careqa.regulators import agenda_sections  # noqa: F401
