"""The register's fixed vocabularies: regulators, service types, sectors, ratings."""

from django.db import models


class Regulator(models.TextChoices):
    CQC = "cqc", "CQC"
    OFSTED = "ofsted", "Ofsted"


class ServiceType(models.TextChoices):
    RESIDENTIAL = "residential", "Residential home"
    NURSING = "nursing", "Nursing home"
    DOMICILIARY = "domiciliary", "Domiciliary care"
    DAY = "day", "Day service"
    EXTRA_CARE = "extra_care", "Extra care / very sheltered housing"
    SUPPORTED_LIVING = "supported_living", "Supported living"
    CHILDRENS_HOME = "childrens_home", "Children's home"
    FOSTERING = "fostering", "Independent fostering agency"
    OTHER = "other", "Other"


# Groups people filter by that stand for several types at once.
CARE_HOME_TYPES = (ServiceType.RESIDENTIAL, ServiceType.NURSING)


class Sector(models.TextChoices):
    PRIVATE = "private", "Private"
    VOLUNTARY = "voluntary", "Voluntary"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    NHS = "nhs", "NHS"
    UNKNOWN = "unknown", "Not known"


class Rating(models.TextChoices):
    """The four-point scale both regulators use, plus CQC's 'not rated' outcomes.

    A service that has never been rated has no rating at all (null): 'Not yet inspected'.
    """

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"
    NOT_RATED = "not_rated", "Not rated"


NOT_YET_INSPECTED = "Not yet inspected"
# What CareQA shows where Ofsted's files withhold a children's home's name and address.
NAME_WITHHELD = "Name withheld by Ofsted"
# Ofsted publishes no provider ids: the imports key its providers by organisation name.
OFSTED_PROVIDER_KEY = "ofsted-org:"

# Higher is better; used to say whether a new rating went up or down.
RATING_RANK = {
    Rating.INADEQUATE: 1,
    Rating.REQUIRES_IMPROVEMENT: 2,
    Rating.GOOD: 3,
    Rating.OUTSTANDING: 4,
}

CQC_KEY_QUESTIONS = ("safe", "effective", "caring", "responsive", "well_led")
OFSTED_AREAS = ("experiences_progress", "help_protection", "leadership")
KEY_QUESTION_LABELS = {
    "safe": "Safe",
    "effective": "Effective",
    "caring": "Caring",
    "responsive": "Responsive",
    "well_led": "Well-led",
    "experiences_progress": "Overall experiences and progress of children and young people",
    "help_protection": "How well children and young people are helped and protected",
    "leadership": "The effectiveness of leaders and managers",
}


class ContractStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"
    IN_DEFAULT = "in_default", "In default"
    TERMINATED = "terminated", "Terminated"


# A service is 'commissioned' while it has a contract in one of these states.
LIVE_CONTRACT_STATUSES = (
    ContractStatus.ACTIVE,
    ContractStatus.SUSPENDED,
    ContractStatus.IN_DEFAULT,
)
