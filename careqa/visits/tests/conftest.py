"""The visits' test set-up: a commissioned care home in our area, its officers."""

import datetime

import pytest


@pytest.fixture
def home(db):
    from careqa.areas.models import CouncilProfile
    from careqa.factories import ContractFactory, CouncilFactory, ServiceFactory

    council = CouncilFactory(name="Wolverhampton")
    CouncilProfile.objects.create(name="Wolverhampton Council").our_area.set([council])
    service = ServiceFactory(
        name="Alder House",
        council=council,
        service_types=" residential ",
        care_home=True,
        street_address="1 High Street",
        city="Wolverhampton",
    )
    ContractFactory(service=service, start_date=datetime.date(2024, 4, 1))
    return service


@pytest.fixture
def officer(personas):
    return personas["qa_officer"]


@pytest.fixture
def manager(personas):
    return personas["qa_manager"]
