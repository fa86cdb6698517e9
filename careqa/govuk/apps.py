from django.apps import AppConfig


class GovukConfig(AppConfig):
    name = "careqa.govuk"
    label = "govuk"
