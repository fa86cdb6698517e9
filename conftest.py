"""Project-wide test set-up: personas for each role, and the regulators' real data."""

import os
from pathlib import Path

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _no_login_throttling(settings):
    # The test client's login() bypasses axes' request-aware backend.
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True, scope="session")
def _static_root_exists():
    # WhiteNoise warns (an error under our warning filters) when STATIC_ROOT is missing,
    # as it is in a fresh clone before collectstatic.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 takes about a quarter of a second a user by design; tests make many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The council's name is cached for 30 seconds; each test names its own council.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shared_data() -> Path:
    """The regulators' real open data beside the project (../shared/data), or skip."""
    path = Path(settings.CAREQA_SHARED_DATA)
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must have ../shared beside the project")
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture
def make_user(db):
    from careqa.factories import UserFactory

    return lambda role, **kw: UserFactory(role=role, **kw)


@pytest.fixture
def personas(db):
    """One user per staff role (keyed by role), and "provider_a" and "provider_b": provider
    users of two providers. See careqa/tests/personas.py."""
    from careqa.tests.personas import make_personas

    return make_personas()
