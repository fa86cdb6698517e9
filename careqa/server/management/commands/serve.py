"""careqa serve: the production web server (gunicorn) with CareQA's WSGI application.

Workers, threads and the address come from the environment (CAREQA_WORKERS,
CAREQA_THREADS, CAREQA_BIND) or the options. Static files are served by whitenoise from
inside the application, so nothing else is needed in front but the council's HTTPS proxy.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication


class CareQAServer(BaseApplication):
    def __init__(self, options):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from django.core.wsgi import get_wsgi_application

        return get_wsgi_application()


class Command(BaseCommand):
    help = "Serve CareQA with gunicorn (the production web server)."
    requires_system_checks = []  # the application is loaded (and checked) by each worker

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=settings.CAREQA_BIND, help="host:port")
        parser.add_argument("--workers", type=int, default=settings.CAREQA_WORKERS)
        parser.add_argument("--threads", type=int, default=settings.CAREQA_THREADS)

    def handle(self, *args, bind, workers, threads, **options):
        self.stdout.write(
            f"CareQA serving on http://{bind}/ with {workers} workers of {threads} threads "
            f"({settings.SETTINGS_MODULE})"
        )
        self.stdout.flush()
        CareQAServer(
            {
                "bind": bind,
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread" if threads > 1 else "sync",
                # Imports and PDFs run as jobs, so a request that takes this long is stuck.
                "timeout": 60,
                "graceful_timeout": 20,
                # The request log comes from the application (one JSON line with its id);
                # gunicorn's own access log would say the same twice.
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                # Behind the council's proxy: trust its X-Forwarded-* from this address.
                "forwarded_allow_ips": settings.CAREQA_FORWARDED_ALLOW_IPS,
                "preload_app": False,
            }
        ).run()
