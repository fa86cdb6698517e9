"""A small register for the insight page tests: three councils, a group, care homes, Ofsted."""

import datetime

from careqa.factories import (
    CouncilFactory,
    PublishedRatingFactory,
    RegionFactory,
    ServiceFactory,
    UserFactory,
)
from careqa.insights.actions import create_comparator_group
from careqa.providers.vocab import Regulator

# (council index, service type, rating now, rating a year before, beds)
HOMES = [
    (0, "residential", "good", "requires_improvement", 30),
    (0, "residential", "outstanding", "outstanding", 20),
    (0, "nursing", "requires_improvement", "good", 40),
    (0, "nursing", None, None, 25),
    (1, "residential", "good", "good", 10),
    (1, "residential", "inadequate", "inadequate", 12),
    (1, "nursing", "good", None, 50),
    (2, "residential", "good", "good", 18),
]


def build_register():
    region = RegionFactory(name="West Midlands")
    councils = [CouncilFactory(name=n, region=region) for n in ("Dudley", "Walsall", "Sandwell")]
    other = CouncilFactory(name="Leeds", region=RegionFactory(name="Yorkshire and The Humber"))
    group = create_comparator_group(
        name="Black Country", councils=councils[:2], by=UserFactory(username="group-maker")
    )
    services = []
    for index, type_, now, before, beds in HOMES:
        service = ServiceFactory(
            council=councils[index],
            service_types=f" {type_} ",
            beds=beds,
            rating=now,
            rating_published=datetime.date(2024, 6, 1) if now else None,
            registration_start=datetime.date(2015, 1, 1),
        )
        if before:
            PublishedRatingFactory(
                service=service, rated_on=datetime.date(2023, 1, 10), overall=before
            )
        if now:
            PublishedRatingFactory(service=service, rated_on=datetime.date(2024, 6, 1), overall=now)
        services.append(service)
    ServiceFactory(council=other, service_types=" residential ", rating="good")
    for index, rating in ((0, "good"), (0, "outstanding"), (1, "requires_improvement")):
        s = ServiceFactory(
            regulator=Regulator.OFSTED,
            council=councils[index],
            service_types=" childrens_home ",
            care_home=False,
            beds=None,
            places=4,
            rating=rating,
            rating_published=datetime.date(2024, 2, 1),
        )
        PublishedRatingFactory(
            service=s,
            regulator=Regulator.OFSTED,
            rated_on=datetime.date(2024, 2, 1),
            overall=rating,
        )
    return {"region": region, "councils": councils, "group": group, "services": services}
