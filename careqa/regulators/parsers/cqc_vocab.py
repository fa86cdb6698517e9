"""CQC's words for service types, scope and ownership, mapped onto CareQA's vocabularies."""

import re

from careqa.providers.vocab import Sector, ServiceType
from careqa.regulators.parsers.values import fold

_OTHER = ServiceType.OTHER.value

# HSCA 'Service type - …' column suffixes (the API's gacServiceTypes description), folded.
HSCA_SERVICE_TYPES = {
    "care home service with nursing": ServiceType.NURSING.value,
    "care home service without nursing": ServiceType.RESIDENTIAL.value,
    "domiciliary care service": ServiceType.DOMICILIARY.value,
    "extra care housing services": ServiceType.EXTRA_CARE.value,
    "supported living service": ServiceType.SUPPORTED_LIVING.value,
    # Other adult social care; health services (GPs, hospitals, hospices) map to nothing.
    "shared lives": _OTHER,
    "community based services for people with a learning disability": _OTHER,
    "community based services for people with mental health needs": _OTHER,
    "community based services for people who misuse substances": _OTHER,
    "residential substance misuse treatment and/or rehabilitation service": _OTHER,
    "rehabilitation services": _OTHER,
    "specialist college service": _OTHER,
}

# The care directory CSV's 'Service types' labels (the API's gacServiceTypes name), folded.
DIRECTORY_SERVICE_TYPES = {
    "nursing homes": ServiceType.NURSING.value,
    "nursing home": ServiceType.NURSING.value,
    "residential homes": ServiceType.RESIDENTIAL.value,
    "care home": ServiceType.RESIDENTIAL.value,
    "homecare agencies": ServiceType.DOMICILIARY.value,
    "supported living": ServiceType.SUPPORTED_LIVING.value,
    "supported housing": ServiceType.EXTRA_CARE.value,
    "shared lives": _OTHER,
    "rehabilitation (substance abuse)": _OTHER,
    "rehabilitation (illness/injury)": _OTHER,
    "community services - substance abuse": _OTHER,
    "community services - learning disabilities": _OTHER,
    "community services - mental health": _OTHER,
    "specialist college services": _OTHER,
}

CARE_HOME_TYPES = frozenset((ServiceType.NURSING.value, ServiceType.RESIDENTIAL.value))

SOCIAL_CARE_ORG = "social care org"
ADULT_SOCIAL_CARE = "adult social care"
# The primary inspection categories of adult social care, whoever runs the location: an
# NHS trust's or an independent hospital group's care home is inspected as one.
ADULT_SOCIAL_CARE_CATEGORIES = frozenset(
    ("residential social care", "community based adult social care services")
)

_scope_cache: dict = {}


def in_scope(location_type, directorate="", category="", care_home=""):
    """Whether a CQC location is adult social care, the register's scope.

    A location is in scope when CQC flags it as a care home ('Care home?' = Y), when its
    inspection directorate or primary inspection category is adult social care, or when
    it is a 'Social Care Org': the type of the organisation that runs it alone would drop
    the care homes of NHS trusts and independent healthcare providers.
    """
    key = (location_type, directorate, category, care_home)
    try:
        return _scope_cache[key]
    except KeyError:
        pass
    result = (
        fold(care_home) == "y"
        or fold(location_type) == SOCIAL_CARE_ORG
        or fold(directorate) == ADULT_SOCIAL_CARE
        or fold(category) in ADULT_SOCIAL_CARE_CATEGORIES
    )
    if len(_scope_cache) < 1000:
        _scope_cache[key] = result
    return result


# Councils run services as "X Council", "London Borough of Y", "Z Borough Council"; a
# company merely named "Borough Care" is not one.
_COUNCIL = re.compile(r"\bcouncil\b|\bborough of\b", re.IGNORECASE)
_sector_cache: dict = {}


def sector(provider_type, provider_name, ownership_type, charity_number):
    key = (provider_type, provider_name, ownership_type, bool(charity_number))
    try:
        return _sector_cache[key]
    except KeyError:
        pass
    if fold(provider_type) == "nhs healthcare organisation" or fold(ownership_type) == "nhs body":
        result = Sector.NHS.value
    elif _COUNCIL.search(provider_name):
        result = Sector.LOCAL_AUTHORITY.value
    elif charity_number:
        result = Sector.VOLUNTARY.value
    else:
        result = Sector.PRIVATE.value
    if len(_sector_cache) < 100000:
        _sector_cache[key] = result
    return result
