from django.apps import AppConfig


class ServerConfig(AppConfig):
    name = "careqa.server"
    verbose_name = "Serving: the production server, request logs and health"
