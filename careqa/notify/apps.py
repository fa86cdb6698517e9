from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "careqa.notify"
    verbose_name = "E-mail notices"
