from django.apps import AppConfig


class EscalationConfig(AppConfig):
    name = "careqa.escalation"
    label = "escalation"
    verbose_name = "Escalation"

    def ready(self):
        # Escalation on the service page, its timeline, the home page, the meetings' agenda
        # and the menu (the registries).
        from careqa.escalation import agenda_sections, navigation, on_service  # noqa: F401
