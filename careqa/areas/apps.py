from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "careqa.areas"
    label = "areas"
