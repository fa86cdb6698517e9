"""What the regulators' later files changed about a service or a rating, and as at which date.

The register keeps only current values: a home that moved council, a setting Ofsted now
calls a residential special school, a judgement Ofsted revised for the same inspection, a
rating withdrawn and later given again. The imports' audit trail holds each such change
with the run that made it, so the value on any date can be read back: the newest value
set by a file dated on or before it, else the value before the first change. Changes made
by hand are not history but corrections, so only imports' changes count.

Read once per state of the imports and kept in memory: it changes only when a file is
imported.
"""

import datetime
import threading
from dataclasses import dataclass, field

from django.db.models import Count, Max

from careqa.audit.models import AuditEvent
from careqa.providers.models import PublishedRating
from careqa.regulators.models import ImportRun

# The service fields that place a service in a figure: area, type, size, sector.
SERVICE_FIELDS = (
    "council_id",
    "region_id",
    "service_types",
    "care_home",
    "sector",
    "beds",
    "places",
)
# The rating fields that decide what it said and whether it stood.
RATING_FIELDS = ("overall", "withdrawn_on")
_DATE_FIELDS = frozenset(("withdrawn_on",))
# Ids per query: well inside every database's limit on parameters.
_CHUNK = 900


@dataclass(frozen=True)
class Revision:
    on: datetime.date  # the snapshot date of the file that made the change
    order: int  # the audit event's id: orders two changes made on one date
    old: object
    new: object


@dataclass(frozen=True)
class ImportHistory:
    """Each regulator's import snapshot dates, and what its files changed when."""

    snapshots: dict = field(default_factory=dict)  # regulator -> dates of every import
    full_snapshots: dict = field(default_factory=dict)  # regulator -> dates of full files
    services: dict = field(default_factory=dict)  # service id -> field -> revisions
    ratings: dict = field(default_factory=dict)  # rating id -> field -> revisions
    rating_services: frozenset = frozenset()  # services with a revised rating

    def first_import(self, regulator) -> datetime.date | None:
        dates = self.snapshots.get(regulator, ())
        return dates[0] if dates else None

    def last_full_snapshot(self, regulator, as_at) -> datetime.date | None:
        """The latest full file dated on or before `as_at`: what the register said then."""
        earlier = [d for d in self.full_snapshots.get(regulator, ()) if d <= as_at]
        return earlier[-1] if earlier else None

    def moved_services(self, fields=SERVICE_FIELDS) -> set[int]:
        return {pk for pk, changes in self.services.items() if any(f in changes for f in fields)}


def value_at(revisions, as_at, current):
    """The value on `as_at` of a field with these revisions (oldest first) and this value now."""
    value = revisions[0].old if revisions else current
    for revision in revisions:
        if revision.on > as_at:
            break
        value = revision.new
    return value


_cache_lock = threading.Lock()
_cache: dict = {}


def import_history() -> ImportHistory:
    """The history for the imports as they stand now (read again after any new import)."""
    state = tuple(
        ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED)
        .aggregate(n=Count("id"), last=Max("id"), finished=Max("finished_at"))
        .values()
    )
    with _cache_lock:
        cached = _cache.get("history")
        if cached is not None and cached[0] == state:
            return cached[1]
    history = _read_history() if state[0] else ImportHistory()
    with _cache_lock:
        _cache["history"] = (state, history)
    return history


def _read_history() -> ImportHistory:
    runs = {}
    snapshots, full = {}, {}
    for pk, regulator, snapshot, full_register in (
        ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED)
        .exclude(snapshot_date=None)
        .order_by("snapshot_date", "id")
        .values_list("pk", "regulator", "snapshot_date", "full_register")
    ):
        runs[pk] = snapshot
        if snapshot not in snapshots.setdefault(regulator, ()):
            snapshots[regulator] += (snapshot,)
        if full_register and snapshot not in full.setdefault(regulator, ()):
            full[regulator] += (snapshot,)

    services = _revisions("providers.service", SERVICE_FIELDS, runs)
    ratings = _revisions("providers.publishedrating", RATING_FIELDS, runs)
    revised = list(ratings)
    rating_services = frozenset(
        service_id
        for start in range(0, len(revised), _CHUNK)
        for service_id in PublishedRating.objects.filter(
            pk__in=revised[start : start + _CHUNK]
        ).values_list("service_id", flat=True)
    )
    return ImportHistory(
        snapshots=snapshots,
        full_snapshots=full,
        services=services,
        ratings=ratings,
        rating_services=rating_services,
    )


def _revisions(record_type, fields, runs):
    found = {}
    events = (
        AuditEvent.objects.filter(record_type=record_type, import_run_id__isnull=False)
        .exclude(action=AuditEvent.Action.CREATED)
        .filter(changes__has_any_keys=list(fields))
        .order_by("id")
        .values_list("id", "record_id", "import_run_id", "changes")
    )
    for event_id, record_id, run_id, changes in events:
        snapshot = runs.get(run_id)
        if snapshot is None:
            continue
        for name in fields:
            if name in changes:
                old, new = changes[name]
                revision = Revision(snapshot, event_id, _decode(name, old), _decode(name, new))
                found.setdefault(record_id, {}).setdefault(name, []).append(revision)
    for by_field in found.values():
        for name, revisions in by_field.items():
            by_field[name] = tuple(sorted(revisions, key=lambda r: (r.on, r.order)))
    return found


def _decode(name, value):
    if name in _DATE_FIELDS and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value
