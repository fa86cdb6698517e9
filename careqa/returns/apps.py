from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "careqa.returns"
    label = "returns"
    verbose_name = "Data returns"

    def ready(self):
        # The returns' panel on the service page and timeline, their section on My work and
        # the provider users' link.
        from careqa.returns import navigation, on_service, work_sections  # noqa: F401
