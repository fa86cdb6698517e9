from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "careqa.work"
    label = "work"
    verbose_name = "My work"
