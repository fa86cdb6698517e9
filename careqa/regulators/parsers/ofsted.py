"""Reading Ofsted's provider-level children's social care CSVs (every yearly edition 2015-2025).

Column names drift every year ('Overall effectiveness' until 2018, 'Latest full inspection'
prefixes in 2022, a typo 'inspectio', line breaks inside header cells in 2025), so headers
are folded to one spelling before they are looked up.
"""

import datetime
import hashlib
import re

from careqa.providers.models import Provider
from careqa.providers.vocab import Regulator, Sector, ServiceType
from careqa.regulators.models import Layout
from careqa.regulators.parsers.columns import Columns
from careqa.regulators.parsers.layout import (
    NO_RATING,
    NOT_READ,
    Rows,
    choose_snapshot,
    convert,
    date_in_name,
    duplicate_error,
    parsed_file,
    whole_register,
)
from careqa.regulators.parsers.values import count_value, date_value, fold, name_key, rating
from careqa.regulators.records import ProviderRecord, RatingRecord, ServiceRecord

LAYOUT = Layout.OFSTED_PROVIDERS.value
LABEL = "Ofsted's children's social care providers file"
ANCHOR = "urn"
MARKERS = frozenset(("urn", "provision type"))
PROVIDER_PREFIX = "ofsted-org:"
PROVIDER_ID_LENGTH = Provider._meta.get_field("provider_id").max_length
REDACTED = "redacted"

_LATEST = "latest full inspection "
_INSPECTION_WORDS = {"date", "publication date", "event type", "event number"}


def column_key(name):
    """One spelling for a header across the years: prefixes, typo and line breaks removed."""
    key = fold(name).replace("inspectio ", "inspection ").replace("\u2019", "'")
    if key.startswith(_LATEST):
        rest = key[len(_LATEST) :]
        key = f"inspection {rest}" if rest in _INSPECTION_WORDS else rest
    return key


KNOWN = frozenset(
    column_key(name)
    for name in (
        "Web link",
        "URN",
        "Linked education URN",
        "Linked ED URN",
        "Provision type",
        "Registration date",
        "Registration status",
        "Reg Status",
        "Name",
        "Setting Name",
        "Address 1",
        "Address 2",
        "Town",
        "County",
        "Postcode",
        "Ofsted region",
        "Region",
        "Government Office Region",
        "Local authority",
        "Parliamentary constituency",
        "Sector",
        "Places",
        "Premises",
        "Organisation which owns the provider",
        "Organisation",
        "Organisation name",
        "Event type",
        "Inspection type",
        "Inspection date",
        "Publication date",
        "Event number",
        "Inspection ID",
        "Overall effectiveness",
        "Overall experiences and progress of children and young people",
        "How well children and young people are helped and protected",
        "The effectiveness of leaders and managers",
        "Outcomes for children and young people",
        "Quality of care",
        "Safeguarding children and young people",
        "The safety of children and young people",
        "Leadership and management",
    )
)

PROVISION_TYPES = {
    "children's home": ServiceType.CHILDRENS_HOME.value,
    "independent fostering agency": ServiceType.FOSTERING.value,
}
SECTORS = {
    "private": Sector.PRIVATE.value,
    "voluntary": Sector.VOLUNTARY.value,
    "local authority": Sector.LOCAL_AUTHORITY.value,
    "health authority": Sector.NHS.value,
    # Academy trusts and 'public sector' bodies fit none of the register's four sectors.
    "academy": Sector.UNKNOWN.value,
    "public sector": Sector.UNKNOWN.value,
}
# A suspended registration is still a registration: the setting stays on the register.
REGISTERED = frozenset(("active", "suspended"))
# Ofsted's own regions pair two English regions; only the English region is stored.
_COMBINED_REGIONS = {"north east, yorkshire and the humber"}
_TITLE_YEAR = re.compile(r"\bas at\b[^0-9]*(?:\d{1,2}\s+[A-Za-z]+\s+)?(?:[A-Za-z]+\s+)?(\d{4})")
_YEAR = re.compile(r"(?<![0-9])(20\d\d)(?![0-9])")

SERVICE_TEXT = {
    "name": ("Name", "Setting Name"),
    "street_address": ("Address 1",),
    "address_line_2": ("Address 2",),
    "city": ("Town",),
    "county": ("County",),
    "postcode": ("Postcode",),
}
# The judgement columns of the latest full inspection, and (2024) of the one before.
LATEST = {
    "overall": (
        "Overall experiences and progress of children and young people",
        "Overall effectiveness",
    ),
    "experiences_progress": ("Overall experiences and progress of children and young people",),
    "help_protection": (
        "How well children and young people are helped and protected",
        "Safeguarding children and young people",
        "The safety of children and young people",
    ),
    "leadership": ("The effectiveness of leaders and managers", "Leadership and management"),
    "inspected": ("Inspection date",),
    "published": ("Publication date", "Inspection publication date"),
    "report_type": ("Event type", "Inspection event type", "Inspection type"),
}
PREVIOUS = {
    "overall": ("Previous overall experiences and progress of children and young people",),
    "experiences_progress": (
        "Previous overall experiences and progress of children and young people",
    ),
    "help_protection": ("Previous how well children and young people are helped and protected",),
    "leadership": (
        "Previous effectiveness of leaders and managers",
        "Previous the effectiveness of leaders and managers",
    ),
    "inspected": ("Previous full inspection event date", "Previous full inspection date"),
    "published": ("Previous full inspection publication date",),
    "report_type": ("Previous full inspection event type",),
}


def parse(table, ctx):
    cols = Columns(table, ctx, LABEL, key=column_key)
    at_urn = cols.need("URN")
    at_type = cols.need("Provision type")
    at_council = cols.need("Local authority")
    cols.check()
    service_text = [
        (f, p) for f, names in SERVICE_TEXT.items() if (p := cols.find(*names)) is not None
    ]
    at_english_region = cols.find("Government Office Region")
    at_ofsted_region = cols.find("Ofsted region", "Region")
    at_sector = cols.find("Sector")
    at_places = cols.find("Places")
    at_registered = cols.find("Registration date")
    at_status = cols.find("Registration status", "Reg Status")
    at_organisation = cols.find(
        "Organisation which owns the provider", "Organisation", "Organisation name"
    )
    latest = _judgement_columns(cols, LATEST)
    previous = _judgement_columns(cols, PREVIOUS)
    if latest is None:
        ctx.warn("This file gives no inspection judgements: ratings were left as they were.")

    services, providers, seen = [], {}, {}
    unknown_sectors, combined_regions, suspended = {}, 0, 0
    regions = set()
    kinds = set()
    count = Rows(ctx)
    for number, cells in table.records(ctx):
        count.read += 1
        urn = cells[at_urn].strip()
        if not urn:
            count.reject(number, "no URN")
            continue
        if urn in seen:
            ctx.problem(duplicate_error(ctx, "URN", urn, seen[urn], number, cols.name(at_urn)))
            continue
        seen[urn] = number

        provision = " ".join(cells[at_type].split())
        code = PROVISION_TYPES.get(fold(provision).replace("\u2019", "'"), ServiceType.OTHER.value)
        kinds.add(code)
        record = ServiceRecord(
            location_id=urn,
            row=number,
            service_types=(code,),
            regulator_service_types=provision,
            council_name=cells[at_council].strip(),
        )
        for field, position in service_text:
            value = cells[position].strip()
            # Children's homes' names and addresses are withheld: keep what is known.
            if value.casefold() != REDACTED:
                setattr(record, field, value)

        region = cells[at_english_region].strip() if at_english_region is not None else ""
        if not region and at_ofsted_region is not None:
            region = cells[at_ofsted_region].strip()
            if fold(region) in _COMBINED_REGIONS:
                regions.add(region)
                combined_regions += 1
                region = None
        if region is not None:
            record.region_name = region
            regions.add(region)

        if at_sector is not None:
            word = fold(cells[at_sector])
            sector = SECTORS.get(word)
            if sector is None:
                sector = Sector.UNKNOWN.value
                if word:
                    unknown_sectors[word] = unknown_sectors.get(word, 0) + 1
            record.sector = sector
        if at_places is not None:
            record.places = convert(ctx, cols, number, cells, at_places, count_value)
        if at_registered is not None:
            record.registration_start = convert(ctx, cols, number, cells, at_registered, date_value)
        if at_status is not None:
            status = fold(cells[at_status])
            if status:
                record.active = status in REGISTERED
                if status == "suspended":
                    suspended += 1

        if at_organisation is not None:
            organisation = " ".join(cells[at_organisation].split())
            if organisation and organisation.casefold() != REDACTED:
                provider_id = _provider_id(organisation)
                record.provider_id = provider_id
                if provider_id not in providers:
                    providers[provider_id] = ProviderRecord(
                        provider_id=provider_id,
                        name=organisation,
                        sector=record.sector,
                    )
            else:
                record.provider_id = ""

        if latest is not None:
            record.rating = _judgement(ctx, cols, number, cells, latest)
        if previous is not None:
            earlier = _judgement(ctx, cols, number, cells, previous)
            if earlier is not None:
                record.earlier_ratings.append(earlier)
        services.append(record)
    count.finish()

    for word, times in unknown_sectors.items():
        ctx.warn(f"Sector '{word}' ({times} rows) is not one CareQA knows: recorded as not known.")
    if suspended:
        ctx.warn(f"{suspended} settings' registration is suspended: they stay on the register.")
    if combined_regions:
        ctx.warn(
            f"{combined_regions} rows give only Ofsted's region 'North East, Yorkshire and the "
            "Humber', which is two English regions: their region was left as it was."
        )
    several = ServiceType.CHILDRENS_HOME.value in kinds and len(kinds) > 1
    full = whole_register(ctx, services, regions, several_kinds=several, noun="settings")
    return parsed_file(
        ctx,
        layout=LAYOUT,
        regulator=Regulator.OFSTED.value,
        snapshot=choose_snapshot(ctx, _title_date(ctx.notes), _name_date(ctx.file_name)),
        services=services,
        providers=providers,
        count=count,
        full=full,
    )


def _judgement_columns(cols, names):
    found = {field: cols.find(*aliases) for field, aliases in names.items()}
    if found["overall"] is None:
        return None
    return found


def _judgement(ctx, cols, number, cells, at):
    overall, word = convert(ctx, cols, number, cells, at["overall"], _ofsted_rating, NO_RATING)
    if overall is None:
        return None  # not inspected yet (or not read: a problem already noted)
    areas = {}
    for field in ("experiences_progress", "help_protection", "leadership"):
        position = at[field]
        if position is not None:
            areas[field] = convert(ctx, cols, number, cells, position, _ofsted_rating, NO_RATING)[0]
    inspected = published = None
    if at["inspected"] is not None:
        inspected = convert(ctx, cols, number, cells, at["inspected"], date_value, NOT_READ)
    if at["published"] is not None:
        published = convert(ctx, cols, number, cells, at["published"], date_value, NOT_READ)
    if inspected is NOT_READ or published is NOT_READ:
        return None
    rated_on = published or inspected
    if rated_on is None:
        position = at["inspected"] if at["inspected"] is not None else at["overall"]
        ctx.problem(
            ctx.error(
                f"the judgement '{word}' has no inspection or publication date",
                row=number,
                column=cols.name(position),
            )
        )
        return None
    report_type = ""
    if at["report_type"] is not None:
        report_type = " ".join(cells[at["report_type"]].split())
    return RatingRecord(
        overall=overall,
        rated_on=rated_on,
        overall_as_published=word,
        published=published,
        inspected=inspected,
        report_type=report_type,
        **areas,
    )


def _provider_id(organisation):
    provider_id = PROVIDER_PREFIX + name_key(organisation)
    if len(provider_id) > PROVIDER_ID_LENGTH:
        # The register keeps ids of up to 64 characters: keep the id unique, if shorter.
        digest = hashlib.sha1(provider_id.encode()).hexdigest()[:10]
        provider_id = f"{provider_id[: PROVIDER_ID_LENGTH - 11]}~{digest}"
    return provider_id


def _ofsted_rating(text):
    return rating(text, ofsted=True)


def _title_date(texts):
    """31 March of the year in a title such as '… Provider level as at 31 March 2023'."""
    for text in texts:
        match = _TITLE_YEAR.search(text)
        if match:
            return datetime.date(int(match.group(1)), 3, 31)
    return None


def _name_date(name):
    found = date_in_name(name)
    if found:
        return found
    match = _YEAR.search(name or "")
    return datetime.date(int(match.group(1)), 3, 31) if match else None
