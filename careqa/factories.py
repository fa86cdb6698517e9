"""Factories for tests: one per model, with the fewest fields that make a valid record."""

import datetime

import factory

from careqa.accounts.models import User
from careqa.accounts.roles import Role
from careqa.areas.models import Council, CouncilProfile, Region
from careqa.areas.names import council_key, region_key
from careqa.providers.models import Contract, Provider, PublishedRating, Service
from careqa.providers.vocab import ContractStatus, Rating, Regulator, Sector


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Officer{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.QA_OFFICER
    password = factory.django.Password("correct-horse-battery")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("key",)

    name = "North West"
    key = factory.LazyAttribute(lambda r: region_key(r.name))


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ("key",)

    name = factory.Sequence(lambda n: f"Council {n}")
    key = factory.LazyAttribute(lambda c: council_key(c.name))
    region = factory.SubFactory(RegionFactory)


class CouncilProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilProfile
        skip_postgeneration_save = True

    name = "Demo City Council"

    @factory.post_generation
    def our_area(self, create, extracted, **kwargs):
        if create and extracted:
            self.our_area.set(extracted)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    regulator = Regulator.CQC
    provider_id = factory.Sequence(lambda n: f"1-{100000 + n}")
    name = factory.Sequence(lambda n: f"Provider {n} Ltd")
    sector = Sector.PRIVATE


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    regulator = Regulator.CQC
    location_id = factory.Sequence(lambda n: f"1-{900000 + n}")
    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Service {n} House")
    postcode = "AB1 2CD"
    council = factory.SubFactory(CouncilFactory)
    region = factory.LazyAttribute(lambda s: s.council.region if s.council else None)
    service_types = " residential "
    care_home = True
    beds = 30
    sector = Sector.PRIVATE
    registration_start = datetime.date(2015, 4, 1)
    rating = Rating.GOOD
    rating_published = datetime.date(2020, 1, 15)


class PublishedRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublishedRating

    service = factory.SubFactory(ServiceFactory)
    regulator = Regulator.CQC
    rated_on = datetime.date(2020, 1, 15)
    published = factory.LazyAttribute(lambda r: r.rated_on)
    overall = Rating.GOOD
    overall_as_published = "Good"


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    service = factory.SubFactory(ServiceFactory)
    framework = "Care Homes Framework 2024"
    reference = factory.Sequence(lambda n: f"CH-{n:04d}")
    start_date = datetime.date(2024, 4, 1)
    status = ContractStatus.ACTIVE
    funded_placements = 5
