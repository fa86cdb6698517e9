"""Health, retries, the administrators' notices, the schedule and its page."""

import datetime
import logging

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from careqa.jobs import schedule
from careqa.jobs.models import AdministratorNotice, ScheduleRun, WorkerHeartbeat
from careqa.jobs.testing import run_queued_jobs
from careqa.jobs.tests.tasks import always_fails

pytestmark = pytest.mark.django_db


def beat(seconds_ago):
    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        worker_id=f"w{seconds_ago}",
        host="h",
        pid=1,
        started_at=now,
        beat_at=now - datetime.timedelta(seconds=seconds_ago),
    )


def test_healthz_is_unavailable_without_a_worker(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (503, b"unavailable")


def test_healthz_is_ok_with_a_recent_heartbeat_and_needs_no_sign_in(client):
    beat(5)
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


def test_healthz_is_unavailable_when_the_last_beat_is_older_than_the_setting(client, settings):
    settings.CAREQA_HEARTBEAT_MAX_AGE = 60
    beat(61)
    assert client.get("/healthz").status_code == 503


def test_a_failing_job_is_tried_three_times_then_stops_and_tells_the_administrators():
    job = always_fails.enqueue()
    for attempt in (1, 2, 3):
        # Due again at once for the test (the worker waits a little between attempts).
        DBTaskResult.objects.filter(pk=job.id).update(run_after=timezone.now())
        assert run_queued_jobs(limit=1) == 1
        row = DBTaskResult.objects.get(pk=job.id)
        assert len(row.worker_ids) == attempt
        assert row.status == ("FAILED" if attempt == 3 else "READY")
    assert run_queued_jobs() == 0
    notice = AdministratorNotice.objects.get()
    assert notice.subject == "A background job stopped after 3 attempts: always_fails"
    assert notice.detail == "RuntimeError: the regulator's server said no"


def test_the_schedule_has_the_daily_work_of_the_apps():
    names = {e.name for e in schedule.entries()}
    assert {"policy-check", "deadline-check"} <= names


def test_due_entries_run_once_a_day_at_or_after_their_time(monkeypatch):
    monkeypatch.setattr(schedule, "_entries", {})
    schedule.register("early", "06:00", description="e", call=lambda: "did it")
    schedule.register("late", "23:59", description="l", call=lambda: "")
    morning = timezone.make_aware(datetime.datetime(2026, 12, 2, 7, 0))

    (run,) = schedule.run_due(started_by="test", now=morning)
    assert (run.name, run.outcome, run.output) == ("early", "succeeded", "did it")
    assert schedule.run_due(started_by="test", now=morning) == []  # once a day


def test_a_failed_run_is_logged_with_its_reason_and_told(monkeypatch):
    monkeypatch.setattr(schedule, "_entries", {})

    def broken():
        raise ValueError("no such table")

    schedule.register("broken", "00:00", description="b", call=broken)
    (run,) = schedule.run_due(started_by="cron")
    assert run.outcome == ScheduleRun.Outcome.FAILED
    assert "ValueError('no such table')" in run.output
    assert AdministratorNotice.objects.get().subject == "The daily broken failed"


def test_run_schedule_runs_the_named_commands_for_cron(capsys):
    from django.core.management import call_command

    call_command("run_schedule", "policy-check", "deadline-check")
    runs = {r.name: r for r in ScheduleRun.objects.all()}
    assert runs["policy-check"].outcome == "succeeded"
    assert "No service in our area has fallen" in runs["policy-check"].output
    assert "visit reports overdue: 0" in runs["deadline-check"].output


def test_the_jobs_page_shows_notices_jobs_and_runs_to_administrators(client, personas):
    AdministratorNotice.objects.create(occurred_at=timezone.now(), subject="A job stopped")
    always_fails.enqueue()
    schedule.run_entry(schedule.entry("deadline-check"), started_by="scheduler")
    client.force_login(personas["administrator"])
    html = client.get(reverse("jobs:page")).text
    assert "A job stopped" in html
    assert "always_fails" in html and "Waiting" in html
    assert "deadline-check" in html and "Succeeded" in html
    client.force_login(personas["qa_officer"])
    assert client.get(reverse("jobs:page")).status_code == 403


def test_each_request_is_logged_as_one_line_with_its_request_id(client, caplog, personas):
    client.force_login(personas["qa_officer"])
    with caplog.at_level(logging.INFO, logger="careqa.requests"):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-given-id-123")
        other = client.get("/no-such-page/")
    assert response["X-Request-ID"] == "proxy-given-id-123"
    assert len(other["X-Request-ID"]) == 32  # made here when none (or a bad one) is given
    first, second = (r for r in caplog.records if r.name == "careqa.requests")
    assert (first.request_id, first.method, first.path, first.status) == (
        "proxy-given-id-123",
        "GET",
        "/healthz",
        503,
    )
    assert first.user_id == personas["qa_officer"].pk and first.duration_ms >= 0
    assert second.status == 404 and second.request_id == other["X-Request-ID"]
