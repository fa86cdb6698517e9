"""Test set-up for this app's view tests."""

import pytest


@pytest.fixture
def our_council(db):
    """Wirral, configured as this installation's area."""
    from careqa.areas.models import CouncilProfile
    from careqa.factories import CouncilFactory

    wirral = CouncilFactory(name="Wirral")
    # Not CouncilProfileFactory: its post-generation save warns (an error here).
    CouncilProfile.objects.create(name="Wirral Council").our_area.set([wirral])
    return wirral
