"""Production settings: the base settings with HTTPS-only cookies and headers.

The default of manage.py, wsgi.py and `careqa`. It refuses to start while a required
setting is missing, naming every missing one at once (ImproperlyConfigured).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from careqa.settings import *  # noqa: F401,F403

# What the service cannot run safely without, and why (shown when missing).
REQUIRED = {
    "DJANGO_SECRET_KEY": "a long random secret that signs sessions and links",
    "DJANGO_ALLOWED_HOSTS": "the host names the service answers to, comma-separated",
}


def missing_settings(environ=os.environ):
    return [name for name in REQUIRED if not environ.get(name, "").strip()]


if missing := missing_settings():
    raise ImproperlyConfigured(
        "CareQA's production settings need these environment variables, which are not set: "
        + "; ".join(f"{name} ({REQUIRED[name]})" for name in missing)
        + ". See README 'Deploying'. For development on this machine use make run, or "
        "DJANGO_SETTINGS_MODULE=careqa.development."
    )

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SECURE_SSL_REDIRECT = True
# The council's proxy checks health over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 60 * 60 * 8

# The second factor may be turned off only for the local demo (ADR 0007).
if not CAREQA_SECOND_FACTOR_REQUIRED:  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "CAREQA_SECOND_FACTOR_REQUIRED=false is for the local demo only; remove it to serve CareQA."
    )
