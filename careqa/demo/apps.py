from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "careqa.demo"
    label = "demo"
    verbose_name = "Demo council"
