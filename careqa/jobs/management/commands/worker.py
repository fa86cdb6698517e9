"""careqa worker: runs the background jobs (django-tasks-db's worker, with a heartbeat,
retries and the recovery of jobs left running by a killed worker: careqa/jobs/worker.py)."""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from careqa.jobs.worker import CareQAWorker


class Command(DbWorkerCommand):
    help = "Run CareQA's background jobs (imports, and whatever else is queued)."

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        worker = CareQAWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        # No reloading: a job must never be cut off half-way by a code change.
        worker.configure_signals()
        worker.run()
