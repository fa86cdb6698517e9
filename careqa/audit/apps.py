from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "careqa.audit"
    label = "audit"
