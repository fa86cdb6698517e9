"""Production settings: the base settings with HTTPS-only cookies and headers."""

import os

from careqa.settings import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_AGE = 60 * 60 * 8

# The second factor may be turned off only for the local demo (ADR 0006-accounts).
if not CAREQA_SECOND_FACTOR_REQUIRED:  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "CAREQA_SECOND_FACTOR_REQUIRED=false is for the local demo only; remove it to serve CareQA."
    )
