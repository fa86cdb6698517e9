"""The scrutiny report built by the job worker: queued from its page, built with progress,
kept for a week, then removed by the schedule (the request's record stays).

Writes here are the job's own bookkeeping (status, progress, the file); the request itself
is audited when it is queued, in the same transaction as the queued row.
"""

import datetime
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from careqa.audit.actions import record_event
from careqa.audit.models import AuditEvent
from careqa.insights.models import ReportBuild
from careqa.jobs.worker import on_give_up

STAGE_FIGURES = "Working out the figures"
STAGE_PDF = "Drawing the PDF"


def queue_report(*, council, group, as_at, convention, narrative, by) -> ReportBuild:
    """Record the request and queue its build (after the transaction commits)."""
    with transaction.atomic():
        build = ReportBuild.objects.create(
            requested_by=by,
            council=council,
            group=group,
            as_at=as_at,
            convention=convention,
            narrative=narrative,
        )
        record_event(
            obj=build,
            action=AuditEvent.Action.CREATED,
            changes={
                "council": (None, str(council)),
                "group": (None, str(group) if group else "the council's region"),
                "as_at": (None, as_at.isoformat()),
                "convention": (None, convention),
                "narrative sections edited": (None, len(narrative)),
            },
            by=by,
            note="Scrutiny report asked for",
        )
        transaction.on_commit(lambda: build_scrutiny_report.enqueue(build.pk))
    return build


def _progress(build_id, stage, done, total):
    ReportBuild.objects.filter(pk=build_id).update(stage=stage, done=done, total=total)


@task()
def build_scrutiny_report(build_id):
    """Build the PDF of request `build_id` into storage; returns its status."""
    from careqa.insights.reports.pdf import file_name, report_pdf
    from careqa.insights.reports.scrutiny import build_report, default_scope

    build = ReportBuild.objects.select_related("council", "group").get(pk=build_id)
    if build.finished:
        return build.status  # queued twice
    started = time.monotonic()
    ReportBuild.objects.filter(pk=build_id).update(status=ReportBuild.Status.BUILDING)
    scope = default_scope(build.council, build.as_at, build.group, build.convention)
    report = build_report(
        scope,
        build.narrative,
        progress=lambda done, total: _progress(build_id, STAGE_FIGURES, done, total),
    )
    sections = len(report.sections)
    _progress(build_id, STAGE_PDF, sections, sections)
    pdf = report_pdf(report)
    # A name of its own per build, so a retried build never serves another's half file.
    stored = default_storage.save(f"reports/{build_id}/{file_name(report)}", ContentFile(pdf))
    ReportBuild.objects.filter(pk=build_id).update(
        status=ReportBuild.Status.DONE,
        stored_file=stored,
        file_name=file_name(report),
        size=len(pdf),
        seconds=time.monotonic() - started,
        finished_at=timezone.now(),
        stage="",
    )
    return ReportBuild.Status.DONE


@on_give_up(build_scrutiny_report)
def _gave_up(row, reason):
    ReportBuild.objects.filter(pk=row.args_kwargs["args"][0]).exclude(
        status=ReportBuild.Status.DONE
    ).update(
        status=ReportBuild.Status.FAILED,
        error=f"The report could not be built (tried {settings.CAREQA_JOB_ATTEMPTS} times): "
        f"{reason}. An administrator has been told.",
        finished_at=timezone.now(),
    )


def remove_old_reports(now=None):
    """Remove the files of builds older than CAREQA_REPORT_BUILD_DAYS; for the schedule."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.CAREQA_REPORT_BUILD_DAYS)
    removed = 0
    for build in ReportBuild.objects.filter(status=ReportBuild.Status.DONE, finished_at__lt=cutoff):
        if build.stored_file:
            default_storage.delete(build.stored_file)
        ReportBuild.objects.filter(pk=build.pk).update(
            status=ReportBuild.Status.REMOVED, stored_file=""
        )
        removed += 1
    return (
        f"Scrutiny report files removed after {settings.CAREQA_REPORT_BUILD_DAYS} days: {removed}"
    )
