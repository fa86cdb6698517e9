import datetime

import pytest

from careqa.accounts.roles import Role
from careqa.factories import (
    ContractFactory,
    CouncilFactory,
    CouncilProfileFactory,
    ServiceFactory,
    UserFactory,
)

MEETING_DAY = datetime.date(2027, 3, 3)  # a Wednesday


@pytest.fixture
def council(db):
    council = CouncilFactory(name="Wolverhampton")
    CouncilProfileFactory(our_area=[council])
    return council


@pytest.fixture
def manager(db):
    return UserFactory(role=Role.QA_MANAGER, first_name="Morgan", last_name="Patel")


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.QA_OFFICER, first_name="Sam", last_name="Jones")


@pytest.fixture
def service(council):
    service = ServiceFactory(name="Amber Court", council=council)
    ContractFactory(service=service)
    return service


@pytest.fixture
def meeting(council, manager):
    from careqa.meetings.actions import create_meeting

    return create_meeting(
        kind="commissioning_quality",
        held_on=MEETING_DAY,
        council=council,
        chair="Alex Khan, Head of Commissioning",
        attendees=[("QA manager", "Wolverhampton Council", "Morgan Patel")],
        by=manager,
    )


@pytest.fixture
def item(meeting, service, manager):
    from careqa.meetings.actions import add_item

    return add_item(
        meeting=meeting, service=service, topic="Medicines errors", by=manager, today=MEETING_DAY
    )
