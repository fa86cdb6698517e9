"""Test set-up for this app's view tests."""

from pathlib import Path

import pytest
from django.conf import settings


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
def our_council(db):
    """Wirral, configured as this installation's area."""
    from careqa.areas.models import CouncilProfile
    from careqa.factories import CouncilFactory

    wirral = CouncilFactory(name="Wirral")
    # Not CouncilProfileFactory: its post-generation save warns (an error here).
    CouncilProfile.objects.create(name="Wirral Council").our_area.set([wirral])
    return wirral
