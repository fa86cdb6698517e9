from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "careqa.insights"
    label = "insights"
