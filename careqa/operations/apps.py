from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "careqa.operations"
    label = "operations"
    verbose_name = "Running CareQA: backups, retention, availability"
