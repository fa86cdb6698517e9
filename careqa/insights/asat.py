"""The register as at any date: which services were registered then, and the rating each held.

Rebuilt from what the imports recorded in three SQL queries, never a query per service:
the services with the rating each held (a correlated subquery that the (service, rated_on)
index answers), split into those plainly registered and those whose listing history must
be followed, and the few deregistration and relisting events; then, per row in memory:

- registered: listed by a file on or before the date (`first_seen_on`) and not deregistered
  by then, following the deregistered/listed-again events of services that left and came
  back; before a regulator's first import, the registration dates stand instead;
- the rating held: the latest (by `rated_on`) of the service's published ratings that stood
  on the date (see `rating_stood`);
- the council, region, type, sector and beds or places it had then, and any judgement Ofsted
  later revised, from the imports' audit trail (see revisions.py); these touch few services
  and are applied to the rows in memory.

- before the file that first listed a service (before its regulator's first import, or
  counted from a later file's registration date), its rating then is known only if a rating
  we hold is dated on or before the date (the files give the latest rating, so that one
  stood); with only later ratings it may have held one no file shows: "not known"
  (`rating_before_listing`), never "not yet inspected".

Two conventions for when a rating counts: from its publication (CareQA's default: what the
regulator's register said that day), or the regulators' own for official statistics, from
its inspection date when published by the statistics' cut-off (`statistics_cutoff`).

With no date, the current register: active services and their current ratings.
"""

import contextvars
import datetime
import threading
from contextlib import contextmanager
from typing import NamedTuple

from django.db.models import Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from careqa.insights.revisions import ImportHistory, import_history, value_at
from careqa.providers.models import ChangeEvent, PublishedRating, Service
from careqa.providers.vocab import Regulator

_DEREGISTERED = ChangeEvent.Kind.DEREGISTERED
_RELISTED = ChangeEvent.Kind.REACTIVATED
# Beyond this many services with a changed area or type, narrowing the query by id costs
# more than reading every registered service and choosing in memory.
_MOST_IDS_IN_QUERY = 5000
# Ids per query when reading a few services' ratings: inside every database's limit.
_CHUNK = 900

PUBLICATION = "publication"
STATISTICS = "statistics"
CONVENTIONS = {
    PUBLICATION: "from its publication date (what the regulator's register said that day)",
    STATISTICS: "from its inspection date when published by the statistics' cut-off (the "
    "regulators' convention for official statistics)",
}


def statistics_cutoff(as_at: datetime.date) -> datetime.date:
    """The last day of the month after `as_at`: Ofsted's figures 'as at 31 August' count
    inspections carried out by then and published by 30 September."""
    first_of_next = (as_at.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return (first_of_next + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


class ServiceThen(NamedTuple):
    """A service as it stood on the date: where it was, what it was, the rating it held."""

    id: int
    regulator: str
    council_id: int | None
    region_id: int | None
    service_types: str
    care_home: bool
    sector: str
    beds: int | None
    places: int | None
    rating: str | None  # None: not yet inspected (or not known, below)
    # False: before the first file that listed it, and only later ratings are known.
    rating_known: bool = True

    def offers(self, service_type) -> bool:
        return f" {service_type} " in self.service_types


_COLUMNS = (
    "id",
    "regulator",
    "council_id",
    "region_id",
    "service_types",
    "care_home",
    "sector",
    "beds",
    "places",
)
_REGISTRATION = (
    "first_seen_on",
    "active",
    "deactivated_on",
    "registration_start",
    "registration_end",
)
_MOVABLE = ("council_id", "region_id", "service_types", "care_home", "sector", "beds", "places")
# The fields that decide whether a selection admits a service.
_ADMITTING = ("council_id", "region_id", "service_types", "care_home")
# A file that gave no area (Ofsted 2015's joint regions) does not mean the service had none.
_KEEP_CURRENT_IF_BLANK = frozenset(("council_id", "region_id"))


def register_as_at(
    as_at: datetime.date | None = None, *, selection=None, convention=PUBLICATION
) -> list[ServiceThen]:
    """The services registered on `as_at` (None: now) that `selection` admits.

    `selection` has `condition()`, a Q on Service's current fields that every service it
    could admit on any date passes (it narrows the query), and `admits(service_then)`,
    the test on the values as they stood. `convention`: PUBLICATION or STATISTICS.

    On a date, the whole register then is rebuilt once and kept (see `_whole_register`):
    a page or report asks for it for many areas and service types.
    """
    whole = _whole_register(as_at, convention)
    if selection is None:
        return list(whole.services)
    candidates = getattr(selection, "candidates", None)
    pool = candidates(whole) if candidates is not None else whole.services
    return [service for service in pool if selection.admits(service)]


class RegisterThen:
    """The whole register on a date, with the services by type, council and region, so that
    each figure reads only the services it could count."""

    def __init__(self, services):
        self.services = tuple(services)
        self.care_homes = tuple(s for s in self.services if s.care_home)
        self.by_type, self.by_council, self.by_region = {}, {}, {}
        for service in self.services:
            for code in service.service_types.split():
                self.by_type.setdefault(code, []).append(service)
            self.by_council.setdefault(service.council_id, []).append(service)
            self.by_region.setdefault(service.region_id, []).append(service)

    def offering(self, codes):
        if len(codes) == 1:
            return self.by_type.get(codes[0], ())
        seen = {}
        for code in codes:
            for service in self.by_type.get(code, ()):
                seen.setdefault(service.id, service)
        return list(seen.values())

    def in_councils(self, council_ids):
        return [s for pk in dict.fromkeys(council_ids) for s in self.by_council.get(pk, ())]

    def in_region(self, region_id):
        return self.by_region.get(region_id, ())


@contextmanager
def one_state_of_the_register():
    """Within this block (one page, download or report), the register's state is read once:
    every figure then uses the same register on each date, and no time goes on checking."""
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


_request_memo = contextvars.ContextVar("insights_register_state", default=None)


# The registers of the last few dates asked for, while nothing they are built from changes.
_MOST_REGISTERS = 8
_registers: dict = {}
_registers_lock = threading.Lock()


def _register_state(history):
    """What a register as at a date is built from: the imports' history, and the services,
    ratings and listing events as they stand (an edit by hand changes them too)."""
    # Latest values only, each read from an index (a count would read every row, on every
    # page): the register's rows are never deleted, and an import shows in the history.
    # One aggregate a query: SQLite answers a lone MAX from the index, two together by a scan.
    latest = [
        model.objects.aggregate(value=Max(field))["value"]
        for model, field in (
            (Service, "id"),
            (Service, "updated_at"),
            (PublishedRating, "id"),
            (PublishedRating, "withdrawn_on"),
            (ChangeEvent, "id"),
        )
    ]
    return (id(history), *latest)


def _whole_register(as_at, convention) -> RegisterThen:
    memo = _request_memo.get()
    if memo is not None and "state" in memo:
        history, state = memo["history"], memo["state"]
    else:
        history = import_history()
        state = _register_state(history)
        if memo is not None:
            memo.update(history=history, state=state)
    key = (as_at, PUBLICATION if as_at is None else convention)
    with _registers_lock:
        cached = _registers.get(key)
        if cached is not None and cached[0] == state and cached[1] is history:
            return cached[2]
    whole = RegisterThen(_register_on(as_at, None, convention, history))
    with _registers_lock:
        _registers[key] = (state, history, whole)
        while len(_registers) > _MOST_REGISTERS:
            _registers.pop(next(iter(_registers)))
    return whole


def _register_on(as_at, selection, convention, history) -> list[ServiceThen]:
    """The register on `as_at`, rebuilt from the database (see the module's docstring)."""
    if as_at is None:
        services = Service.objects.filter(active=True)
        if selection is not None:
            services = services.filter(selection.condition())
        rows = services.order_by().values_list(*_COLUMNS, "rating")
        return [ServiceThen(*row) for row in rows]
    first_imports = {r: history.first_import(r) for r in Regulator.values}
    services = Service.objects.all()
    if selection is not None:
        moved = history.moved_services(_ADMITTING)
        if len(moved) <= _MOST_IDS_IN_QUERY:
            services = services.filter(selection.condition() | Q(pk__in=sorted(moved)))
    services = services.annotate(
        rating_then=rating_then(as_at, history, convention=convention)
    ).order_by()

    # Most services were listed by a file by then and never deregistered: the database
    # tells those apart on its own. The rest (deregistered or relisted at some time,
    # entered by hand, first listed after the date, or the date is before their
    # regulator's first file) are judged here.
    listing_events = ChangeEvent.objects.filter(kind__in=(_DEREGISTERED, _RELISTED))
    before_files = [r for r, first in first_imports.items() if first and as_at < first]
    judged_here = (
        Q(first_seen_on__isnull=True)
        | Q(first_seen_on__gt=as_at, registration_start__lte=as_at)
        | Q(regulator__in=before_files)
        | Q(pk__in=listing_events.values("service_id"))
    )
    plainly_registered = (
        Q(first_seen_on__lte=as_at) & (Q(active=True) | Q(deactivated_on__gt=as_at)) & ~judged_here
    )
    rows = list(services.filter(plainly_registered).values_list(*_COLUMNS, "rating_then"))
    events = _listing_events()
    width = len(_COLUMNS) + 1
    before_listing = set()
    for row in services.filter(judged_here).values_list(*_COLUMNS, "rating_then", *_REGISTRATION):
        first_seen_on, active, deactivated_on, start, end = row[width:]
        if registered_on(
            as_at,
            first_seen_on=first_seen_on,
            active=active,
            deactivated_on=deactivated_on,
            registration_start=start,
            registration_end=end,
            listing_events=events.get(row[0], ()),
            first_import=first_imports.get(row[1]),
        ):
            rows.append(row[:width])
            if first_seen_on is not None and first_seen_on > as_at:
                before_listing.add(row[0])
        elif registration_not_known(
            as_at,
            first_seen_on=first_seen_on,
            registration_start=start,
            registration_end=end,
            first_import=first_imports.get(row[1]),
        ):
            rows.append((*row[: width - 1], None, False))

    found = []
    for row in rows:
        service = ServiceThen(*row)
        changes = history.services.get(service.id)
        if changes:
            service = _as_it_was(service, changes, as_at)
        if selection is None or selection.admits(service):
            found.append(service)
    if history.rating_services:
        found = _with_revised_ratings(found, as_at, history, convention)
    if before_listing:
        found = _with_ratings_before_listing(found, as_at, before_listing, convention)
    return found


def ratings_as_at(as_at: datetime.date, service_ids=None) -> dict[int, str | None]:
    """{service id: rating code held on `as_at`, or None} for the services registered then."""
    services = register_as_at(as_at)
    if service_ids is not None:
        wanted = set(service_ids)
        services = [s for s in services if s.id in wanted]
    return {s.id: s.rating for s in services}


def _as_it_was(service, changes, as_at):
    values = {}
    for name in _MOVABLE:
        revisions = changes.get(name)
        if not revisions:
            continue
        current = getattr(service, name)
        value = value_at(revisions, as_at, current)
        if value is None and name in _KEEP_CURRENT_IF_BLANK:
            value = current
        if value != current:
            values[name] = value
    return service._replace(**values) if values else service


# -- registration ---------------------------------------------------------------------------


def registered_on(
    as_at,
    *,
    first_seen_on,
    active,
    deactivated_on,
    registration_start,
    registration_end,
    listing_events=(),
    first_import=None,
) -> bool:
    """Whether a service was on the register on `as_at`.

    `listing_events` are its (date, kind) deregistrations and relistings, oldest first;
    `first_import` the date of its regulator's first imported file.
    """
    if first_seen_on is None:
        # Never listed by an import (entered by hand): its registration dates, and whether
        # it has been taken off the register, say it all.
        return _within_registration(as_at, registration_start, registration_end, True) and (
            active or (deactivated_on is not None and deactivated_on > as_at)
        )
    if first_import is not None and as_at < first_import:
        # Before the regulator's first file, only the registration dates say anything.
        return _within_registration(as_at, registration_start, registration_end, False)
    if first_seen_on > as_at:
        # First listed by a later file, whose registration date may say it was registered
        # then (a yearly file lists only some of the settings registered since the last).
        # It cannot have been deregistered before it was first listed.
        return _within_registration(as_at, registration_start, registration_end, False)
    # The latest deregistration or relisting on or before the date decides; with none, the
    # next one after it does (a deregistration then means it was still registered); with
    # none at all, it has stayed listed since first seen, unless a file gave it as inactive.
    latest = next_one = None
    for occurred_on, kind in listing_events:
        if occurred_on <= as_at:
            latest = kind
        elif next_one is None:
            next_one = kind
    if latest is not None:
        return latest == _RELISTED
    if next_one is not None:
        return next_one == _DEREGISTERED
    return active or (deactivated_on is not None and deactivated_on > as_at)


def registration_not_known(
    as_at, *, first_seen_on, registration_start, registration_end, first_import
) -> bool:
    """Whether no file can say if a service was registered on `as_at`: it is listed by its
    regulator's first file, dated after `as_at`, and no file gives its registration date.
    Such a service is counted as not known, never left out unsaid nor counted as inspected
    or not."""
    return (
        first_import is not None
        and as_at < first_import
        and first_seen_on == first_import
        and registration_start is None
        and (registration_end is None or registration_end > as_at)
    )


def _within_registration(as_at, start, end, unknown_start_is_before):
    started = unknown_start_is_before if start is None else start <= as_at
    return started and (end is None or end > as_at)


def _listing_events():
    """{service id: [(date, kind), …]} of deregistrations and relistings, oldest first."""
    events = {}
    for service_id, occurred_on, kind in (
        ChangeEvent.objects.filter(kind__in=(_DEREGISTERED, _RELISTED))
        .order_by("occurred_on", "id")
        .values_list("service_id", "occurred_on", "kind")
    ):
        events.setdefault(service_id, []).append((occurred_on, kind))
    return events


# -- ratings --------------------------------------------------------------------------------


def rating_stood(as_at, history: ImportHistory) -> Q:
    """A filter on PublishedRating: this rating stood on `as_at` (unless a later one did).

    `stood` is the same rule on plain values; a test holds the two together.
    """
    since_last_file = Q()
    for regulator in Regulator.values:
        last = history.last_full_snapshot(regulator, as_at)
        if last is None:
            since_last_file |= Q(regulator=regulator)
        else:
            since_last_file |= Q(regulator=regulator, rated_on__gt=last)
    by_own_date = Q(rated_on__lte=as_at) & (Q(listed_on__isnull=True) | since_last_file)
    return (Q(listed_on__lte=as_at) | by_own_date) & (
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=as_at)
    )


def stood(*, rated_on, listed_on, withdrawn_on, as_at, last_full_file) -> bool:
    """Whether a rating stood on `as_at`.

    It stands from the day a file first carried it (a file dated 31 March can carry a report
    published in April), or from its own date; but not from its own date if a full file
    dated between then and `as_at` gave an earlier rating instead (the regulator's register
    said otherwise until a later file carried it). It stops standing when a file dated on
    or before `as_at` no longer gave it (withdrawn).
    """
    if withdrawn_on is not None and withdrawn_on <= as_at:
        return False
    if listed_on is not None and listed_on <= as_at:
        return True
    if rated_on > as_at:
        return False
    return listed_on is None or last_full_file is None or rated_on > last_full_file


def rating_stood_by_statistics(as_at, cutoff) -> Q:
    """A filter on PublishedRating annotated with `inspection_day`: by the statistics'
    convention, this rating stood on `as_at` (unless a later one did). See `stood_by_statistics`.
    """
    return (
        Q(inspection_day__lte=as_at)
        & (Q(published__isnull=True) | Q(published__lte=cutoff))
        & (Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=as_at))
    )


def stood_by_statistics(*, inspected, rated_on, published, withdrawn_on, as_at, cutoff) -> bool:
    """The regulators' convention for official statistics: a rating counts from the day of
    its inspection if it was published by the cut-off (and not withdrawn by `as_at`)."""
    if withdrawn_on is not None and withdrawn_on <= as_at:
        return False
    if (inspected or rated_on) > as_at:
        return False
    return published is None or published <= cutoff


def rating_then(as_at, history: ImportHistory, *, convention=PUBLICATION):
    """A Subquery for Service: the overall rating held on `as_at` (None: not yet inspected)."""
    if convention == STATISTICS:
        standing = (
            PublishedRating.objects.annotate(inspection_day=Coalesce("inspected", "rated_on"))
            .filter(rating_stood_by_statistics(as_at, statistics_cutoff(as_at)))
            .filter(service=OuterRef("pk"))
            .order_by("-inspection_day", "-rated_on")
        )
        return Subquery(standing.values("overall")[:1])
    standing = PublishedRating.objects.filter(rating_stood(as_at, history), service=OuterRef("pk"))
    return Subquery(standing.order_by("-rated_on").values("overall")[:1])


def rating_before_listing(as_at, ratings, *, convention=PUBLICATION, cutoff=None):
    """(rating code or None, known) on `as_at` of a service no file dated by then listed.

    `ratings` are the service's (rated_on, inspected, published, overall), every one we
    hold. A file gives a service's latest rating, so one dated on or before `as_at` (by the
    convention) stood then: known. Holding only later ones, it may have had an earlier
    rating no file shows: not known. Holding none, no file ever gave it one: not yet
    inspected, known.
    """
    if not ratings:
        return None, True
    if convention == STATISTICS:
        cutoff = cutoff or statistics_cutoff(as_at)
        standing = [
            ((inspected or rated_on), rated_on, overall)
            for rated_on, inspected, published, overall in ratings
            if (inspected or rated_on) <= as_at and (published is None or published <= cutoff)
        ]
    else:
        standing = [
            (rated_on, rated_on, overall)
            for rated_on, _inspected, _published, overall in ratings
            if rated_on <= as_at
        ]
    if not standing:
        return None, False
    return max(standing)[2], True


def _with_ratings_before_listing(services, as_at, service_ids, convention):
    by_service = {}
    wanted = sorted(service_ids & {s.id for s in services})
    for start in range(0, len(wanted), _CHUNK):
        for service_id, *rating in PublishedRating.objects.filter(
            service_id__in=wanted[start : start + _CHUNK]
        ).values_list("service_id", "rated_on", "inspected", "published", "overall"):
            by_service.setdefault(service_id, []).append(tuple(rating))
    cutoff = statistics_cutoff(as_at)
    found = []
    for service in services:
        if service.id in service_ids:
            rating, known = rating_before_listing(
                as_at, by_service.get(service.id, ()), convention=convention, cutoff=cutoff
            )
            service = service._replace(rating=rating, rating_known=known)
        found.append(service)
    return found


def _with_revised_ratings(services, as_at, history, convention=PUBLICATION):
    """Redo, with the values they had then, the ratings of services whose ratings changed."""
    affected = [s.id for s in services if s.id in history.rating_services and s.rating_known]
    if not affected:
        return services
    by_service = {}
    for start in range(0, len(affected), _CHUNK):
        for row in PublishedRating.objects.filter(
            service_id__in=affected[start : start + _CHUNK]
        ).values(
            "id",
            "service_id",
            "regulator",
            "rated_on",
            "listed_on",
            "withdrawn_on",
            "overall",
            "inspected",
            "published",
        ):
            by_service.setdefault(row["service_id"], []).append(row)
    held = {}
    cutoff = statistics_cutoff(as_at)
    for service_id, ratings in by_service.items():
        best = None
        for row in ratings:
            changes = history.ratings.get(row["id"], {})
            withdrawn_on = value_at(changes.get("withdrawn_on", ()), as_at, row["withdrawn_on"])
            if convention == STATISTICS:
                standing = stood_by_statistics(
                    inspected=row["inspected"],
                    rated_on=row["rated_on"],
                    published=row["published"],
                    withdrawn_on=withdrawn_on,
                    as_at=as_at,
                    cutoff=cutoff,
                )
                row = {**row, "order": (row["inspected"] or row["rated_on"], row["rated_on"])}
            else:
                standing = stood(
                    rated_on=row["rated_on"],
                    listed_on=row["listed_on"],
                    withdrawn_on=withdrawn_on,
                    as_at=as_at,
                    last_full_file=history.last_full_snapshot(row["regulator"], as_at),
                )
                row = {**row, "order": (row["rated_on"],)}
            if not standing:
                continue
            if best is None or row["order"] > best["order"]:
                best = {
                    **row,
                    "overall": value_at(changes.get("overall", ()), as_at, row["overall"]),
                }
        held[service_id] = best["overall"] if best else None
    return [s._replace(rating=held[s.id]) if s.id in held else s for s in services]
