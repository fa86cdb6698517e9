"""Rating benchmarks: how a service type's ratings spread over an area, now or on any date.

Counts, and percentages to two decimals (rounded half up, as the published reports are),
each both of all services and of those rated. Where CQC's 'not rated' goes: with Not yet
inspected. A service CQC visited but gave no rating ('Insufficient evidence to rate') holds
none of the four ratings, just like one never inspected, so it is counted in that row (so
that the rows add up to the total and 'excluding not yet inspected' means 'of those
rated'); each distribution says how many of that row were CQC's 'not rated'.

Every count carries the ids of the services behind it, so a page can list them.
"""

import datetime
import difflib
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from careqa.areas.models import Council, Region
from careqa.insights.areas import Area, UnknownName
from careqa.insights.asat import (
    CONVENTIONS,
    PUBLICATION,
    STATISTICS,
    register_as_at,
    statistics_cutoff,
)
from careqa.providers.vocab import Rating, Regulator, Sector, ServiceType

RATINGS = (
    Rating.OUTSTANDING.value,
    Rating.GOOD.value,
    Rating.REQUIRES_IMPROVEMENT.value,
    Rating.INADEQUATE.value,
)
NOT_YET_INSPECTED = "not_yet_inspected"
TOTAL = "total"
ROWS = (*RATINGS, NOT_YET_INSPECTED, TOTAL)
ROW_LABELS = {
    **{code: Rating(code).label for code in RATINGS},
    NOT_YET_INSPECTED: "Not yet inspected",
    TOTAL: "Total",
}
POOR = (Rating.REQUIRES_IMPROVEMENT.value, Rating.INADEQUATE.value)
# Services whose rating on the date the history cannot tell: outside every row and total.
NOT_KNOWN = "not_known"

BREAKDOWNS = ("council", "region", "sector")
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def percentage(part, whole) -> Decimal:
    """`part` of `whole` in per cent, to two decimals, half up; 0.00 of nothing."""
    if not whole:
        return Decimal("0.00")
    return (Decimal(part) * _HUNDRED / Decimal(whole)).quantize(_CENT, rounding=ROUND_HALF_UP)


# -- service types --------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceTypeChoice:
    """What a figure counts: services offering any of `types`, or every care home."""

    key: str
    label: str
    types: tuple[str, ...] = ()
    care_home: bool = False

    def condition(self) -> Q:
        if self.care_home:
            return Q(care_home=True)
        condition = Q()
        for code in self.types:
            condition |= Q(service_types__contains=f" {code} ")
        return condition

    def admits(self, service) -> bool:
        if self.care_home:
            return bool(service.care_home)
        return any(service.offers(code) for code in self.types)

    @property
    def measure(self) -> str:
        """What a weighted figure weighs by: Ofsted counts places, CQC beds."""
        return "places" if set(self.types) and set(self.types) <= _OFSTED_TYPES else "beds"


_OFSTED_TYPES = {ServiceType.CHILDRENS_HOME.value, ServiceType.FOSTERING.value}
_PLURALS = {
    ServiceType.RESIDENTIAL: "Residential homes",
    ServiceType.NURSING: "Nursing homes",
    ServiceType.DOMICILIARY: "Domiciliary care services",
    ServiceType.DAY: "Day services",
    ServiceType.EXTRA_CARE: "Extra care / very sheltered housing",
    ServiceType.SUPPORTED_LIVING: "Supported living services",
    ServiceType.CHILDRENS_HOME: "Children's homes",
    ServiceType.FOSTERING: "Independent fostering agencies",
    ServiceType.OTHER: "Other services",
}
SERVICE_TYPES = {
    "care_homes": ServiceTypeChoice("care_homes", "Care homes", care_home=True),
    **{
        code.value: ServiceTypeChoice(code.value, _PLURALS[code], types=(code.value,))
        for code in ServiceType
    },
}
_ALIASES = {
    "care_home": "care_homes",
    "all_care_homes": "care_homes",
    "residential_homes": "residential",
    "nursing_homes": "nursing",
    "home_care": "domiciliary",
    "childrens_homes": "childrens_home",
    "children_s_home": "childrens_home",
    "children_s_homes": "childrens_home",
    "ifa": "fostering",
    "independent_fostering_agency": "fostering",
    "independent_fostering_agencies": "fostering",
}


def service_type_named(text) -> ServiceTypeChoice:
    """'nursing', 'care_homes', 'children's homes', or several: 'residential,nursing'."""
    parts = [p for p in (text or "").split(",") if p.strip()]
    choices = [_one_type(p) for p in parts]
    if not choices:
        raise UnknownName("service type", text or "", sorted(SERVICE_TYPES))
    if len(choices) == 1:
        return choices[0]
    if any(c.care_home for c in choices):
        raise UnknownName("service type", text, ["care_homes (every care home on its own)"])
    types = tuple(dict.fromkeys(t for c in choices for t in c.types))
    return ServiceTypeChoice(
        key=",".join(types), label=" and ".join(c.label for c in choices), types=types
    )


def _one_type(text):
    key = re.sub(r"[^a-z0-9]+", "_", text.strip().lower().replace("'", "_")).strip("_")
    key = _ALIASES.get(key, key)
    if key in SERVICE_TYPES:
        return SERVICE_TYPES[key]
    known = sorted(SERVICE_TYPES)
    raise UnknownName("service type", text.strip(), difflib.get_close_matches(key, known) or known)


# -- distributions --------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    group: str  # "England", a council's, region's or sector's name
    group_key: str  # stable, for links: "england", "council:12", "sector:private"
    rating: str  # a Rating code, "not_yet_inspected" or "total"
    label: str
    count: int  # services; beds or places in a weighted figure
    pct_incl_nyi: Decimal | None  # None when too few ratings are known to give it
    pct_excl_nyi: Decimal | None  # None in the Not yet inspected row, or when refused
    service_ids: tuple[int, ...]  # the services behind the count


@dataclass(frozen=True)
class Distribution:
    group: str
    group_key: str
    rows: tuple[FigureRow, ...]  # in ROWS order
    measure: str = "services"  # or "beds", "places"
    not_rated: int = 0  # of the Not yet inspected row, services CQC gave 'not rated'
    without_weight: int = 0  # in a weighted figure, services whose beds/places are unknown
    # Services registered then whose rating then is not known: left out of every row.
    not_known_ids: tuple[int, ...] = ()

    def row(self, rating) -> FigureRow:
        return self.rows[ROWS.index(rating)]

    @property
    def not_known(self) -> int:
        return len(self.not_known_ids)

    @property
    def refused(self) -> bool:
        """Most services' ratings are not known: no percentage would mean anything."""
        return refuse_percentages(known=self.row(TOTAL).service_ids, not_known=self.not_known)

    @property
    def total(self) -> int:
        return self.rows[-1].count

    @property
    def rated(self) -> int:
        return self.total - self.row(NOT_YET_INSPECTED).count


def distribution(group, group_key, services, *, weight=None, measure="services") -> Distribution:
    """How `services` (anything with `id` and `rating`) spread over the ratings.

    With `weight` (service -> number or None), each counts for its beds or places instead
    of one; those with none known count for nothing and are reported in `without_weight`.
    """
    ids = {code: [] for code in ROWS}
    amounts = dict.fromkeys(ROWS, 0)
    not_rated = without_weight = 0
    not_known = []
    for service in services:
        if not getattr(service, "rating_known", True):
            not_known.append(service.id)
            continue
        code = service.rating if service.rating in RATINGS else NOT_YET_INSPECTED
        if service.rating == Rating.NOT_RATED:
            not_rated += 1
        amount = 1
        if weight is not None:
            amount = weight(service)
            if amount is None:
                without_weight += 1
                amount = 0
        for row in (code, TOTAL):
            ids[row].append(service.id)
            amounts[row] += amount
    total = amounts[TOTAL]
    rated = total - amounts[NOT_YET_INSPECTED]
    refused = refuse_percentages(known=ids[TOTAL], not_known=len(not_known))
    rows = []
    for code in ROWS:
        if code == NOT_YET_INSPECTED or refused:
            excl = None
        elif code == TOTAL:
            excl = percentage(rated, rated)
        else:
            excl = percentage(amounts[code], rated)
        rows.append(
            FigureRow(
                group=group,
                group_key=group_key,
                rating=code,
                label=ROW_LABELS[code],
                count=amounts[code],
                pct_incl_nyi=None if refused else percentage(amounts[code], total),
                pct_excl_nyi=excl,
                service_ids=tuple(sorted(ids[code])),
            )
        )
    return Distribution(
        group=group,
        group_key=group_key,
        rows=tuple(rows),
        measure=measure,
        not_rated=not_rated,
        without_weight=without_weight,
        not_known_ids=tuple(sorted(not_known)),
    )


def refuse_percentages(*, known, not_known) -> bool:
    """Whether to give no percentages: when the services whose rating is not known are as
    many as those whose rating is (any share would describe a minority as the whole)."""
    known = known if isinstance(known, int) else len(known)
    return not_known > 0 and not_known >= known


def caveats(figures) -> list[str]:
    """Sentences a figure must carry wherever it is shown: the convention, what is not known."""
    found = [convention_note(figures.convention, figures.as_at)]
    whole = figures.whole
    if whole.not_known:
        found.append(not_known_note(whole, figures.as_at))
    return [sentence for sentence in found if sentence]


def convention_note(convention, as_at) -> str:
    if as_at is None:
        return ""  # the current register: each regulator's latest, whatever the convention
    if convention == STATISTICS:
        return (
            f"A rating counts {CONVENTIONS[STATISTICS]}: inspected by {day(as_at)} and "
            f"published by {day(statistics_cutoff(as_at))}."
        )
    return f"A rating counts {CONVENTIONS[PUBLICATION]}."


def not_known_note(whole, as_at) -> str:
    n = whole.not_known
    services = "service" if n == 1 else "services"
    why = (
        f"first listed by a regulator's file dated after {day(as_at)}, which does not show "
        f"the rating then: the earliest rating a file gives is later (an earlier one no "
        f"imported file shows may have stood), or, before the earliest file, no file gives "
        f"the registration date"
    )
    if whole.refused and not whole.total:
        return (
            f"No rating on {day(as_at)} is known: each of the {n:,} {services} was {why}. "
            f"No figures are given."
        )
    if whole.refused:
        return (
            f"Most ratings on {day(as_at)} are not known: {n:,} of the {n + whole.total:,} "
            f"{services} were {why}. No percentages are given; the counts are of the "
            f"{whole.total:,} whose rating is known."
        )
    return (
        f"{n:,} {services} {'is' if n == 1 else 'are'} left out because "
        f"{'its' if n == 1 else 'their'} rating on {day(as_at)} is not known: "
        f"{'it was' if n == 1 else 'each was'} {why}. Counts and percentages are of the "
        f"{whole.total:,} whose rating is known."
    )


def day(date) -> str:
    """GOV.UK style: 5 January 2024."""
    return f"{date.day} {date:%B %Y}"


@dataclass(frozen=True)
class Figures:
    """One benchmark: a service type over an area, on a date, perhaps broken down."""

    service_type: ServiceTypeChoice
    area: Area
    as_at: datetime.date | None  # None: the current register
    by: str | None
    measure: str  # "services", "beds" or "places"
    whole: Distribution  # the area as a whole
    groups: tuple[Distribution, ...] = ()  # one per council, region or sector when `by`
    convention: str = PUBLICATION  # when a rating counts: see asat.CONVENTIONS

    @property
    def caveats(self) -> list[str]:
        return caveats(self)

    @property
    def rows(self) -> list[FigureRow]:
        """Every group's rows, then the whole area's: one row per group and rating."""
        return [row for d in (*self.groups, self.whole) for row in d.rows]

    def distribution_for(self, group_key) -> Distribution:
        for d in (*self.groups, self.whole):
            if d.group_key == group_key:
                return d
        raise KeyError(group_key)

    def service_ids(self, group_key, rating) -> tuple[int, ...]:
        """The services behind one count, for a page that lists them."""
        if rating == NOT_KNOWN:
            return self.distribution_for(group_key).not_known_ids
        return self.distribution_for(group_key).row(rating).service_ids


@dataclass(frozen=True)
class _Selection:
    service_type: ServiceTypeChoice
    area: Area

    def condition(self):
        return self.service_type.condition() & self.area.condition()

    def admits(self, service):
        return self.service_type.admits(service) and self.area.admits(service)

    def candidates(self, register):
        """The few services of a RegisterThen that this could admit: the smaller of those
        of its type and those of its area."""
        pools = []
        if self.service_type.care_home:
            pools.append(register.care_homes)
        elif self.service_type.types:
            pools.append(register.offering(self.service_type.types))
        if self.area.council_ids is not None:
            pools.append(register.in_councils(self.area.council_ids))
        elif self.area.region_id is not None:
            pools.append(register.in_region(self.area.region_id))
        return min(pools, key=len) if pools else register.services


def services_in(service_type: ServiceTypeChoice, area: Area, as_at=None, convention=PUBLICATION):
    """The services (as they stood on `as_at`, None: now) of a type in an area."""
    selection = _Selection(service_type, area)
    return register_as_at(as_at, selection=selection, convention=convention)


def rating_figures(
    service_type, area: Area, *, by=None, as_at=None, weighted=False, convention=PUBLICATION
) -> Figures:
    """The rating distribution of `service_type` (a key or ServiceTypeChoice) over `area`.

    `by`: None, "council", "region" or "sector". `weighted`: count beds (places for
    children's services) instead of services. `convention`: when a rating counts,
    PUBLICATION (the default) or STATISTICS (see asat.CONVENTIONS).
    """
    if isinstance(service_type, str):
        service_type = service_type_named(service_type)
    if by is not None and by not in BREAKDOWNS:
        raise ValueError(f"Cannot break figures down by '{by}': use one of {BREAKDOWNS}")
    if convention not in CONVENTIONS:
        raise ValueError(f"No convention '{convention}': use one of {tuple(CONVENTIONS)}")
    services = services_in(service_type, area, as_at, convention)
    measure = service_type.measure if weighted else "services"
    weight = _weight if weighted else None
    whole = distribution(area.label, area.key, services, weight=weight, measure=measure)
    groups = ()
    if by is not None and not _single_council(area, by):
        groups = tuple(
            distribution(label, key, members, weight=weight, measure=measure)
            for label, key, members in _breakdown(services, by, area)
        )
    return Figures(
        service_type=service_type,
        area=area,
        as_at=as_at,
        by=by,
        measure=measure,
        whole=whole,
        groups=groups,
        convention=convention,
    )


def _single_council(area, by):
    """An area of exactly one council broken down by council: its one row is the whole.

    Shown once, under the area's own name (our council profile's name, say), not twice.
    """
    return by == "council" and area.council_ids is not None and len(area.council_ids) == 1


def services_behind(
    service_type, area: Area, group_key, rating, *, by=None, as_at=None, convention=PUBLICATION
) -> tuple[int, ...]:
    """The ids of the services behind one count of `rating_figures(…)` with these arguments.

    For a page that lists them: its link carries the figure's arguments, the group's key
    and the row's rating ("total" for all of them, "not_known" for those left out).
    """
    figures = rating_figures(service_type, area, by=by, as_at=as_at, convention=convention)
    return figures.service_ids(group_key, rating)


def _weight(service):
    return service.places if service.regulator == Regulator.OFSTED else service.beds


def _breakdown(services, by, area):
    """[(label, key, services)] for each council, region or sector, in display order."""
    field = {"council": "council_id", "region": "region_id", "sector": "sector"}[by]
    members = {}
    for service in services:
        members.setdefault(getattr(service, field), []).append(service)
    if by == "sector":
        order = [s.value for s in Sector if s.value in members]
        return [(Sector(code).label, f"sector:{code}", members[code]) for code in order]

    model = Council if by == "council" else Region
    names = dict(model.objects.filter(pk__in=[k for k in members if k]).values_list("pk", "name"))
    keys = [k for k in members if k is not None]
    if by == "council" and area.council_ids is not None:
        # A chosen list of councils keeps its order, and a column for one with none.
        listed = list(area.council_ids)
        names.update(
            Council.objects.filter(pk__in=listed).exclude(pk__in=names).values_list("pk", "name")
        )
        keys = listed + sorted((k for k in keys if k not in listed), key=lambda k: names[k])
    else:
        keys.sort(key=lambda k: names[k])
    found = [(names[k], f"{by}:{k}", members.get(k, [])) for k in keys]
    if None in members:
        found.append((f"{by.capitalize()} not known", f"{by}:none", members[None]))
    return found


# -- bed-weighted figures -------------------------------------------------------------------


@dataclass(frozen=True)
class BedShare:
    """The share of an area's beds (places) in services rated Requires improvement or worse."""

    group: str
    group_key: str
    measure: str  # "beds" or "places"
    total: int
    requires_improvement_or_inadequate: int
    not_yet_inspected: int
    share_incl_nyi: Decimal | None  # None: too few ratings known to give it
    share_excl_nyi: Decimal | None
    without_weight: int  # services whose beds (places) are not known, counted as none
    service_ids: tuple[int, ...]  # the services rated Requires improvement or Inadequate
    not_known: int = 0  # services registered then whose rating then is not known


def bed_share(weighted: Distribution) -> BedShare:
    poor = sum(weighted.row(code).count for code in POOR)
    nyi = weighted.row(NOT_YET_INSPECTED).count
    return BedShare(
        group=weighted.group,
        group_key=weighted.group_key,
        measure=weighted.measure,
        total=weighted.total,
        requires_improvement_or_inadequate=poor,
        not_yet_inspected=nyi,
        share_incl_nyi=None if weighted.refused else percentage(poor, weighted.total),
        share_excl_nyi=None if weighted.refused else percentage(poor, weighted.total - nyi),
        without_weight=weighted.without_weight,
        service_ids=tuple(sorted(i for code in POOR for i in weighted.row(code).service_ids)),
        not_known=weighted.not_known,
    )


def bed_shares(
    service_type, area: Area, *, by="council", as_at=None, convention=PUBLICATION
) -> list[BedShare]:
    """Each council's (region's, sector's) bed share, then the whole area's."""
    figures = bed_share_figures(service_type, area, by=by, as_at=as_at, convention=convention)
    return [bed_share(d) for d in (*figures.groups, figures.whole)]


def bed_share_figures(
    service_type, area: Area, *, by="council", as_at=None, convention=PUBLICATION
):
    """The weighted figures behind `bed_shares`, for their caveats."""
    return rating_figures(
        service_type, area, by=by, as_at=as_at, weighted=True, convention=convention
    )
