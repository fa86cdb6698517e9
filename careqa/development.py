"""Development and test settings: the base settings with a development key.

Chosen explicitly (make run, the tests, the benchmarks set DJANGO_SETTINGS_MODULE to this),
never by default, so that a deployment that forgets DJANGO_SETTINGS_MODULE gets the
production settings and their checks, not a key everyone can read here.
"""

import os

from careqa.settings import *  # noqa: F401,F403

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "careqa-development-key-not-for-production"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]
