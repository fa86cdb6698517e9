from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "careqa.accounts"
    label = "accounts"

    def ready(self):
        from careqa.accounts import receivers  # noqa: F401  (connects the security log)
