"""Keeping the register current from CQC's API: changed locations since the last sync.

A sync asks CQC which locations changed in a window [start, end) (start = the end of the
last succeeded sync), keeps that list on its CqcSync row, then fetches the locations (and
their providers) a batch at a time and writes each batch through the file imports' own
register writer in one transaction, with an ImportRun of layout "CQC API". The row's
checkpoint (next_index) moves in the same transaction, so a sync that is interrupted or
fails resumes at the first batch not committed: nothing is lost or written twice. Then the
providers CQC lists as changed on their own (/changes/provider) that the register holds are
fetched and written the same way, with a checkpoint of their own. The window only moves on
when a sync has committed every batch.
"""

import datetime
import os
import socket
import time
import urllib.parse

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from careqa.audit.actions import record_event
from careqa.audit.models import AuditEvent
from careqa.providers.models import Provider, Service
from careqa.providers.vocab import Regulator
from careqa.regulators import register_writer
from careqa.regulators.abandoned import _still_running
from careqa.regulators.cqc_api import mapping
from careqa.regulators.cqc_api.client import Client, CqcApiError, CqcApiNotFound
from careqa.regulators.models import CqcSync, ImportRun, Layout, UnpublishedInspection
from careqa.regulators.parsers.values import BadValue
from careqa.regulators.records import ParsedFile, ProviderRecord, ServiceRecord

SOURCE = "CQC API"
CQC = Regulator.CQC.value
PER_PAGE = 1000


class SyncError(Exception):
    """A sync that cannot run or did not finish; the message says why (and names the URL)."""


class SyncNotConfigured(SyncError):
    pass


def timestamp(moment):
    """CQC's timestamp form: 2024-01-01T00:00:00Z."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sync(*, since=None, until=None, by=None, batch_size=None, sleep=time.sleep, report=None):
    """Bring the register up to date from CQC's API; return the CqcSync rows it ran.

    `since` (a datetime) starts the window when there has been no sync before (the first
    sync otherwise starts at the date of the latest CQC file import); `until` ends it
    (default: now). `by` is the user to record, or None (recorded as "CQC API").
    `report(message)` is told of each batch. Raises SyncNotConfigured without a key and
    SyncError when CQC cannot be read (the batches already committed stay).
    """
    key = settings.CAREQA_CQC_API_KEY
    if not key:
        raise SyncNotConfigured(
            "CQC_API_KEY is not set, so CQC's API cannot be read and nothing was changed. "
            "Set it to the subscription key of CQC's Syndication product "
            "(api-portal.service.cqc.org.uk)."
        )
    client = Client(
        base_url=settings.CAREQA_CQC_API_URL,
        key=key,
        per_minute=settings.CAREQA_CQC_API_RATE_PER_MINUTE,
        timeout=settings.CAREQA_CQC_API_TIMEOUT_SECONDS,
        tries=settings.CAREQA_CQC_API_TRIES,
        backoff=settings.CAREQA_CQC_API_BACKOFF_SECONDS,
        sleep=sleep,
    )
    job = _Sync(client, by=by, batch_size=batch_size or settings.CAREQA_CQC_SYNC_BATCH)
    job.report = report or (lambda message: None)
    until = until or timezone.now()
    runs = []
    unfinished = _unfinished()
    if unfinished is not None:
        unfinished.resumed += 1
        unfinished.status = CqcSync.Status.RUNNING
        unfinished.pid, unfinished.host = os.getpid(), socket.gethostname()
        unfinished.error = ""
        unfinished.save()
        job.report(f"Resuming sync #{unfinished.pk} at change {unfinished.next_index}")
        runs.append(job.run(unfinished))
    if isinstance(since, datetime.date) and not isinstance(since, datetime.datetime):
        since = datetime.datetime.combine(since, datetime.time(), tzinfo=datetime.UTC)
    start = _window_start(since)
    end = until.replace(microsecond=0)
    if start < end:
        run = CqcSync.objects.create(
            started_at=timezone.now(),
            window_start=start,
            window_end=end,
            pid=os.getpid(),
            host=socket.gethostname(),
        )
        runs.append(job.run(run))
    return runs


def _unfinished():
    """The latest sync that did not finish (failed, or left running by a killed process)."""
    latest = CqcSync.objects.order_by("-started_at", "-id").first()
    if latest is None or latest.status == CqcSync.Status.SUCCEEDED:
        return None
    if latest.status == CqcSync.Status.RUNNING:
        if latest.host == socket.gethostname() and latest.pid and _still_running(latest):
            raise SyncError(
                f"Sync #{latest.pk} is still running (process {latest.pid} on {latest.host}); "
                "nothing was changed."
            )
    return latest


def _window_start(since):
    last = CqcSync.objects.filter(status=CqcSync.Status.SUCCEEDED).order_by("-window_end").first()
    if last is not None:
        return last.window_end
    if since is not None:
        return since
    imported = (
        ImportRun.objects.filter(regulator=CQC, status=ImportRun.Status.SUCCEEDED)
        .exclude(snapshot_date=None)
        .exclude(layout=Layout.CQC_API)
        .order_by("-snapshot_date")
        .values_list("snapshot_date", flat=True)
        .first()
    )
    if imported is None:
        raise SyncError(
            "There has been no CQC sync or CQC file import to start from: import a CQC file "
            "first, or give --since YYYY-MM-DD. Nothing was changed."
        )
    return datetime.datetime.combine(imported, datetime.time(), tzinfo=datetime.UTC)


class _Sync:
    def __init__(self, client, *, by, batch_size):
        self.client = client
        self.by = by
        self.batch_size = max(1, batch_size)
        self.providers = {}  # provider id -> ProviderRecord, fetched once a sync

    def run(self, run):
        requests_before, retries_before = self.client.requests, self.client.retries
        try:
            if run.changed_ids is None:
                run.changed_ids = self._changed_ids(run, "location")
                run.save(update_fields=["changed_ids"])
                self.report(
                    f"Sync #{run.pk}: {len(run.changed_ids)} locations changed between "
                    f"{timestamp(run.window_start)} and {timestamp(run.window_end)}"
                )
            while run.next_index < len(run.changed_ids):
                self._batch(run, run.changed_ids[run.next_index : run.next_index + self.batch_size])
            # Then providers that changed on their own (a new name, address or owner).
            if run.changed_provider_ids is None:
                run.changed_provider_ids = self._changed_ids(run, "provider")
                run.save(update_fields=["changed_provider_ids"])
            ids = run.changed_provider_ids
            while run.next_provider_index < len(ids):
                start = run.next_provider_index
                self._provider_batch(run, ids[start : start + self.batch_size])
        except BaseException as error:
            run.refresh_from_db()
            if isinstance(error, CqcApiError):
                message = f"CQC API: {error}"
            elif isinstance(error, KeyboardInterrupt | SystemExit):
                message = "The sync was interrupted"
            else:
                message = f"The sync stopped unexpectedly ({error!r})"
            message += (
                f". {run.next_index} of {run.changes} changed locations were written; "
                "the next sync resumes from there."
            )
            self._finish(run, CqcSync.Status.FAILED, requests_before, retries_before, message)
            if isinstance(error, CqcApiError):
                raise SyncError(message) from error
            raise
        self._finish(run, CqcSync.Status.SUCCEEDED, requests_before, retries_before)
        return run

    def _finish(self, run, status, requests_before, retries_before, error=""):
        run.status = status
        run.error = error
        run.finished_at = timezone.now()
        run.requests += self.client.requests - requests_before
        run.retries += self.client.retries - retries_before
        run.save(update_fields=["status", "error", "finished_at", "requests", "retries"])

    # -- the change list -------------------------------------------------------------

    def _changed_ids(self, run, kind):
        path = f"changes/{kind}"
        ids, seen, page = [], set(), 1
        while True:
            params = {
                "startTimestamp": timestamp(run.window_start),
                "endTimestamp": timestamp(run.window_end),
                "page": page,
                "perPage": PER_PAGE,
            }
            data = self.client.get(path, params)
            changes = data.get("changes") if isinstance(data, dict) else None
            if not isinstance(changes, list):
                raise CqcApiError(
                    self.client.url(path, params),
                    "the answer has no 'changes' list",
                )
            for change in changes:
                location_id = str(change).strip() if change is not None else ""
                if location_id and location_id not in seen:
                    seen.add(location_id)
                    ids.append(location_id)
            try:
                pages = int(data.get("totalPages") or 1)
            except (TypeError, ValueError):
                pages = 1
            if not changes or page >= pages:
                return ids
            page += 1

    # -- one batch -------------------------------------------------------------------

    def _get(self, path):
        data = self.client.get(path)
        if not isinstance(data, dict):
            raise CqcApiError(self.client.url(path), "the answer is not a JSON object")
        return data

    def _batch(self, run, ids):
        found, gone = [], []
        for location_id in ids:
            path = f"locations/{urllib.parse.quote(location_id, safe='')}"
            try:
                data = self._get(path)
            except CqcApiNotFound:
                gone.append(location_id)
                continue
            try:
                found.append(mapping.location(data))
            except BadValue as error:
                raise CqcApiError(self.client.url(path), str(error)) from None
        for location in found:
            provider_id = location.provider_id
            if location.record is None or not provider_id or provider_id in self.providers:
                continue
            path = f"providers/{urllib.parse.quote(provider_id, safe='')}"
            try:
                self.providers[provider_id] = mapping.provider(self._get(path))
            except CqcApiNotFound:
                self.providers[provider_id] = ProviderRecord(provider_id=provider_id)
            except BadValue as error:
                raise CqcApiError(self.client.url(path), str(error)) from None
            run.providers_fetched += 1
        self._write(run, ids, found, gone)

    def _provider_batch(self, run, ids):
        """Changed providers the register holds (and this sync has not just fetched)."""
        wanted = [
            provider_id
            for provider_id in Provider.objects.filter(regulator=CQC, provider_id__in=ids)
            .order_by("provider_id")
            .values_list("provider_id", flat=True)
            if provider_id not in self.providers
        ]
        fetched = {}
        for provider_id in wanted:
            path = f"providers/{urllib.parse.quote(provider_id, safe='')}"
            try:
                fetched[provider_id] = mapping.provider(self._get(path))
            except CqcApiNotFound:
                continue  # not known to CQC any more: left as it is
            except BadValue as error:
                raise CqcApiError(self.client.url(path), str(error)) from None
        self.providers.update(fetched)
        with transaction.atomic():
            if fetched:
                import_run = self._import_run(run, f"providers, batch {run.batches + 1}")
                parsed = ParsedFile(
                    file_name=import_run.file_name,
                    layout=Layout.CQC_API.value,
                    regulator=CQC,
                    snapshot_date=import_run.snapshot_date,
                    services=[],
                    providers=fetched,
                    rows=len(ids),
                )
                self._write_run(import_run, parsed, run)
            run.next_provider_index += len(ids)
            run.providers_fetched += len(fetched)
            run.batches += 1
            run.save()

    def _import_run(self, run, what):
        by = self.by
        return ImportRun.objects.create(
            regulator=CQC,
            layout=Layout.CQC_API,
            file_name=(
                f"{SOURCE}: changes {timestamp(run.window_start)} to "
                f"{timestamp(run.window_end)}, {what} (sync #{run.pk})"
            ),
            snapshot_date=timezone.localdate(),
            started_at=timezone.now(),
            by=by if by is not None and not isinstance(by, str) else None,
            by_name=(
                by
                if isinstance(by, str)
                else (by.get_full_name() or by.username)
                if by is not None
                else SOURCE
            ),
            pid=os.getpid(),
            host=socket.gethostname(),
        )

    def _write_run(self, import_run, parsed, run):
        register_writer.write(parsed, run=import_run, by=self.by or SOURCE)
        import_run.status = ImportRun.Status.SUCCEEDED
        import_run.finished_at = timezone.now()
        import_run.save()
        run.import_run_ids = [*run.import_run_ids, import_run.pk]

    def _write(self, run, ids, found, gone):
        today = timezone.localdate()
        warnings = [w for f in found for w in f.warnings]
        with transaction.atomic():
            known = set(
                Service.objects.filter(
                    regulator=CQC, location_id__in=[f.location_id for f in found]
                ).values_list("location_id", flat=True)
            )
            # A deregistered location the register never had is not added just to be
            # inactive (the active-locations files never list one either).
            in_scope = [
                f
                for f in found
                if f.record is not None and (f.record.active or f.location_id in known)
            ]
            # A location CQC no longer knows is deregistered, as a full register file that
            # no longer lists it would have it: marked inactive, never deleted.
            gone_known = list(
                Service.objects.filter(regulator=CQC, location_id__in=gone, active=True)
                .values_list("location_id", flat=True)
                .order_by("location_id")
            )
            services = [f.record for f in in_scope]
            services += [ServiceRecord(location_id=lid, row=0, active=False) for lid in gone_known]
            providers = {}
            for record in services:
                provider = self.providers.get(record.provider_id or "")
                if provider is not None:
                    providers[provider.provider_id] = provider
                    if isinstance(provider.sector, str):
                        record.sector = provider.sector
            number = run.batches + 1
            if services:
                import_run = self._import_run(run, f"batch {number}")
                parsed = ParsedFile(
                    file_name=import_run.file_name,
                    layout=Layout.CQC_API.value,
                    regulator=CQC,
                    snapshot_date=today,
                    services=services,
                    providers=providers,
                    rows=len(ids),
                    skipped=len(found) - len(in_scope),
                    warnings=warnings,
                )
                self._write_run(import_run, parsed, run)
            run.unpublished_inspections += _record_unpublished(in_scope, run, today, self.by)
            run.next_index += len(ids)
            run.batches = number
            run.locations_written += len(in_scope)
            run.locations_skipped += len(found) - len(in_scope)
            run.locations_gone += len(gone)
            run.save()
        self.report(
            f"Sync #{run.pk}: batch {number}, {run.next_index} of {run.changes} changed "
            f"locations written"
        )


def _record_unpublished(locations, run, today, by):
    """Open an UnpublishedInspection for each inspection awaiting its report; close the
    open ones whose report CQC has now published. Returns how many were opened."""
    service_ids = dict(
        Service.objects.filter(
            regulator=CQC, location_id__in=[f.location_id for f in locations]
        ).values_list("location_id", "id")
    )
    known = {}
    for item in UnpublishedInspection.objects.filter(service_id__in=service_ids.values()):
        known.setdefault(item.service_id, []).append(item)
    actor = by or SOURCE
    opened = 0
    for location in locations:
        service_id = service_ids.get(location.location_id)
        if service_id is None:
            continue
        pending = location.unpublished
        items = known.get(service_id, [])
        for item in items:
            if item.report_published_on is None and (
                pending is None or pending[0] != item.inspected_on
            ):
                item.report_published_on = today
                item.save(update_fields=["report_published_on"])
                record_event(
                    obj=item,
                    action=AuditEvent.Action.CHANGED,
                    changes={"report_published_on": (None, today)},
                    by=actor,
                    note=f"{SOURCE} sync #{run.pk}: CQC has published a report since",
                )
        if pending is None or any(item.inspected_on == pending[0] for item in items):
            continue
        open_unpublished_inspection(
            service_id=service_id,
            inspected_on=pending[0],
            previous_report_on=pending[1],
            today=today,
            by=actor,
            sync_id=run.pk,
        )
        opened += 1
    return opened


def open_unpublished_inspection(
    *, service_id, inspected_on, previous_report_on, today, by, sync_id=None
):
    """Record an inspection awaiting its report, with its audit event (caller's transaction)."""
    item = UnpublishedInspection.objects.create(
        service_id=service_id,
        inspected_on=inspected_on,
        previous_report_on=previous_report_on,
        found_on=today,
        found_by_sync=sync_id,
    )
    record_event(
        obj=item,
        action=AuditEvent.Action.CREATED,
        changes={
            "inspected_on": (None, item.inspected_on),
            "previous_report_on": (None, item.previous_report_on),
        },
        by=by or SOURCE,
        note=f"{SOURCE} sync #{sync_id}" if sync_id else SOURCE,
    )
    return item
