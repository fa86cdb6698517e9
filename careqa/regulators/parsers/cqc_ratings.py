"""Reading CQC's 'care directory with ratings' (Latest ratings), Locations sheet, long format.

One row per location x 'Service / Population Group' x 'Domain': the location's rating is
the Overall/Overall row, its key questions the other domains of the Overall group.
"""

from careqa.providers.vocab import Rating, Regulator, ServiceType
from careqa.regulators.layouts import RATINGS_LOCATIONS_HEADER
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
    parsed_file,
)
from careqa.regulators.parsers.values import date_value, fold, no_dash, rating, yes, yes_no
from careqa.regulators.records import ProviderRecord, RatingRecord, ServiceRecord

LAYOUT = Layout.CQC_RATINGS.value
LABEL = "CQC's care directory with ratings (Latest ratings, Locations sheet)"
ANCHOR = "location id"
KNOWN = frozenset(fold(name) for name in RATINGS_LOCATIONS_HEADER) | {
    "key question",
    "location postal code",
    "location inspection directorate",
}
MARKERS = frozenset(("service / population group", "domain", "key question", "latest rating"))

OVERALL = "overall"
KEY_QUESTIONS = {
    "safe": "safe",
    "effective": "effective",
    "caring": "caring",
    "responsive": "responsive",
    "well-led": "well_led",
    "well led": "well_led",
}
COMMUNITY_CATEGORY = "community based adult social care services"

SERVICE_TEXT = {
    "name": ("Location Name",),
    "street_address": ("Location Street Address",),
    "address_line_2": ("Location Address Line 2",),
    "city": ("Location City",),
    "postcode": ("Location Post Code", "Location Postal Code"),
    "council_name": ("Location Local Authority",),
    "region_name": ("Location Region",),
    "inspection_category": ("Location Primary Inspection Category",),
}


def default_service_types(record):
    """Service types to give a service first met in a ratings file, which names none.

    Only a community-based (home care) location can be typed from this file: whether a
    care home has nursing is not in it. The parser leaves service_types UNSET, because a
    value here would overwrite the fuller types an HSCA import gave; an importer creating
    a service may use this as its starting value.
    """
    category = record.inspection_category
    if isinstance(category, str) and fold(category) == COMMUNITY_CATEGORY and not record.care_home:
        return (ServiceType.DOMICILIARY.value,)
    return None


class _Location:
    __slots__ = ("record", "overall", "questions")

    def __init__(self, record):
        self.record = record
        self.overall = None  # the Overall/Overall row's RatingRecord fields
        self.questions = {}


def parse(table, ctx):
    cols = Columns(table, ctx, LABEL)
    at_id = cols.need("Location ID")
    at_group = cols.need("Service / Population Group")
    at_domain = cols.need("Domain", "Key Question")
    at_rating = cols.need("Latest Rating")
    at_published = cols.need("Publication Date")
    at_type = cols.find("Location Type")
    at_directorate = cols.find("Location Inspection Directorate")
    if at_type is None and at_directorate is None:
        cols.need("Location Type")
    cols.check()
    service_text = [
        (f, p) for f, names in SERVICE_TEXT.items() if (p := cols.find(*names)) is not None
    ]
    at_care_home = cols.find("Care Home?")
    at_category = cols.find("Location Primary Inspection Category")
    at_inherited = cols.find("Inherited Rating (Y/N)")
    at_report = cols.find("Report Type")
    at_provider = cols.find("Provider ID")
    at_provider_name = cols.find("Provider Name")
    at_brand_id = cols.find("Brand ID")
    at_brand_name = cols.find("Brand Name")

    folded = {}  # group and domain words repeat endlessly: fold each once
    locations, providers, seen = {}, {}, {}
    count = Rows(ctx)
    newest = None
    for number, cells in table.records(ctx):
        count.read += 1
        if not cqc_vocab.in_scope(
            cells[at_type] if at_type is not None else "",
            cells[at_directorate] if at_directorate is not None else "",
            cells[at_category] if at_category is not None else "",
            cells[at_care_home] if at_care_home is not None else "",
        ):
            # Out of scope rows are not examined: the national file has duplicated GP and
            # hospital rows that must not stop a social-care import.
            count.skipped += 1
            continue
        location_id = cells[at_id].strip()
        if not location_id:
            count.reject(number, "no Location ID")
            continue
        group = cells[at_group]
        group = folded.get(group) or folded.setdefault(group, fold(group))
        domain = cells[at_domain]
        domain = folded.get(domain) or folded.setdefault(domain, fold(domain))
        key = (location_id, group, domain)
        first = seen.get(key)
        if first is not None:
            ctx.problem(
                ctx.error(
                    f"location '{location_id}' has two rows for service group "
                    f"'{cells[at_group].strip()}' and domain '{cells[at_domain].strip()}': "
                    f"rows {first} and {number}",
                    row=number,
                    column=cols.name(at_domain),
                )
            )
            continue
        seen[key] = number
        code, word = convert(ctx, cols, number, cells, at_rating, rating, NO_RATING)

        location = locations.get(location_id)
        if location is None:
            record = ServiceRecord(location_id=location_id, row=number)
            location = locations[location_id] = _Location(record)
            for field, position in service_text:
                setattr(record, field, cells[position].strip())
            if at_care_home is not None:
                record.care_home = yes(cells[at_care_home])
            if at_provider is not None:
                provider_id = record.provider_id = cells[at_provider].strip()
                if provider_id and provider_id not in providers:
                    providers[provider_id] = _provider(
                        cells, provider_id, at_provider_name, at_brand_id, at_brand_name
                    )

        if group != OVERALL:
            continue  # per-service breakdowns of multi-service locations are not kept
        if domain == OVERALL:
            published = convert(ctx, cols, number, cells, at_published, date_value, NOT_READ)
            if published is NOT_READ:
                code, published = None, None  # a problem already noted
            if code == Rating.NOT_RATED.value and published is None:
                code = None  # 'Not Rated' with no date: nothing was published
            if code is not None and published is None:
                ctx.problem(
                    ctx.error(
                        f"the rating '{word}' has no publication date",
                        row=number,
                        column=cols.name(at_published),
                    )
                )
                code = None
            if published is not None and (newest is None or published > newest):
                newest = published
            location.overall = (
                code,
                word,
                published,
                convert(ctx, cols, number, cells, at_inherited, yes_no)
                if at_inherited is not None
                else None,
                cells[at_report].strip() if at_report is not None else "",
            )
        else:
            field = KEY_QUESTIONS.get(domain)
            if field is not None:
                location.questions[field] = code

    services = []
    for location in locations.values():
        record = location.record
        overall = location.overall
        if overall is None or overall[0] is None:
            record.rating = None
        else:
            code, word, published, inherited, report_type = overall
            record.rating = RatingRecord(
                overall=code,
                rated_on=published,
                overall_as_published=word,
                published=published,
                inherited=inherited,
                report_type=report_type,
                **location.questions,
            )
        services.append(record)
    count.finish()

    snapshot = choose_snapshot(
        ctx,
        date_in_text(ctx.notes, AS_AT),
        date_in_name(ctx.file_name),
        fallback=newest,
        fallback_why=(
            f"The file does not say which date it describes: its newest publication date, "
            f"{newest:%d %B %Y}, was taken as its date."
            if newest
            else ""
        ),
    )
    # It lists rated locations only: a location missing from it has not gone.
    return parsed_file(
        ctx,
        layout=LAYOUT,
        regulator=Regulator.CQC.value,
        snapshot=snapshot,
        services=services,
        providers=providers,
        count=count,
        full=False,
    )


def _provider(cells, provider_id, at_name, at_brand_id, at_brand_name):
    provider = ProviderRecord(provider_id=provider_id)
    if at_name is not None:
        provider.name = cells[at_name].strip()
    if at_brand_id is not None:
        provider.brand_id = no_dash(cells[at_brand_id])
    if at_brand_name is not None:
        provider.brand_name = no_dash(cells[at_brand_name])
    return provider
