from django.apps import AppConfig


class RegulatorsConfig(AppConfig):
    name = "careqa.regulators"
    label = "regulators"

    def ready(self):
        # New ratings on the meetings' agendas, and its link on the Administration page
        # (the registries).
        from careqa.regulators import agenda_sections, navigation  # noqa: F401
