"""What came from the regulators: each import run. What it found lives in the register
(careqa.providers: the rating history and change events), which holds the run as a plain id.
"""

from django.conf import settings
from django.db import models

from careqa.providers.vocab import Regulator


class Layout(models.TextChoices):
    CQC_DIRECTORY = "cqc_directory", "CQC care directory (CSV)"
    CQC_HSCA = "cqc_hsca", "CQC care directory with filters (HSCA active locations)"
    CQC_RATINGS = "cqc_ratings", "CQC care directory with ratings (Latest ratings)"
    OFSTED_PROVIDERS = "ofsted_providers", "Ofsted children's social care providers"


class ImportRun(models.Model):
    class Status(models.TextChoices):
        # Uploaded and waiting for the job worker (careqa.regulators.tasks).
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    regulator = models.CharField(max_length=10, choices=Regulator.choices)
    layout = models.CharField(max_length=20, choices=Layout.choices, blank=True)
    file_name = models.CharField(max_length=300)
    file_size = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    snapshot_date = models.DateField(null=True, blank=True)
    # A full national file: services it does not list are marked inactive.
    full_register = models.BooleanField(default=False)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by_name = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RUNNING)
    # The process doing the import, so that a run left "Running" by a crash or a kill is
    # recognised once that process has gone (see actions.fail_abandoned_runs).
    pid = models.PositiveIntegerField(null=True, blank=True)
    host = models.CharField(max_length=255, blank=True)
    # An uploaded file's temporary folder, removed when an abandoned run is cleaned up.
    upload_path = models.CharField(max_length=1000, blank=True)
    # An upload imported as a job: the file's name in Django's storage until the job ends.
    stored_file = models.CharField(max_length=500, blank=True)
    error = models.TextField(blank=True)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    deactivated = models.PositiveIntegerField(default=0)
    new_ratings = models.PositiveIntegerField(default=0)
    # Ratings already on record that this file completed (key questions, publication date).
    ratings_updated = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    # Rows outside the register's scope (GPs, dentists, hospitals), counted, not kept.
    skipped = models.PositiveIntegerField(default=0)
    providers_created = models.PositiveIntegerField(default=0)
    providers_updated = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display().lower()})"

    @property
    def counts(self):
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deactivated": self.deactivated,
            "new ratings": self.new_ratings,
            "ratings completed": self.ratings_updated,
            "rejected": self.rejected,
        }
