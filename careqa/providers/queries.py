"""Reads of the register: the service search behind the list and its export, and the
records a service's and a provider's pages show. Each returns a queryset or plain values;
none of them writes.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Replace, Upper

from careqa.accounts.authz import has_permission, scope_records
from careqa.accounts.permissions import Permission
from careqa.areas.models import CouncilProfile
from careqa.audit.queries import events_for_records
from careqa.providers.models import ChangeEvent, Contract, Provider, PublishedRating, Service
from careqa.providers.rules import SERIOUSNESS, contract_standing
from careqa.providers.vocab import LIVE_CONTRACT_STATUSES, RATING_RANK, Rating

# The 'rating' filter's value for services never rated (rating is null).
NOT_YET_INSPECTED_VALUE = "nyi"
# The 'type' filter's value for every care home, residential or nursing.
ALL_CARE_HOMES = "care_home"

DEFAULT_SORT = "name"


@dataclass(frozen=True)
class ServiceFilters:
    """What a person asked the register for. Empty values mean 'any'."""

    q: str = ""
    our_area: bool = False
    commissioned: bool = False
    service_type: str = ""
    ratings: tuple = ()
    sector: str = ""
    council_id: int | None = None
    region_id: int | None = None
    regulator: str = ""
    include_inactive: bool = False


def our_area_council_ids() -> list[int]:
    """The councils this installation calls 'our area' (none until it is configured)."""
    profile = CouncilProfile.objects.order_by("pk").first()
    if profile is None:
        return []
    return list(profile.our_area.values_list("pk", flat=True))


def _search(queryset, text):
    text = " ".join(text.split())
    if not text:
        return queryset
    condition = (
        Q(name__icontains=text)
        | Q(also_known_as__icontains=text)
        | Q(local_name__icontains=text)
        | Q(location_id__icontains=text)
        | Q(provider__name__icontains=text)
    )
    compact = text.replace(" ", "").upper()
    if any(ch.isdigit() for ch in compact) and len(compact) <= 8:
        # A postcode, typed with or without its space: "L1 8JQ", "l18jq", "CH41".
        queryset = queryset.annotate(_postcode=Upper(Replace("postcode", Value(" "), Value(""))))
        condition |= Q(_postcode__contains=compact)
    return queryset.filter(condition)


def search_services(user, filters: ServiceFilters):
    """Services the user may see that match `filters`, unordered.

    Whether we commission a service is a contract fact: it filters only for someone who
    may see contracts, so nobody else can learn it by filtering.
    """
    services = scope_records(user, Service.objects.all())
    if not filters.include_inactive:
        services = services.active()
    if filters.q:
        services = _search(services, filters.q)
    if filters.our_area:
        services = services.in_councils(our_area_council_ids())
    if filters.commissioned and has_permission(user, Permission.VIEW_CONTRACTS):
        services = services.commissioned()
    if filters.service_type == ALL_CARE_HOMES:
        services = services.filter(care_home=True)
    elif filters.service_type:
        services = services.of_type(filters.service_type)
    if filters.ratings:
        rated = [r for r in filters.ratings if r != NOT_YET_INSPECTED_VALUE]
        condition = Q(rating__in=rated)
        if NOT_YET_INSPECTED_VALUE in filters.ratings:
            condition |= Q(rating__isnull=True)
        services = services.filter(condition)
    if filters.sector:
        services = services.filter(sector=filters.sector)
    if filters.council_id:
        services = services.filter(council_id=filters.council_id)
    if filters.region_id:
        services = services.filter(region_id=filters.region_id)
    if filters.regulator:
        services = services.filter(regulator=filters.regulator)
    return services


def _rating_rank():
    """Inadequate 1 … Outstanding 4; 'Not rated' 0; never rated stays null (sorted last)."""
    whens = [When(rating=rating, then=Value(rank)) for rating, rank in RATING_RANK.items()]
    whens.append(When(rating=Rating.NOT_RATED, then=Value(0)))
    return Case(*whens, default=None, output_field=IntegerField())


# Each sort key and the column(s) it orders by; "-key" reverses. Name and id break ties.
SORT_COLUMNS = {
    "name": lambda: [F("name")],
    "council": lambda: [F("council__name")],
    "rating": lambda: [_rating_rank()],
    "rated": lambda: [F("rating_published")],
    # Care-home beds, or a children's home's places (a service has one or the other).
    "beds": lambda: [Coalesce("beds", "places")],
}
SORT_KEYS = tuple(SORT_COLUMNS) + tuple(f"-{key}" for key in SORT_COLUMNS)


def sort_services(services, sort: str):
    key = sort.removeprefix("-")
    if key not in SORT_COLUMNS:
        key, sort = DEFAULT_SORT, DEFAULT_SORT
    descending = sort.startswith("-")
    order = [
        expr.desc(nulls_last=True) if descending else expr.asc(nulls_last=True)
        for expr in SORT_COLUMNS[key]()
    ]
    if key != "name":
        order.append(F("name").asc())
    order.append(F("pk").asc())
    return services.order_by(*order)


def service_list_rows(services):
    """What one page of the list shows, joined in the same query (no N+1)."""
    return services.select_related("council", "provider").only(
        "name",
        "local_name",
        "regulator",
        "location_id",
        "postcode",
        "city",
        "rating",
        "rating_published",
        "beds",
        "places",
        "active",
        "care_home",
        "council__name",
        "provider__name",
    )


def contract_standings(service_ids) -> dict[int, str]:
    """For each of these services we commission, the live contract status that speaks for
    it (rules.contract_standing), in one query. Services we do not commission are absent."""
    statuses = defaultdict(list)
    rows = Contract.objects.filter(
        service_id__in=list(service_ids), status__in=LIVE_CONTRACT_STATUSES
    ).values_list("service_id", "status")
    for service_id, status in rows:
        statuses[service_id].append(status)
    return {pk: contract_standing(found) for pk, found in statuses.items()}


EXPORT_FIELDS = (
    "pk",
    "location_id",
    "name",
    "regulator",
    "provider__provider_id",
    "provider__name",
    "street_address",
    "address_line_2",
    "city",
    "county",
    "postcode",
    "council__name",
    "region__name",
    "service_types",
    "care_home",
    "beds",
    "places",
    "sector",
    "rating",
    "rating_published",
    "active",
    "local_name",
)


def _standing_subquery():
    """rules.contract_standing in SQL: the most serious live contract status, or null."""
    seriousness = Case(
        *(When(status=status, then=Value(rank)) for status, rank in SERIOUSNESS.items()),
        output_field=IntegerField(),
    )
    live = Contract.objects.filter(service=OuterRef("pk"), status__in=LIVE_CONTRACT_STATUSES)
    return Subquery(live.order_by(seriousness.desc()).values("status")[:1])


def export_rows(services, *, with_contracts):
    """Every matching service as a dict of what the CSV needs, streamed in chunks.

    Plain values rather than model instances: the national register is 50,000 rows. The
    contract status is read only `with_contracts` (for people who may see contracts).
    """
    fields = list(EXPORT_FIELDS)
    if with_contracts:
        services = services.annotate(contract_standing=_standing_subquery())
        fields.append("contract_standing")
    return services.values(*fields).iterator(chunk_size=2000)


# ---- One service ---------------------------------------------------------------------


def service_for_page(pk):
    return Service.objects.select_related("provider", "council", "region").filter(pk=pk)


def rating_history(service):
    return PublishedRating.objects.filter(service=service).order_by("-rated_on", "-id")


def change_events(service, limit=200):
    return ChangeEvent.objects.filter(service=service).order_by("-occurred_on", "-id")[:limit]


def contracts_for(service):
    return Contract.objects.filter(service=service).order_by("-start_date", "-id")


def contract_events(contract_ids, limit=200):
    return events_for_records("providers.contract", contract_ids).order_by("-occurred_at", "-id")[
        :limit
    ]


# ---- Providers -------------------------------------------------------------------------


def search_providers(user, text=""):
    providers = scope_records(user, Provider.objects.all())
    text = " ".join((text or "").split())
    if text:
        providers = providers.filter(
            Q(name__icontains=text)
            | Q(provider_id__icontains=text)
            | Q(brand_name__icontains=text)
            | Q(postcode__icontains=text)
        )
    return providers.order_by("name", "pk")


def active_service_counts(provider_ids) -> dict[int, int]:
    """Active services of each provider on one page, in one grouped query."""
    rows = (
        Service.objects.filter(provider_id__in=list(provider_ids), active=True)
        .values("provider_id")
        .annotate(n=Count("pk"))
    )
    return {row["provider_id"]: row["n"] for row in rows}


def active_rating_counts(services) -> dict:
    """{rating or None: how many} of the active ones among `services`, in one query."""
    rows = services.filter(active=True).order_by().values("rating").annotate(n=Count("pk"))
    return {row["rating"] or None: row["n"] for row in rows}


def provider_services(user, provider):
    services = scope_records(user, Service.objects.filter(provider=provider))
    return services.select_related("council").order_by("-active", "name", "pk")
