"""Writes a parsed regulator file into the register, in bulk, inside the caller's transaction.

Reads everything it compares against in a handful of queries, decides in Python what is
new, changed or gone, then writes only the differences (with their audit and change
events). Fields a layout does not carry (UNSET) are never touched.
"""

from collections import defaultdict

from django.db import connection
from django.db.models import Max
from django.utils import timezone

from careqa.areas.models import Council, Region
from careqa.areas.names import canonical_region, council_key, region_key
from careqa.audit.actions import _plain
from careqa.audit.models import AuditEvent
from careqa.providers.models import ChangeEvent, Provider, PublishedRating, Service
from careqa.providers.vocab import RATING_RANK, Rating
from careqa.regulators import bulk
from careqa.regulators.models import ImportRun
from careqa.regulators.parsers import default_service_types
from careqa.regulators.records import PROVIDER_FIELDS, UNSET

# ServiceRecord fields stored as they are on Service.
SERVICE_DIRECT_FIELDS = (
    "name",
    "also_known_as",
    "street_address",
    "address_line_2",
    "city",
    "county",
    "postcode",
    "regulator_service_types",
    "care_home",
    "beds",
    "places",
    "sector",
    "user_bands",
    "specialisms",
    "registration_start",
    "registration_end",
    "dormant",
    "active",
    "phone",
    "website",
    "registered_manager",
    "inspection_directorate",
    "inspection_category",
    "latitude",
    "longitude",
    "last_checked",
)
RATING_FIELDS = (
    "published",
    "inspected",
    "overall",
    "overall_as_published",
    "safe",
    "effective",
    "caring",
    "responsive",
    "well_led",
    "experiences_progress",
    "help_protection",
    "leadership",
    "inherited",
    "report_type",
)
# What the audit trail records of a service an import creates (with council, region and
# provider, named).
SERVICE_AUDIT_FIELDS = (
    "location_id",
    "name",
    "street_address",
    "city",
    "postcode",
    "service_types",
    "care_home",
    "beds",
    "places",
    "sector",
    "registration_start",
    "active",
    "rating",
    "rating_published",
)


def _char_limits(model):
    return {
        f.attname: f.max_length
        for f in model._meta.concrete_fields
        if f.get_internal_type() == "CharField" and f.max_length
    }


SERVICE_LIMITS = _char_limits(Service)
PROVIDER_LIMITS = _char_limits(Provider)
RATING_LIMITS = _char_limits(PublishedRating)


def _clean(field, value, limits):
    limit = limits.get(field)
    if limit is not None:
        if value is None:
            return ""
        value = str(value)
        return value[:limit] if len(value) > limit else value
    return value


def write(parsed, *, run, by, progress=None):
    _RegisterWriter(parsed, run=run, by=by, progress=progress).write()


class _RegisterWriter:
    def __init__(self, parsed, *, run, by, progress):
        self.parsed = parsed
        self.run = run
        self.regulator = parsed.regulator
        self.progress = progress
        self.now = timezone.now()
        self.snapshot = parsed.snapshot_date or timezone.localdate()
        if by is None or isinstance(by, str):
            self.actor_id, self.actor_name = None, f"{self.regulator.upper()} import #{run.pk}"
        else:
            self.actor_id, self.actor_name = by.pk, by.get_full_name() or by.username
        self.audit = []
        self.change_events = []
        self.warnings = list(parsed.warnings)

    # -- the whole write -------------------------------------------------------------

    def write(self):
        latest = (
            ImportRun.objects.filter(regulator=self.regulator, status=ImportRun.Status.SUCCEEDED)
            .exclude(pk=self.run.pk)
            .exclude(snapshot_date=None)
            .aggregate(latest=Max("snapshot_date"))["latest"]
        )
        # An older snapshot than one already imported adds history, never overwrites.
        self.history_only = latest is not None and self.snapshot < latest
        if self.history_only:
            self.run.full_register = False
            self.warnings.append(
                f"This file is dated {self.snapshot:%d %B %Y}, before the latest "
                f"{self.regulator.upper()} import ({latest:%d %B %Y}): its ratings were added "
                "to the history, but it did not change current details or deactivate services."
            )
        # The first import of a regulator establishes the register: no change events then.
        self.baseline = Service.objects.filter(regulator=self.regulator).exists()

        self.council_ids, self.region_ids = self._resolve_places()
        self.provider_ids = self._upsert_providers()
        self._upsert_services()
        bulk.insert(AuditEvent, self.audit)
        self._audit_providers()
        bulk.insert(ChangeEvent, self.change_events)

        run = self.run
        run.rows = self.parsed.rows
        run.rejected = self.parsed.rejected
        run.skipped = self.parsed.skipped
        run.warnings = self.warnings[:200]

    def _report(self, done, total):
        if self.progress:
            self.progress("write", done, total)

    def _event(self, obj_type, obj_id, label, action, changes, note="", service_id=None):
        # The subject of the event (careqa.providers.subjects): the service, whose
        # provider is filled in after the insert, or the provider itself.
        if obj_type == "providers.service":
            service_id = obj_id
        self.audit.append(
            bulk.Row(
                occurred_at=self.now,
                actor_id=self.actor_id,
                actor_name=self.actor_name,
                action=action,
                record_type=obj_type,
                record_id=obj_id,
                record_label=str(label)[:300],
                changes=changes,
                import_run_id=self.run.pk,
                note=note,
                service_id=service_id,
                provider_id=obj_id if obj_type == "providers.provider" else None,
                sensitive={},
            )
        )

    def _audit_providers(self):
        """Each service event's provider, in one statement rather than a lookup a row."""
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_auditevent SET provider_id = (SELECT provider_id FROM "
                "providers_service s WHERE s.id = audit_auditevent.service_id) "
                "WHERE import_run_id = %s AND service_id IS NOT NULL",
                [self.run.pk],
            )

    def _change(self, service_id, kind, old="", new=""):
        if self.baseline:
            self.change_events.append(
                bulk.Row(
                    import_run_id=self.run.pk,
                    service_id=service_id,
                    kind=kind,
                    old_value=str(old or "")[:300],
                    new_value=str(new or "")[:300],
                    occurred_on=self.snapshot,
                )
            )

    # -- places ----------------------------------------------------------------------

    def _resolve_places(self):
        """Map each council and region spelling in the file to its row, creating new ones."""
        regions = dict(Region.objects.values_list("key", "id"))
        region_ids = {}
        for record in self.parsed.services:
            name = record.region_name
            if name is UNSET or not name or name in region_ids:
                continue
            key = region_key(name)
            if key not in regions:
                regions[key] = Region.objects.create(name=canonical_region(name), key=key).pk
            region_ids[name] = regions[key]

        councils = {
            key: [pk, region]
            for key, pk, region in Council.objects.values_list("key", "id", "region_id")
        }
        council_ids = {}
        for record in self.parsed.services:
            name = record.council_name
            if name is UNSET or not name:
                continue
            region_id = region_ids.get(record.region_name) if record.region_name else None
            if name in council_ids:
                continue
            key = council_key(name)
            if key not in councils:
                council = Council.objects.create(name=name.strip(), key=key, region_id=region_id)
                councils[key] = [council.pk, region_id]
            elif councils[key][1] is None and region_id is not None:
                Council.objects.filter(pk=councils[key][0]).update(region_id=region_id)
                councils[key][1] = region_id
            council_ids[name] = councils[key][0]
        return council_ids, region_ids

    # -- providers -------------------------------------------------------------------

    def _upsert_providers(self):
        records = list(self.parsed.providers.values())
        present = [f for f in PROVIDER_FIELDS if any(getattr(r, f) is not UNSET for r in records)]
        existing = {
            row["provider_id"]: row
            for row in Provider.objects.filter(regulator=self.regulator).values(
                "id", "provider_id", *present
            )
        }
        created, updates = [], []
        for record in records:
            values = {
                f: _clean(f, getattr(record, f), PROVIDER_LIMITS)
                for f in present
                if getattr(record, f) is not UNSET
            }
            old = existing.get(record.provider_id)
            if old is None:
                if "name" not in values or not values["name"]:
                    values["name"] = record.provider_id
                created.append(
                    bulk.Row(regulator=self.regulator, provider_id=record.provider_id, **values)
                )
            elif not self.history_only:
                changed = {f: v for f, v in values.items() if old[f] != v}
                if changed:
                    updates.append((old["id"], changed))
                    self._event(
                        "providers.provider",
                        old["id"],
                        values.get("name") or old.get("name", record.provider_id),
                        AuditEvent.Action.CHANGED,
                        {f: [_plain(old[f]), _plain(v)] for f, v in changed.items()},
                    )
        bulk.insert(Provider, created)
        for provider in created:
            self._event(
                "providers.provider",
                provider.pk,
                provider.name,
                AuditEvent.Action.CREATED,
                _created_changes(provider, ["provider_id", *present]),
            )
        bulk.update(Provider, updates, self.now)
        self.run.providers_created = len(created)
        self.run.providers_updated = len(updates)
        ids = {pid: row["id"] for pid, row in existing.items()}
        ids.update({p.provider_id: p.pk for p in created})
        return ids

    # -- services --------------------------------------------------------------------

    def _service_values(self, record):
        values = {}
        for f in SERVICE_DIRECT_FIELDS:
            value = getattr(record, f)
            if value is not UNSET:
                values[f] = _clean(f, value, SERVICE_LIMITS)
        if record.council_name is not UNSET:
            values["council_id"] = self.council_ids.get(record.council_name)
        if record.region_name is not UNSET:
            values["region_id"] = self.region_ids.get(record.region_name)
        if record.provider_id is not UNSET:
            values["provider_id"] = self.provider_ids.get(record.provider_id)
        if record.service_types is not UNSET:
            types = sorted(set(record.service_types or ()))
            values["service_types"] = f" {' '.join(types)} " if types else " "
        return values

    def _upsert_services(self):
        records = self.parsed.services
        compare = [
            *(f for f in SERVICE_DIRECT_FIELDS if any(getattr(r, f) is not UNSET for r in records)),
            "council_id",
            "region_id",
            "provider_id",
            "service_types",
        ]
        existing = {
            row["location_id"]: row
            for row in Service.objects.filter(regulator=self.regulator).values(
                "id",
                "location_id",
                "name",
                "beds",
                "active",
                "rating",
                "rating_published",
                "first_seen_on",
                "deactivated_on",
                *compare,
            )
        }
        ratings_by_service = self._existing_ratings()
        created, updates = [], []
        seen = set()
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        total = len(records)

        for index, record in enumerate(records):
            if index % 5000 == 0:
                self._report(index, total)
            seen.add(record.location_id)
            values = self._service_values(record)
            old = existing.get(record.location_id)
            if old is None:
                values.setdefault("name", record.location_id)
                if "service_types" not in values:
                    # A service first met in a ratings file: type it from what that file says.
                    types = default_service_types(record)
                    if types:
                        values["service_types"] = f" {' '.join(types)} "
                if self.history_only:
                    values["active"] = False
                service = bulk.Row(
                    regulator=self.regulator,
                    location_id=record.location_id,
                    first_seen_on=self.snapshot,
                    **values,
                )
                created.append((service, record))
                continue
            changed = {} if self.history_only else self._service_changes(old, values, record)
            if old["first_seen_on"] is None or self.snapshot < old["first_seen_on"]:
                changed["first_seen_on"] = self.snapshot
            rating_change = self._apply_ratings(
                old["id"], record, ratings_by_service, old, name=values.get("name", old["name"])
            )
            changed.update(rating_change)
            audited = {f: v for f, v in changed.items() if f != "first_seen_on"}
            if changed:
                updates.append((old["id"], changed))
            if audited:
                counts["updated"] += 1
                action = AuditEvent.Action.CHANGED
                if "active" in audited:
                    action = (
                        AuditEvent.Action.REACTIVATED
                        if audited["active"]
                        else AuditEvent.Action.DEACTIVATED
                    )
                self._event(
                    "providers.service",
                    old["id"],
                    values.get("name", old["name"]),
                    action,
                    {f: [_plain(old.get(f)), _plain(v)] for f, v in audited.items()},
                )
            else:
                counts["unchanged"] += 1

        self._report(total, total)
        self._create_services(created, ratings_by_service)
        counts["created"] = len(created)
        deactivated = self._deactivate_missing(existing, seen, updates)
        bulk.update(Service, updates, self.now)
        bulk.insert(PublishedRating, self.new_ratings)
        for rating in self.new_ratings:
            self._event(
                "providers.publishedrating",
                rating.pk,
                f"{_label(rating.overall)} rating of {rating.service_label}",
                AuditEvent.Action.CREATED,
                _created_changes(rating, ["rated_on", *RATING_FIELDS]),
                service_id=rating.service_id,
            )
        bulk.update(PublishedRating, self.rating_updates, None)
        self.run.created = counts["created"]
        self.run.updated = counts["updated"]
        self.run.unchanged = counts["unchanged"]
        self.run.deactivated = deactivated
        self.run.new_ratings = len(self.new_ratings)
        self.run.ratings_updated = len({pk for pk, _ in self.rating_updates})

    def _service_changes(self, old, values, record):
        changed = {f: v for f, v in values.items() if old[f] != v}
        service_id = old["id"]
        if "name" in changed and old["name"]:
            self._change(service_id, ChangeEvent.Kind.RENAMED, old["name"], changed["name"])
        if "beds" in changed and old["beds"] is not None and changed["beds"] is not None:
            self._change(service_id, ChangeEvent.Kind.BEDS_CHANGED, old["beds"], changed["beds"])
        listed_active = values.get("active", True if self.run.full_register else old["active"])
        if not old["active"] and listed_active:
            changed["active"] = True
            changed["deactivated_on"] = None
            self._change(service_id, ChangeEvent.Kind.REACTIVATED)
        elif old["active"] and values.get("active") is False:
            changed["deactivated_on"] = self.snapshot
            self._change(service_id, ChangeEvent.Kind.DEREGISTERED)
        return changed

    def _create_services(self, created, ratings_by_service):
        bulk.insert(Service, [service for service, _ in created])
        rating_fix = []
        for service, record in created:
            if not self.history_only:
                self._change(service.pk, ChangeEvent.Kind.REGISTERED)
            current = {"rating": None, "rating_published": None}
            change = self._apply_ratings(
                service.pk, record, ratings_by_service, current, name=service.name
            )
            if self.history_only and record.rating:
                change = {
                    "rating": record.rating.overall,
                    "rating_published": record.rating.rated_on,
                }
            if change:
                rating_fix.append((service.pk, change))
                for field, value in change.items():
                    setattr(service, field, value)
            self._event(
                "providers.service",
                service.pk,
                service.name,
                AuditEvent.Action.CREATED,
                self._service_created_changes(service, record),
            )
        # Ratings are only known once the services have ids; one bulk update sets them.
        bulk.update(Service, rating_fix, None)

    def _service_created_changes(self, service, record):
        """What an auditor needs of a new service, with places named rather than numbered."""
        changes = _created_changes(service, SERVICE_AUDIT_FIELDS)
        for field, name in (
            ("council", record.council_name),
            ("region", record.region_name),
            ("provider", record.provider_id),
        ):
            if name is not UNSET and name:
                changes[field] = [None, name]
        return changes

    def _deactivate_missing(self, existing, seen, updates):
        if not self.run.full_register:
            return 0
        count = 0
        for location_id, old in existing.items():
            if location_id in seen or not old["active"]:
                continue
            count += 1
            updates.append((old["id"], {"active": False, "deactivated_on": self.snapshot}))
            self._change(old["id"], ChangeEvent.Kind.DEREGISTERED)
            self._event(
                "providers.service",
                old["id"],
                old["name"],
                AuditEvent.Action.DEACTIVATED,
                {"active": [True, False], "deactivated_on": [None, self.snapshot.isoformat()]},
                note=f"Not in {self.parsed.file_name}",
            )
        return count

    # -- ratings ---------------------------------------------------------------------

    def _existing_ratings(self):
        self.new_ratings = []
        self.rating_updates = []
        by_service = defaultdict(list)
        for row in PublishedRating.objects.filter(regulator=self.regulator).values(
            "id", "service_id", "rated_on", "listed_on", "withdrawn_on", *RATING_FIELDS
        ):
            by_service[row["service_id"]].append(row)
        return by_service

    def _apply_ratings(self, service_id, record, ratings_by_service, current, *, name):
        """Add the record's ratings to the history; return changes to the current rating.

        In a file that states a service's latest rating, that rating is current, even when
        the history holds a later one: the regulator no longer stands by the later one
        (a report withdrawn after challenge), so it is marked withdrawn as at this file.
        A file that states no rating at all withdraws every rating the service had.
        """
        stated = record.rating
        incoming = [r for r in [stated, *record.earlier_ratings] if r]
        history = ratings_by_service[service_id]
        if not incoming and (stated is not None or not history):
            return {}
        stated_row = None
        for rating in incoming:
            row = self._record_rating(service_id, rating, history, name)
            if rating is stated:
                stated_row = row
        if self.history_only or stated is UNSET:
            return {}

        withdrawn_before = current.get("rating")
        for row in history:
            outdated = stated_row is None or row["rated_on"] > stated_row["rated_on"]
            if outdated and row["withdrawn_on"] is None:
                self._set_rating(row, {"withdrawn_on": self.snapshot}, name)
        if stated_row is not None and stated_row["withdrawn_on"] is not None:
            self._set_rating(stated_row, {"withdrawn_on": None}, name)

        new_code = stated_row["overall"] if stated_row else None
        new_date = stated_row["rated_on"] if stated_row else None
        if stated_row is not None and stated_row.get("added"):
            self._rating_event(service_id, withdrawn_before, new_code)
        elif withdrawn_before != new_code:
            self._change(
                service_id,
                ChangeEvent.Kind.RATING_WITHDRAWN,
                _label(withdrawn_before),
                _label(new_code) if new_code else "Not yet inspected",
            )
        result = {}
        if current.get("rating") != new_code:
            result["rating"] = new_code
        if current.get("rating_published") != new_date:
            result["rating_published"] = new_date
        return result

    def _record_rating(self, service_id, rating, history, name):
        """The history row for this rating: found (and completed) or newly added."""
        match = _matching(history, rating)
        if match is None:
            row = {
                "id": None,
                "service_id": service_id,
                "rated_on": rating.rated_on,
                "listed_on": self.snapshot,
                "withdrawn_on": None,
                "added": True,
            }
            row.update({f: _clean(f, getattr(rating, f), RATING_LIMITS) for f in RATING_FIELDS})
            published = bulk.Row(
                service_id=service_id,
                regulator=self.regulator,
                import_run_id=self.run.pk,
                rated_on=rating.rated_on,
                listed_on=self.snapshot,
                **{f: row[f] for f in RATING_FIELDS},
            )
            published.service_label = name
            row["object"] = published
            history.append(row)
            self.new_ratings.append(published)
            return row
        changed = {}
        for f in RATING_FIELDS:
            value = getattr(rating, f)
            if value not in (None, "") and match[f] != value:
                changed[f] = _clean(f, value, RATING_LIMITS)
        if match["listed_on"] is None or self.snapshot < match["listed_on"]:
            changed["listed_on"] = self.snapshot
        if rating.rated_on != match["rated_on"] and not any(
            r["rated_on"] == rating.rated_on for r in history
        ):
            changed["rated_on"] = rating.rated_on
        if changed:
            self._set_rating(match, changed, name)
        return match

    def _set_rating(self, row, changed, name):
        """Change a history row: in memory, and in the database with an audit event."""
        if row.get("object") is not None:  # added by this import, not yet written
            for field, value in changed.items():
                setattr(row["object"], field, value)
        else:
            self._event(
                "providers.publishedrating",
                row["id"],
                f"Rating of {name}",
                AuditEvent.Action.CHANGED,
                {f: [_plain(row.get(f)), _plain(v)] for f, v in changed.items()},
                service_id=row["service_id"],
            )
            self.rating_updates.append((row["id"], changed))
        row.update(changed)

    def _rating_event(self, service_id, old, new):
        if not self.baseline:
            return
        if old is None:
            self._change(service_id, ChangeEvent.Kind.FIRST_RATING, "", _label(new))
            return
        old_rank, new_rank = RATING_RANK.get(old), RATING_RANK.get(new)
        if old_rank is None or new_rank is None or old_rank == new_rank:
            kind = ChangeEvent.Kind.RATING_SAME
        else:
            kind = (
                ChangeEvent.Kind.RATING_UP if new_rank > old_rank else ChangeEvent.Kind.RATING_DOWN
            )
        self._change(service_id, kind, _label(old), _label(new))


def _matching(history, rating):
    """The rating already on record for the same inspection, or the same day, if any."""
    if rating.inspected is not None:
        for row in history:
            if row["inspected"] == rating.inspected:
                return row
    for row in history:
        if row["rated_on"] == rating.rated_on:
            return row
    return None


_RATING_LABELS = dict(Rating.choices)


def _label(code):
    return _RATING_LABELS.get(code, code or "")


def _created_changes(obj, fields):
    changes = {}
    for field in fields:
        value = getattr(obj, field, None)
        if value in (None, "", " "):
            continue
        changes[field] = [None, _plain(value)]
    return changes
