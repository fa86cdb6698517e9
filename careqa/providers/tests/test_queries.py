"""The service search behind the register list and its export."""

import datetime

import pytest

from careqa.factories import (
    ContractFactory,
    CouncilFactory,
    ProviderFactory,
    RegionFactory,
    ServiceFactory,
    UserFactory,
)
from careqa.providers.queries import (
    ServiceFilters,
    active_service_counts,
    contract_standings,
    our_area_council_ids,
    search_providers,
    search_services,
    sort_services,
)
from careqa.providers.vocab import ContractStatus, Rating, Regulator, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(username="officer", role="qa_officer")


def names(queryset):
    return sorted(s.name for s in queryset)


def find(user, **kw):
    return names(search_services(user, ServiceFilters(**kw)))


def test_active_services_only_unless_asked(officer):
    ServiceFactory(name="Open")
    ServiceFactory(name="Closed", active=False)
    assert find(officer) == ["Open"]
    assert find(officer, include_inactive=True) == ["Closed", "Open"]


@pytest.mark.parametrize(
    "text",
    ["alder", "ALDER HOUSE", "1-555", "ch41 1aa", "CH411AA", "ch41", "acorn care", "the old"],
)
def test_text_search_covers_name_location_postcode_provider(officer, text):
    acorn = ProviderFactory(name="Acorn Care Ltd")
    ServiceFactory(
        name="Alder House",
        also_known_as="The Old Vicarage",
        location_id="1-555123",
        postcode="CH41 1AA",
        provider=acorn,
    )
    ServiceFactory(name="Beech Court", location_id="1-777", postcode="L1 8JQ")
    assert find(officer, q=text) == ["Alder House"]


def test_our_area_is_the_profile_councils(officer, our_council):
    ServiceFactory(name="Local", council=our_council)
    ServiceFactory(name="Elsewhere")
    assert our_area_council_ids() == [our_council.pk]
    assert find(officer, our_area=True) == ["Local"]


def test_our_area_finds_nothing_until_configured(officer):
    ServiceFactory(name="Anywhere")
    assert find(officer, our_area=True) == []


def test_commissioned_means_a_live_contract(officer):
    live = ServiceFactory(name="Live")
    suspended = ServiceFactory(name="Suspended")
    ended = ServiceFactory(name="Ended")
    ServiceFactory(name="None")
    ContractFactory(service=live)
    ContractFactory(service=suspended, status=ContractStatus.SUSPENDED)
    ContractFactory(service=ended, status=ContractStatus.TERMINATED)
    assert find(officer, commissioned=True) == ["Live", "Suspended"]
    assert contract_standings([live.pk, suspended.pk, ended.pk]) == {
        live.pk: "active",
        suspended.pk: "suspended",
    }


def test_service_type_and_all_care_homes(officer):
    ServiceFactory(name="Nursing", service_types=" nursing ", care_home=True)
    ServiceFactory(name="Both", service_types=" residential nursing ", care_home=True)
    ServiceFactory(name="Home care", service_types=" domiciliary ", care_home=False, beds=None)
    assert find(officer, service_type="nursing") == ["Both", "Nursing"]
    assert find(officer, service_type="domiciliary") == ["Home care"]
    assert find(officer, service_type="care_home") == ["Both", "Nursing"]


def test_ratings_include_not_yet_inspected(officer):
    ServiceFactory(name="RI", rating=Rating.REQUIRES_IMPROVEMENT)
    ServiceFactory(name="Bad", rating=Rating.INADEQUATE)
    ServiceFactory(name="Fine", rating=Rating.GOOD)
    ServiceFactory(name="New", rating=None)
    assert find(officer, ratings=("requires_improvement",)) == ["RI"]
    assert find(officer, ratings=("requires_improvement", "inadequate")) == ["Bad", "RI"]
    assert find(officer, ratings=("nyi",)) == ["New"]
    assert find(officer, ratings=("nyi", "good")) == ["Fine", "New"]


def test_sector_council_region_regulator(officer):
    north = RegionFactory(name="North East")
    leeds = CouncilFactory(name="Leeds")
    ServiceFactory(name="Charity", sector=Sector.VOLUNTARY)
    ServiceFactory(name="Leeds home", council=leeds)
    ServiceFactory(name="Northern", council=CouncilFactory(name="Durham", region=north))
    ServiceFactory(name="Children", regulator=Regulator.OFSTED, location_id="SC123")
    assert find(officer, sector="voluntary") == ["Charity"]
    assert find(officer, council_id=leeds.pk) == ["Leeds home"]
    assert find(officer, region_id=north.pk) == ["Northern"]
    assert find(officer, regulator="ofsted") == ["Children"]


def test_filters_combine(officer, our_council):
    ServiceFactory(name="Hit", council=our_council, rating=Rating.REQUIRES_IMPROVEMENT)
    ServiceFactory(name="Wrong rating", council=our_council, rating=Rating.GOOD)
    ServiceFactory(name="Wrong area", rating=Rating.REQUIRES_IMPROVEMENT)
    assert find(officer, our_area=True, ratings=("requires_improvement",)) == ["Hit"]


def test_provider_portal_user_sees_only_their_provider(our_council):
    mine = ProviderFactory(name="Mine")
    ServiceFactory(name="Ours", provider=mine)
    ServiceFactory(name="Theirs")
    portal = UserFactory(username="portal", role="partner", scope_provider=mine)
    assert find(portal) == ["Ours"]
    assert [p.name for p in search_providers(portal)] == ["Mine"]


def _ordered(officer, sort):
    services = search_services(officer, ServiceFilters(include_inactive=True))
    return [s.name for s in sort_services(services, sort)]


@pytest.fixture
def sortable():
    a = CouncilFactory(name="Aardvark")
    z = CouncilFactory(name="Zebra")
    ServiceFactory(
        name="B", council=z, rating=Rating.OUTSTANDING, rating_published=datetime.date(2021, 1, 1)
    )
    ServiceFactory(
        name="A", council=a, rating=Rating.INADEQUATE, rating_published=datetime.date(2023, 1, 1)
    )
    ServiceFactory(name="C", council=a, rating=None, rating_published=None, beds=None)
    ServiceFactory(
        name="D",
        council=z,
        rating=Rating.REQUIRES_IMPROVEMENT,
        rating_published=datetime.date(2022, 1, 1),
        beds=80,
    )


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["A", "B", "C", "D"]),
        ("-name", ["D", "C", "B", "A"]),
        ("council", ["A", "C", "B", "D"]),
        ("-council", ["B", "D", "A", "C"]),
        ("rating", ["A", "D", "B", "C"]),  # worst first; never inspected last
        ("-rating", ["B", "D", "A", "C"]),  # best first; never inspected still last
        ("rated", ["B", "D", "A", "C"]),
        ("-rated", ["A", "D", "B", "C"]),
        ("beds", ["A", "B", "D", "C"]),
        ("-beds", ["D", "A", "B", "C"]),
        ("nonsense", ["A", "B", "C", "D"]),
    ],
)
def test_sorting(officer, sortable, sort, expected):
    assert _ordered(officer, sort) == expected


def test_provider_search_and_counts(officer):
    acorn = ProviderFactory(name="Acorn Care Ltd", provider_id="1-42")
    ServiceFactory(provider=acorn)
    ServiceFactory(provider=acorn, active=False)
    ProviderFactory(name="Birch Group")
    assert [p.name for p in search_providers(officer, "acorn")] == ["Acorn Care Ltd"]
    assert [p.name for p in search_providers(officer, "1-42")] == ["Acorn Care Ltd"]
    assert active_service_counts([acorn.pk]) == {acorn.pk: 1}
