"""Reading CQC's 'care directory with filters' (HSCA active locations): one row per location."""

from careqa.providers.vocab import Rating, Regulator
from careqa.regulators.layouts import (
    HSCA_ACTIVITY_PREFIX,
    HSCA_HEADER,
    HSCA_SERVICE_TYPE_PREFIX,
    HSCA_USER_BAND_PREFIX,
)
from careqa.regulators.models import Layout
from careqa.regulators.parsers import cqc_vocab
from careqa.regulators.parsers.columns import Columns
from careqa.regulators.parsers.layout import (
    AS_AT,
    NO_RATING,
    NOT_READ,
    Rows,
    choose_snapshot,
    convert,
    date_in_name,
    date_in_text,
    duplicate_error,
    parsed_file,
    whole_cqc_register,
)
from careqa.regulators.parsers.values import (
    code_text,
    companies_house_text,
    count_value,
    date_value,
    float_value,
    fold,
    no_dash,
    phone_text,
    rating,
    yes,
    yes_no,
)
from careqa.regulators.records import ProviderRecord, RatingRecord, ServiceRecord

LAYOUT = Layout.CQC_HSCA.value
LABEL = "CQC's care directory with filters (HSCA active locations)"
ANCHOR = "location id"
KNOWN = frozenset(fold(name) for name in HSCA_HEADER) | {
    "location post code",
    "location also known as",
    "location specialisms",
    "location ccg",
    "location ccg code",
}
MARKERS = frozenset(("location hsca start date", "dormant (y/n)", "care homes beds"))
MARKER_PREFIXES = tuple(
    fold(prefix)
    for prefix in (HSCA_SERVICE_TYPE_PREFIX, HSCA_USER_BAND_PREFIX, HSCA_ACTIVITY_PREFIX)
)

# ServiceRecord field -> the columns it may come from (first found wins).
SERVICE_TEXT = {
    "name": ("Location Name",),
    "also_known_as": ("Location Also Known As",),
    "street_address": ("Location Street Address",),
    "address_line_2": ("Location Address Line 2",),
    "city": ("Location City",),
    "county": ("Location County",),
    "postcode": ("Location Postal Code", "Location Post Code"),
    "council_name": ("Location Local Authority",),
    "region_name": ("Location Region",),
    "website": ("Location Web Address",),
    "inspection_directorate": ("Location Inspection Directorate",),
    "inspection_category": ("Location Primary Inspection Category",),
}
PROVIDER_TEXT = {
    "name": ("Provider Name",),
    "ownership_type": ("Provider Ownership Type",),
    "street_address": ("Provider Street Address",),
    "address_line_2": ("Provider Address Line 2",),
    "city": ("Provider City",),
    "county": ("Provider County",),
    "postcode": ("Provider Postal Code", "Provider Post Code"),
    "website": ("Provider Web Address",),
    "nominated_individual": ("Provider Nominated Individual Name",),
}


def parse(table, ctx):
    cols = Columns(table, ctx, LABEL)
    at_id = cols.need("Location ID")
    cols.need("Location Name")
    at_type = cols.find("Location Type/Sector")
    at_directorate = cols.find("Location Inspection Directorate")
    if at_type is None and at_directorate is None:
        cols.need("Location Type/Sector", "Location Inspection Directorate")
    cols.check()
    absent = []

    def find(*names, prefix=None):
        position = cols.find(*names, prefix=prefix)
        if position is None and (prefix or names[0] in HSCA_HEADER):
            absent.append(names[0] if names else prefix)
        return position

    service_text = [(f, p) for f, names in SERVICE_TEXT.items() if (p := find(*names)) is not None]
    at_manager = find(prefix="Registered manager")
    at_care_home = find("Care home?")
    at_category = cols.find("Location Primary Inspection Category")
    at_beds = find("Care homes beds")
    at_dormant = find("Dormant (Y/N)")
    at_start = find("Location HSCA start date")
    at_phone = find("Location Telephone Number")
    at_latitude = find("Location Latitude")
    at_longitude = find("Location Longitude")
    at_specialisms = cols.find("Location Specialisms")
    at_rating = find("Location Latest Overall Rating")
    at_published = find("Publication Date") if at_rating is not None else None
    at_inherited = cols.find("Inherited Rating (Y/N)")
    at_provider = find("Provider ID")
    provider_text = [
        (f, p) for f, names in PROVIDER_TEXT.items() if (p := find(*names)) is not None
    ]
    at_provider_name = cols.find("Provider Name")
    at_provider_type = find("Provider Type/Sector")
    at_ownership = cols.find("Provider Ownership Type")
    at_companies_house = find("Provider Companies House Number")
    at_charity = find("Provider Charity Number")
    at_brand_id = find("Brand ID")
    at_brand_name = find("Brand Name")
    at_provider_phone = find("Provider Telephone Number")
    at_provider_start = find("Provider HSCA start date")
    at_main_partner = cols.find("Provider Main Partner Name")
    types = _flag_columns(cols, HSCA_SERVICE_TYPE_PREFIX)
    bands = _flag_columns(cols, HSCA_USER_BAND_PREFIX)
    if not types:
        absent.append(f"{HSCA_SERVICE_TYPE_PREFIX}…")
    if not bands:
        absent.append(f"{HSCA_USER_BAND_PREFIX}…")
    if absent:
        ctx.warn(
            "Columns not in this file, so what they hold was left as it was: "
            + ", ".join(f"'{name}'" for name in absent)
            + "."
        )
    know_sector = at_provider_type is not None and at_charity is not None

    services, providers, seen = [], {}, {}
    count = Rows(ctx)
    for number, cells in table.records(ctx):
        count.read += 1
        if not cqc_vocab.in_scope(
            cells[at_type] if at_type is not None else "",
            cells[at_directorate] if at_directorate is not None else "",
            cells[at_category] if at_category is not None else "",
            cells[at_care_home] if at_care_home is not None else "",
        ):
            count.skipped += 1
            continue
        location_id = cells[at_id].strip()
        if not location_id:
            count.reject(number, "no Location ID")
            continue
        if location_id in seen:
            ctx.problem(
                duplicate_error(
                    ctx, "Location ID", location_id, seen[location_id], number, cols.name(at_id)
                )
            )
            continue
        seen[location_id] = number

        record = ServiceRecord(location_id=location_id, row=number, active=True)
        for field, position in service_text:
            setattr(record, field, cells[position].strip())
        if at_manager is not None:
            record.registered_manager = cells[at_manager].strip()
        if at_care_home is not None:
            record.care_home = yes(cells[at_care_home])
        if at_dormant is not None:
            record.dormant = yes(cells[at_dormant])
        if at_phone is not None:
            record.phone = phone_text(cells[at_phone])
        for field, position, read in (
            ("beds", at_beds, count_value),
            ("registration_start", at_start, date_value),
            ("latitude", at_latitude, float_value),
            ("longitude", at_longitude, float_value),
        ):
            if position is not None:
                value = convert(ctx, cols, number, cells, position, read, NOT_READ)
                if value is not NOT_READ:
                    setattr(record, field, value)
        if at_specialisms is not None:
            record.specialisms = "|".join(
                part.strip() for part in cells[at_specialisms].split("|") if part.strip()
            )
        if types:
            # Flags are 'Y' or blank: look closer only at the few cells with anything in them.
            ticked = [t for t in types if cells[t[0]] and cells[t[0]].strip() in ("Y", "y")]
            record.service_types = tuple(sorted({code for _, _, code in ticked if code}))
            record.regulator_service_types = "|".join(label for _, label, _ in ticked)
        if bands:
            record.user_bands = "|".join(
                b[1] for b in bands if cells[b[0]] and cells[b[0]].strip() in ("Y", "y")
            )
        if at_rating is not None:
            record.rating = _rating(ctx, cols, number, cells, at_rating, at_published, at_inherited)

        provider_id = cells[at_provider].strip() if at_provider is not None else ""
        if at_provider is not None:
            record.provider_id = provider_id
        if know_sector:
            record.sector = cqc_vocab.sector(
                cells[at_provider_type],
                cells[at_provider_name] if at_provider_name is not None else "",
                cells[at_ownership] if at_ownership is not None else "",
                cells[at_charity].strip(),
            )
        if provider_id and provider_id not in providers:
            provider = ProviderRecord(provider_id=provider_id)
            for field, position in provider_text:
                setattr(provider, field, cells[position].strip())
            if at_companies_house is not None:
                provider.companies_house_number = companies_house_text(cells[at_companies_house])
            if at_charity is not None:
                provider.charity_number = code_text(cells[at_charity])
            if at_brand_id is not None:
                provider.brand_id = no_dash(cells[at_brand_id])
            if at_brand_name is not None:
                provider.brand_name = no_dash(cells[at_brand_name])
            if at_provider_phone is not None:
                provider.phone = phone_text(cells[at_provider_phone])
            if at_provider_start is not None:
                provider.registration_start = convert(
                    ctx, cols, number, cells, at_provider_start, date_value
                )
            if know_sector:
                provider.sector = record.sector
            if at_main_partner is not None and not provider.nominated_individual:
                # A partnership names its main partner where a company names an individual.
                provider.nominated_individual = cells[at_main_partner].strip()
            providers[provider_id] = provider
        services.append(record)
    count.finish()

    full = whole_cqc_register(ctx, services)
    snapshot = choose_snapshot(ctx, date_in_text(ctx.notes, AS_AT), date_in_name(ctx.file_name))
    return parsed_file(
        ctx,
        layout=LAYOUT,
        regulator=Regulator.CQC.value,
        snapshot=snapshot,
        services=services,
        providers=providers,
        count=count,
        full=full,
    )


def _flag_columns(cols, prefix):
    """[(position, readable label, ServiceType code or None)] of the 'Y'-flag columns."""
    start = fold(prefix)
    found = []
    for position, key in enumerate(cols.keys):
        if key.startswith(start):
            label = cols.name(position)[len(prefix) :].strip()
            found.append((position, label, cqc_vocab.HSCA_SERVICE_TYPES.get(fold(label))))
    return found


def _rating(ctx, cols, number, cells, at_rating, at_published, at_inherited):
    code, word = convert(ctx, cols, number, cells, at_rating, rating, NO_RATING)
    if code is None:
        return None  # not yet rated (or not read: a problem already noted)
    published = None
    if at_published is not None:
        published = convert(ctx, cols, number, cells, at_published, date_value, NOT_READ)
    if published is NOT_READ:
        return None
    if published is None:
        if code == Rating.NOT_RATED.value:
            return None
        ctx.problem(
            ctx.error(
                f"the rating '{word}' has no publication date",
                row=number,
                column=cols.name(at_published) if at_published is not None else "Publication Date",
            )
        )
        return None
    inherited = None
    if at_inherited is not None:
        inherited = convert(ctx, cols, number, cells, at_inherited, yes_no)
    return RatingRecord(
        overall=code,
        rated_on=published,
        overall_as_published=word,
        published=published,
        inherited=inherited,
    )
