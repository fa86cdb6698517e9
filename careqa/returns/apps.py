from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "careqa.returns"
    label = "returns"
    verbose_name = "Data returns"

    def ready(self):
        # The returns' panel on the service page and timeline, and the menu link.
        from careqa.returns import navigation, on_service  # noqa: F401
