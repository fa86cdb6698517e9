from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "careqa.accounts"
    label = "accounts"
