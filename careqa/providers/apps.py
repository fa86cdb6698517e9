from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "careqa.providers"
    label = "providers"
