from django.apps import AppConfig


class EscalationConfig(AppConfig):
    name = "careqa.escalation"
    label = "escalation"
    verbose_name = "Escalation"

    def ready(self):
        # Escalation on the service page, its timeline and the home page (the registries).
        from careqa.escalation import on_service  # noqa: F401
        from careqa.escalation import agenda_sections  # noqa: F401  (the meetings' agenda)
