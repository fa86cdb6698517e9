"""The "Jobs and schedule" page: the worker, recent jobs, the schedule and its runs, and
notices for the administrators."""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from careqa.accounts.authz import require_permission
from careqa.accounts.permissions import Permission
from careqa.jobs import schedule
from careqa.jobs.models import AdministratorNotice, ScheduleRun, WorkerHeartbeat
from careqa.jobs.worker import attempts, last_error_line

RECENT = 25
STATUS_LABELS = {
    "READY": "Waiting",
    "RUNNING": "Running",
    "SUCCESSFUL": "Succeeded",
    "FAILED": "Failed",
}


@require_permission(Permission.CONFIGURE_COUNCIL)
def jobs_page(request):
    since = timezone.now() - timedelta(seconds=settings.CAREQA_HEARTBEAT_MAX_AGE)
    workers = WorkerHeartbeat.objects.filter(stopped_at=None, beat_at__gte=since)
    last_runs = {}
    for run in ScheduleRun.objects.all()[:200]:
        last_runs.setdefault(run.name, run)
    jobs = [
        {
            "name": row.task_name,
            "status": STATUS_LABELS.get(row.status, row.status),
            "failed": row.status == "FAILED",
            "enqueued_at": row.enqueued_at,
            "finished_at": row.finished_at,
            "attempts": attempts(row),
            "error": last_error_line(row) if row.status == "FAILED" else "",
        }
        for row in DBTaskResult.objects.order_by("-enqueued_at")[:RECENT]
    ]
    return render(
        request,
        "jobs/page.html",
        {
            "workers": workers,
            "notices": AdministratorNotice.objects.all()[:RECENT],
            "jobs": jobs,
            "entries": [(e, last_runs.get(e.name)) for e in schedule.entries()],
            "runs": ScheduleRun.objects.all()[:RECENT],
            "max_attempts": settings.CAREQA_JOB_ATTEMPTS,
        },
    )
