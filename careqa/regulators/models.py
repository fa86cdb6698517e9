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
    CQC_API = "cqc_api", "CQC API (changed locations)"


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


class CqcSync(models.Model):
    """One run of the CQC API sync (careqa.regulators.cqc_api): its change window and progress.

    The window [window_start, window_end) is CQC's changes between two instants; the ids it
    listed are kept so that an interrupted run resumes where its last committed batch ended
    (next_index) without asking CQC again. The next sync starts from the window_end of the
    latest succeeded run, so the window only moves on once every batch has committed.
    """

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RUNNING)
    # The process running it, so that a run left "Running" by a kill can be resumed.
    pid = models.PositiveIntegerField(null=True, blank=True)
    host = models.CharField(max_length=255, blank=True)
    # The location ids CQC listed as changed in the window, in its order, without repeats;
    # None until the whole list has been read.
    changed_ids = models.JSONField(null=True, blank=True)
    next_index = models.PositiveIntegerField(default=0)
    # The same for the providers CQC listed as changed, read once the locations are done.
    changed_provider_ids = models.JSONField(null=True, blank=True)
    next_provider_index = models.PositiveIntegerField(default=0)
    batches = models.PositiveIntegerField(default=0)
    # Times this run was taken up again after an interruption.
    resumed = models.PositiveIntegerField(default=0)
    locations_written = models.PositiveIntegerField(default=0)
    # Changed locations outside the register's scope (GPs, dentists, hospitals).
    locations_skipped = models.PositiveIntegerField(default=0)
    # Changed locations CQC no longer knows (404): marked deregistered, never deleted.
    locations_gone = models.PositiveIntegerField(default=0)
    providers_fetched = models.PositiveIntegerField(default=0)
    unpublished_inspections = models.PositiveIntegerField(default=0)
    requests = models.PositiveIntegerField(default=0)
    retries = models.PositiveIntegerField(default=0)
    # The ImportRun of each committed batch.
    import_run_ids = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"CQC sync {self.window_start:%Y-%m-%d %H:%M} to {self.window_end:%Y-%m-%d %H:%M}"

    @property
    def changes(self):
        return len(self.changed_ids or ())


class UnpublishedInspection(models.Model):
    """An inspection CQC has made whose report it has not yet published (from the API).

    Kept once the report is out (report_published_on set) for the record; the service page
    shows only the open ones, so the team knows a new rating is coming.
    """

    service = models.ForeignKey(
        "providers.Service", on_delete=models.PROTECT, related_name="unpublished_inspections"
    )
    inspected_on = models.DateField()
    # The last report CQC had published when the inspection was seen (None: never any).
    previous_report_on = models.DateField(null=True, blank=True)
    found_on = models.DateField()
    found_by_sync = models.BigIntegerField(null=True, blank=True)
    report_published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-inspected_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "inspected_on"], name="unpublished_inspection_once"
            )
        ]

    def __str__(self):
        return f"Inspected on {self.inspected_on:%-d %B %Y}, report not yet published"
