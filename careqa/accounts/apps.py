from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "careqa.accounts"
    label = "accounts"

    def ready(self):
        # Its links in the navigation, and the receivers that write the security log.
        from careqa.accounts import navigation, receivers  # noqa: F401
