from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "careqa.accounts"
    label = "accounts"

    def ready(self):
        # Its links in the navigation (the registry).
        from careqa.accounts import navigation  # noqa: F401
