from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "careqa.jobs"
    verbose_name = "Background jobs and the daily schedule"

    def ready(self):
        # Each app's daily work joins the schedule when its module is imported.
        from careqa.jobs import navigation, schedule  # noqa: F401

        schedule.load_registrations()
