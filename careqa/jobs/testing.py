"""For tests: run the queued jobs here and now, as the worker would (retries included)."""

from django_tasks_db.models import DBTaskResult

from careqa.jobs.worker import CareQAWorker


def run_queued_jobs(limit=20):
    """Run jobs that are ready, one at a time, until none is; returns how many ran."""
    worker = CareQAWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while ran < limit and (row := DBTaskResult.objects.ready().first()) is not None:
        row.claim(worker.worker_id)
        worker.run_task(row)
        ran += 1
    return ran
