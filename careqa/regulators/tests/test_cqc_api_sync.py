"""The CQC API sync against a real HTTP server on 127.0.0.1 replaying CQC's answers.

Answers are the real samples in ../shared/data/cqc/samples/ (tests that need them skip
without ../shared) and generated ones shaped like them (careqa.regulators.cqc_api.replay).
"""

import copy
import datetime
import json
import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from careqa.audit.models import AuditEvent
from careqa.providers.models import ChangeEvent, Provider, PublishedRating, Service
from careqa.providers.vocab import Rating
from careqa.regulators.cqc_api import SyncError, SyncNotConfigured, sync
from careqa.regulators.cqc_api.client import KEY_HEADER, RateLimit
from careqa.regulators.cqc_api.replay import (
    Answer,
    ReplayServer,
    generated_location,
    generated_provider,
    gp_location,
    serve_generated,
)
from careqa.regulators.models import CqcSync, ImportRun, Layout, UnpublishedInspection

pytestmark = pytest.mark.django_db(transaction=False)

SINCE = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
UNTIL = datetime.datetime(2026, 12, 1, 2, 0, tzinfo=datetime.UTC)
LATER = datetime.datetime(2026, 12, 2, 2, 0, tzinfo=datetime.UTC)
SAMPLE_IDS = ("1-10000302982", "1-125856395")


class Sleeps(list):
    """Stands in for time.sleep: records each wait instead of waiting."""

    def __call__(self, seconds):
        self.append(seconds)


@pytest.fixture
def api(settings):
    with ReplayServer() as server:
        settings.CAREQA_CQC_API_KEY = "test-key"
        settings.CAREQA_CQC_API_URL = server.url
        settings.CAREQA_CQC_API_RATE_PER_MINUTE = 0  # no spacing: the limiter has its own test
        settings.CAREQA_CQC_API_TIMEOUT_SECONDS = 2
        settings.CAREQA_CQC_API_TRIES = 3
        settings.CAREQA_CQC_API_BACKOFF_SECONDS = 1
        settings.CAREQA_CQC_SYNC_BATCH = 100
        yield server


@pytest.fixture
def samples(shared_data):
    folder = shared_data / "cqc" / "samples"
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    return {
        location_id: json.loads(next(folder.glob(f"api_location_{location_id}_*.json")).read_text())
        for location_id in SAMPLE_IDS
    } | {"saf": json.loads((folder / "api_location_saf_assessment_SHAPE_ONLY.json").read_text())}


def serve(api, locations, *, providers=True):
    for data in locations:
        api.set_location(data)
        if providers and data.get("providerId"):
            api.set(f"providers/{data['providerId']}", generated_provider(data["providerId"]))
    api.set_changes([data["locationId"] for data in locations])


# -- configuration ---------------------------------------------------------------------


def test_without_a_key_the_sync_refuses_and_changes_nothing(settings):
    settings.CAREQA_CQC_API_KEY = ""
    with pytest.raises(SyncNotConfigured, match="CQC_API_KEY is not set"):
        sync(since=SINCE)
    with pytest.raises(CommandError, match="CQC_API_KEY is not set.*nothing was changed"):
        call_command("sync_cqc", "--since", "2026-11-01")
    assert not CqcSync.objects.exists()
    assert not ImportRun.objects.exists()


def test_the_first_sync_needs_a_start(api):
    api.set_changes([])
    with pytest.raises(SyncError, match="no CQC sync or CQC file import to start from"):
        sync()
    assert not CqcSync.objects.exists()


# -- what a sync writes -----------------------------------------------------------------


def test_samples_are_written_as_a_file_import_would(api, samples):
    gp = gp_location(1)
    serve(api, [samples["1-10000302982"], samples["1-125856395"], gp])
    (run,) = sync(since=SINCE, until=UNTIL, sleep=Sleeps())

    assert run.status == CqcSync.Status.SUCCEEDED
    assert (run.changes, run.locations_written, run.locations_skipped) == (3, 2, 1)
    henley = Service.objects.get(location_id="1-10000302982")
    assert henley.name == "Henley House"
    assert henley.rating == Rating.GOOD
    assert henley.rating_published == datetime.date(2022, 4, 20)
    assert henley.beds == 66
    assert henley.care_home and henley.service_types == " residential "
    assert henley.council.name == "Suffolk" and henley.region.name
    assert henley.dormant is False and henley.active
    assert henley.last_checked == datetime.date(2022, 3, 23)
    assert henley.provider.provider_id == "1-102642938"
    assert henley.provider.name.startswith("Generated Provider")
    rating = PublishedRating.objects.get(service=henley)
    assert (rating.safe, rating.well_led) == (Rating.GOOD, Rating.GOOD)
    assert rating.inspected == datetime.date(2022, 3, 23)
    assert rating.report_type == "Location"

    lucerne = Service.objects.get(location_id="1-125856395")
    assert lucerne.rating == Rating.OUTSTANDING
    assert lucerne.service_types == " nursing "
    assert lucerne.phone == "01392422905" and lucerne.website == "www.barchester.com"
    # Its historic ratings join the history, the current one on top.
    assert PublishedRating.objects.filter(service=lucerne).count() >= 2
    assert not Service.objects.filter(location_id=gp["locationId"]).exists()

    (import_run,) = ImportRun.objects.filter(pk__in=run.import_run_ids)
    assert import_run.layout == Layout.CQC_API and import_run.by_name == "CQC API"
    assert import_run.status == ImportRun.Status.SUCCEEDED
    assert (import_run.created, import_run.skipped) == (2, 1)
    assert AuditEvent.objects.filter(import_run_id=import_run.pk, service_id=henley.pk).exists()
    for path, _query, headers in api.log:
        assert headers.get(KEY_HEADER) == "test-key", path


def test_assessment_framework_rating_is_current_when_newer(api, samples):
    saf = copy.deepcopy(samples["saf"])
    saf.pop("_note")
    saf.update(
        {
            k: v
            for k, v in generated_location(4).items()
            if k not in ("locationId", "assessment", "registrationStatus")
        }
    )
    saf["assessment"][0]["ratings"]["asgRatings"][0]["rating"] = "Requires Improvement"
    saf["assessment"][0]["ratings"]["asgRatings"][0]["keyQuestionRatings"][0]["rating"] = (
        "Inadequate"
    )
    saf["currentRatings"]["overall"]["reportDate"] = "2023-02-01"
    serve(api, [saf])
    sync(since=SINCE, until=UNTIL, sleep=Sleeps())
    service = Service.objects.get(location_id="1-001")
    assert service.rating == Rating.REQUIRES_IMPROVEMENT
    assert service.rating_published == datetime.date(2024, 1, 1)
    current = PublishedRating.objects.get(service=service, rated_on=datetime.date(2024, 1, 1))
    assert current.safe == Rating.INADEQUATE
    assert current.inspected == datetime.date(2024, 1, 2)
    assert current.overall_as_published == "Requires Improvement"


def test_a_second_sync_starts_where_the_first_ended_and_records_changes(api):
    first = generated_location(1, rating="Good", report_date="2025-06-02")
    serve(api, [first])
    sync(since=SINCE, until=UNTIL, sleep=Sleeps())
    service = Service.objects.get(location_id=first["locationId"])
    assert service.rating == Rating.GOOD

    worse = generated_location(
        1, rating="Inadequate", report_date="2026-11-20", name="Generated Care One"
    )
    serve(api, [worse])
    (second,) = sync(since=SINCE, until=LATER, sleep=Sleeps())
    changes_asked = api.requests_to("changes/location")[-1][1]
    assert changes_asked["startTimestamp"] == "2026-12-01T02:00:00Z"
    assert changes_asked["endTimestamp"] == "2026-12-02T02:00:00Z"
    assert second.window_start == UNTIL
    service.refresh_from_db()
    assert service.rating == Rating.INADEQUATE and service.name == "Generated Care One"
    kinds = set(ChangeEvent.objects.filter(service=service).values_list("kind", flat=True))
    assert {ChangeEvent.Kind.RATING_DOWN, ChangeEvent.Kind.RENAMED} <= kinds
    assert PublishedRating.objects.filter(service=service).count() == 2


def test_the_command_reports_its_counts(api):
    serve_generated(api, 10)
    out = _call("sync_cqc", "--since", "2026-11-01")
    assert "changed 10: written 9, outside social care 1, gone from CQC 0" in out
    assert Service.objects.count() == 9


def _call(*args):
    import io

    stdout = io.StringIO()
    call_command(*args, stdout=stdout)
    return stdout.getvalue()


# -- robustness ------------------------------------------------------------------------


def test_429_waits_as_retry_after_says(api):
    data = generated_location(1)
    serve(api, [data])
    api.set_location(data, Answer(status=429, headers={"Retry-After": "7"}), data)
    sleeps = Sleeps()
    (run,) = sync(since=SINCE, until=UNTIL, sleep=sleeps)
    assert sleeps == [7.0]
    assert run.retries == 1 and run.status == CqcSync.Status.SUCCEEDED
    assert len(api.requests_to(f"locations/{data['locationId']}")) == 2


def test_500_is_retried_with_backoff_then_given_up_naming_the_url(api):
    good, bad = generated_location(1), generated_location(2)
    serve(api, [good, bad])
    api.set_location(good, Answer(status=500), Answer(status=502), good)
    api.set_location(bad, Answer(status=500))
    sleeps = Sleeps()
    with pytest.raises(SyncError) as raised:
        sync(since=SINCE, until=UNTIL, sleep=sleeps)
    message = str(raised.value)
    assert f"{api.url}/locations/{bad['locationId']}" in message
    assert "gave up after 3 tries" in message and "HTTP 500" in message
    # 1 s, 2 s for the first location; 1 s, 2 s for the second, before giving up.
    assert sleeps == [1.0, 2.0, 1.0, 2.0]
    run = CqcSync.objects.get()
    assert run.status == CqcSync.Status.FAILED and run.next_index == 0
    assert "resumes from there" in run.error
    # All or nothing: the batch holding the failed location wrote nothing.
    assert not Service.objects.exists()
    assert not ImportRun.objects.exists()


def test_a_timeout_is_retried(api, settings):
    settings.CAREQA_CQC_API_TIMEOUT_SECONDS = 0.3
    data = generated_location(1)
    serve(api, [data])
    api.set_location(data, Answer(body=data, delay=1.0), data)
    sleeps = Sleeps()
    (run,) = sync(since=SINCE, until=UNTIL, sleep=sleeps)
    assert run.status == CqcSync.Status.SUCCEEDED and run.retries == 1
    assert Service.objects.filter(location_id=data["locationId"]).exists()


def test_timeouts_to_the_end_name_the_url(api, settings):
    settings.CAREQA_CQC_API_TIMEOUT_SECONDS = 0.2
    settings.CAREQA_CQC_API_TRIES = 2
    api.set("changes/location", Answer(body={"changes": []}, delay=0.6))
    expected = r"changes/location\?startTimestamp=.*no answer within 0.2 s"
    with pytest.raises(SyncError, match=expected):
        sync(since=SINCE, until=UNTIL, sleep=Sleeps())


def test_malformed_json_names_the_url_and_the_place(api):
    data = generated_location(1)
    serve(api, [data])
    api.set_location(data, Answer(body=b'{"locationId": "1-9000000001", "name": "Broken'))
    with pytest.raises(SyncError) as raised:
        sync(since=SINCE, until=UNTIL, sleep=Sleeps())
    message = str(raised.value)
    assert f"/locations/{data['locationId']}" in message
    assert "malformed JSON at line 1, column" in message
    assert not Service.objects.exists()


def test_a_location_that_disappears_is_deregistered_not_deleted(api):
    data = generated_location(1)
    serve(api, [data])
    sync(since=SINCE, until=UNTIL, sleep=Sleeps())
    service = Service.objects.get(location_id=data["locationId"])
    api.routes.pop(f"/locations/{data['locationId']}")  # now 404
    api.set_changes([data["locationId"], "1-unknown-to-us"])
    (run,) = sync(until=LATER, sleep=Sleeps())
    assert run.locations_gone == 2
    service.refresh_from_db()
    assert service.active is False and service.deactivated_on is not None
    assert ChangeEvent.objects.filter(service=service, kind=ChangeEvent.Kind.DEREGISTERED).exists()
    assert AuditEvent.objects.filter(
        service_id=service.pk, action=AuditEvent.Action.DEACTIVATED
    ).exists()
    # A location never in the register is not created just to be deregistered.
    assert not Service.objects.filter(location_id="1-unknown-to-us").exists()
    assert PublishedRating.objects.filter(service=service).count() == 1


def test_an_interrupted_sync_resumes_without_losing_or_doubling(api, settings):
    settings.CAREQA_CQC_SYNC_BATCH = 3
    ids = serve_generated(api, 8)  # the last two batches: ids[3:6] and ids[6:8]
    stuck = generated_location(4)
    api.set_location(stuck, Answer(status=503))
    with pytest.raises(SyncError, match="503"):
        sync(since=SINCE, until=UNTIL, sleep=Sleeps())
    run = CqcSync.objects.get()
    assert (run.status, run.next_index, run.batches) == (CqcSync.Status.FAILED, 3, 1)
    assert Service.objects.count() == 3
    asked_before = {path: len(api.requests_to(path)) for path in {e[0] for e in api.log}}

    # CQC recovers; the next sync takes up the same window at the fourth location.
    api.set_location(stuck)
    api.set_changes(["1-should-not-be-asked"])
    runs = sync(until=UNTIL, sleep=Sleeps())
    assert [r.pk for r in runs] == [run.pk]  # the window ends at UNTIL: nothing newer
    run.refresh_from_db()
    assert (run.status, run.next_index, run.resumed) == (CqcSync.Status.SUCCEEDED, 8, 1)
    assert run.locations_written + run.locations_skipped == 8
    assert len(api.requests_to("changes/location")) == asked_before["/changes/location"]
    for location_id in ids[:3]:
        path = f"/locations/{location_id}"
        assert len(api.requests_to(path)) == asked_before[path], path
    assert Service.objects.count() == 8
    assert PublishedRating.objects.count() == 8
    # The first batch set the register's baseline (no change events, as a first file
    # import); each later location is registered once, the resumed batch included.
    registered = ChangeEvent.objects.filter(kind=ChangeEvent.Kind.REGISTERED)
    assert sorted(registered.values_list("service__location_id", flat=True)) == ids[3:]
    assert len(run.import_run_ids) == 3
    created = AuditEvent.objects.filter(
        record_type="providers.service", action=AuditEvent.Action.CREATED
    )
    assert created.count() == 8


def test_a_sync_left_running_by_a_live_process_is_not_taken_up(api):
    import os
    import socket

    from django.utils import timezone

    CqcSync.objects.create(
        started_at=timezone.now(),
        window_start=SINCE,
        window_end=UNTIL,
        pid=os.getpid(),
        host=socket.gethostname(),
    )
    with pytest.raises(SyncError, match="still running"):
        sync(until=LATER, sleep=Sleeps())


def test_the_rate_limit_spaces_requests(api, settings):
    settings.CAREQA_CQC_API_RATE_PER_MINUTE = 300  # one request each 0.2 s
    serve_generated(api, 2)
    started = time.monotonic()
    sync(since=SINCE, until=UNTIL)
    # 2 changes pages (locations, providers), 2 locations, their 1 provider: four gaps.
    assert len(api.log) == 5
    assert time.monotonic() - started >= 0.8


def test_the_rate_limit_keeps_its_pace_whatever_the_clock():
    now = [100.0]
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        now[0] += seconds

    limit = RateLimit(120, clock=lambda: now[0], sleep=sleep)
    for _ in range(4):
        limit.wait()
        now[0] += 0.1  # each request takes 0.1 s
    assert sleeps == pytest.approx([0.4, 0.4, 0.4])


# -- an inspection awaiting its report ----------------------------------------------------


def test_an_unpublished_inspection_shows_on_the_service_page(api, client, personas):
    data = generated_location(1, report_date="2025-06-02")
    data["lastInspection"] = {"date": "2026-11-04"}
    serve(api, [data])
    (run,) = sync(since=SINCE, until=UNTIL, sleep=Sleeps())
    assert run.unpublished_inspections == 1
    service = Service.objects.get(location_id=data["locationId"])
    pending = UnpublishedInspection.objects.get(service=service)
    assert pending.inspected_on == datetime.date(2026, 11, 4)
    assert pending.previous_report_on == datetime.date(2025, 6, 2)
    assert AuditEvent.objects.filter(
        record_type="regulators.unpublishedinspection", service_id=service.pk
    ).exists()

    client.force_login(personas["qa_officer"])
    page = client.get(reverse("providers:service-detail", args=[service.pk]))
    assert "Inspected on 4 November 2026, report not yet published" in page.content.decode()

    # The same inspection seen again is not recorded twice.
    api.set_changes([data["locationId"]])
    sync(until=LATER, sleep=Sleeps())
    assert UnpublishedInspection.objects.count() == 1

    # CQC publishes the report: the banner goes, the record stays.
    published = generated_location(1, report_date="2026-12-05", rating="Outstanding")
    published["lastInspection"] = {"date": "2026-11-04"}
    serve(api, [published])
    sync(until=LATER + datetime.timedelta(days=4), sleep=Sleeps())
    pending.refresh_from_db()
    assert pending.report_published_on is not None
    page = client.get(reverse("providers:service-detail", args=[service.pk]))
    assert "report not yet published" not in page.content.decode()
    service.refresh_from_db()
    assert service.rating == Rating.OUTSTANDING


def test_a_provider_user_of_another_provider_cannot_see_the_page(api, client, personas):
    data = generated_location(1)
    data["lastInspection"] = {"date": "2026-11-04"}
    serve(api, [data])
    sync(since=SINCE, until=UNTIL, sleep=Sleeps())
    service = Service.objects.get(location_id=data["locationId"])
    client.force_login(personas["provider_b"])
    page = client.get(reverse("providers:service-detail", args=[service.pk]))
    assert page.status_code in (403, 404)
    assert Provider.objects.filter(provider_id=data["providerId"]).exists()


def test_a_sync_killed_half_way_is_taken_up_at_its_checkpoint(api, settings):
    import socket
    import subprocess

    from django.utils import timezone

    settings.CAREQA_CQC_SYNC_BATCH = 2
    ids = serve_generated(api, 4)
    gone = subprocess.Popen(["true"])
    gone.wait()
    # What a process killed after committing its first batch leaves: still "Running".
    killed = CqcSync.objects.create(
        started_at=timezone.now(),
        window_start=SINCE,
        window_end=UNTIL,
        pid=gone.pid,
        host=socket.gethostname(),
        changed_ids=ids,
        next_index=2,
        batches=1,
    )
    (run,) = sync(until=UNTIL, sleep=Sleeps())
    assert run.pk == killed.pk and run.resumed == 1
    assert run.status == CqcSync.Status.SUCCEEDED and run.next_index == 4
    assert not api.requests_to("changes/location")
    assert not api.requests_to(f"locations/{ids[0]}")
    assert set(Service.objects.values_list("location_id", flat=True)) == set(ids[2:])


def test_a_batch_shows_on_the_imports_pages_as_from_the_api(api, client, personas):
    serve_generated(api, 3)
    (run,) = sync(since=SINCE, until=UNTIL, sleep=Sleeps())
    client.force_login(personas["qa_manager"])
    listing = client.get(reverse("regulators:import-list")).content.decode()
    assert "CQC API (changed locations)" in listing
    page = client.get(reverse("regulators:import-detail", args=[run.import_run_ids[0]]))
    text = page.content.decode()
    assert page.status_code == 200 and "CQC API: changes 2026-11-01T00:00:00Z" in text
    assert "File size" not in text


def test_a_deregistered_location_is_marked_inactive_but_not_added(api):
    ours = generated_location(1)
    serve(api, [ours])
    sync(since=SINCE, until=UNTIL, sleep=Sleeps())
    ended = generated_location(1, registrationStatus="Deregistered")
    ended["deregistrationDate"] = "2026-11-30"
    stranger = generated_location(2, registrationStatus="Deregistered")
    serve(api, [ended, stranger])
    (run,) = sync(until=LATER, sleep=Sleeps())
    service = Service.objects.get(location_id=ours["locationId"])
    assert service.active is False
    assert service.registration_end == datetime.date(2026, 11, 30)
    assert ChangeEvent.objects.filter(service=service, kind=ChangeEvent.Kind.DEREGISTERED).exists()
    assert not Service.objects.filter(location_id=stranger["locationId"]).exists()
    assert (run.locations_written, run.locations_skipped) == (1, 1)


def test_changes_are_read_page_by_page(api):
    ids = serve_generated(api, 5)
    api.set_changes(ids, per_page=2)
    (run,) = sync(since=SINCE, until=UNTIL, sleep=Sleeps())
    pages = [query["page"] for _path, query, _ in api.requests_to("changes/location")]
    assert pages == ["1", "2", "3"]
    assert run.changed_ids == ids and Service.objects.count() == 5


def test_a_provider_that_changed_alone_is_updated(api):
    data = generated_location(1)
    serve(api, [data])
    sync(since=SINCE, until=UNTIL, sleep=Sleeps())
    provider_id = data["providerId"]
    renamed = generated_provider(provider_id) | {"name": "Renamed Care Group Ltd"}
    api.set(f"providers/{provider_id}", renamed)
    api.set_changes([])
    api.set_provider_changes([provider_id, "1-GP-provider-not-ours"])
    (run,) = sync(until=LATER, sleep=Sleeps())
    assert Provider.objects.get(provider_id=provider_id).name == "Renamed Care Group Ltd"
    assert run.providers_fetched == 1 and run.next_provider_index == 2
    assert not api.requests_to("providers/1-GP-provider-not-ours")
    assert not Provider.objects.filter(provider_id="1-GP-provider-not-ours").exists()
    assert AuditEvent.objects.filter(
        record_type="providers.provider", action=AuditEvent.Action.CHANGED
    ).exists()
    (import_run,) = ImportRun.objects.filter(pk__in=run.import_run_ids)
    assert import_run.providers_updated == 1
