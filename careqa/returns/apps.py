from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "careqa.returns"
    label = "returns"
    verbose_name = "Data returns"

    def ready(self):
        # The returns' panel on the service page and timeline, and their section on My work.
        from careqa.returns import on_service, work_sections  # noqa: F401
