from django.apps import AppConfig


class RegulatorsConfig(AppConfig):
    name = "careqa.regulators"
    label = "regulators"

    def ready(self):
        # New ratings on the meetings' agendas, an inspection awaiting its report on the
        # service page, and its link on the Administration page (the registries).
        from careqa.regulators import agenda_sections, navigation, on_service  # noqa: F401
