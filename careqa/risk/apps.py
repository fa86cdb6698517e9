from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "careqa.risk"
    label = "risk"
    verbose_name = "Risk and intelligence"

    def ready(self):
        # The risk panels on the service page, timeline and My work (the registries), and
        # the listeners that recompute a service's score when one of its inputs changes.
        # Its alerts (careqa.risk.alerts) listen for imports that lower a rating.
        # The quality surveillance meeting and its agenda (careqa.risk.agenda_sections).
        from careqa.risk import (  # noqa: F401
            agenda_sections,
            alerts,
            listeners,
            navigation,
            on_service,
            planning,
        )
