from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "careqa.areas"
    label = "areas"

    def ready(self):
        # Its links in the navigation (the registry).
        from careqa.areas import navigation  # noqa: F401
