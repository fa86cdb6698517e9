from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "careqa.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self):
        # Decisions on the service's timeline, and the meeting's own agenda section (what
        # was decided last time), through the registries.
        from careqa.meetings import navigation, on_service  # noqa: F401
