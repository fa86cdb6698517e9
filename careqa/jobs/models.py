"""The job worker's heartbeat, the schedule's runs, and notices for the administrators.

The jobs themselves are django-tasks-db's DBTaskResult rows (the queue, in the database).
"""

from django.db import models


class WorkerHeartbeat(models.Model):
    """One running (or last seen) `careqa worker`: /healthz wants a recent beat."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)
    # Set when the worker stops cleanly; a killed worker never sets it.
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-beat_at"]

    def __str__(self):
        return f"worker {self.worker_id} (process {self.pid} on {self.host})"


class ScheduleRun(models.Model):
    """One run of one entry of the daily schedule (careqa/jobs/schedule.py)."""

    class Outcome(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    name = models.CharField(max_length=100, db_index=True)
    # The day it ran for: the scheduler runs each entry once a day.
    day = models.DateField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.RUNNING)
    # What the command said (the first lines), or why it failed.
    output = models.TextField(blank=True)
    # "scheduler", "run-schedule" (cron) or a person's name.
    started_by = models.CharField(max_length=200)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.name} on {self.day} ({self.get_outcome_display().lower()})"


class AdministratorNotice(models.Model):
    """Something an administrator must look at: a job that stopped after its last attempt."""

    occurred_at = models.DateTimeField()
    subject = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    # The job it is about (a DBTaskResult id), if any.
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self):
        return self.subject
