"""What came from the regulators: each import, each published rating, each change it found."""

from django.conf import settings
from django.db import models

from careqa.providers.models import Service
from careqa.providers.vocab import Rating, Regulator


class Layout(models.TextChoices):
    CQC_DIRECTORY = "cqc_directory", "CQC care directory (CSV)"
    CQC_HSCA = "cqc_hsca", "CQC care directory with filters (HSCA active locations)"
    CQC_RATINGS = "cqc_ratings", "CQC care directory with ratings (Latest ratings)"
    OFSTED_PROVIDERS = "ofsted_providers", "Ofsted children's social care providers"


class ImportRun(models.Model):
    class Status(models.TextChoices):
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


class PublishedRating(models.Model):
    """One rating as the regulator published it: a row of a service's rating history."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="ratings")
    regulator = models.CharField(max_length=10, choices=Regulator.choices)
    # The day from which this rating stood: its publication date, or, where the regulator's
    # file gives none (Ofsted 2015-16), the inspection date.
    rated_on = models.DateField()
    published = models.DateField(null=True, blank=True)
    inspected = models.DateField(null=True, blank=True)
    overall = models.CharField(max_length=24, choices=Rating.choices)
    # The regulator's own word, kept as published ("Requires improvement to be good").
    overall_as_published = models.CharField(max_length=80, blank=True)
    safe = models.CharField(max_length=24, choices=Rating.choices, null=True, blank=True)
    effective = models.CharField(max_length=24, choices=Rating.choices, null=True, blank=True)
    caring = models.CharField(max_length=24, choices=Rating.choices, null=True, blank=True)
    responsive = models.CharField(max_length=24, choices=Rating.choices, null=True, blank=True)
    well_led = models.CharField(max_length=24, choices=Rating.choices, null=True, blank=True)
    experiences_progress = models.CharField(
        max_length=24, choices=Rating.choices, null=True, blank=True
    )
    help_protection = models.CharField(max_length=24, choices=Rating.choices, null=True, blank=True)
    leadership = models.CharField(max_length=24, choices=Rating.choices, null=True, blank=True)
    # Snapshot date of the earliest file that carried this rating: a file dated 31 March
    # can list a rating published after that day, and then it held as at 31 March.
    listed_on = models.DateField(null=True, blank=True)
    # Snapshot date of the first file that gave an earlier rating, or none, as the latest:
    # the regulator no longer stands by this one (e.g. a report withdrawn after challenge).
    withdrawn_on = models.DateField(null=True, blank=True)
    inherited = models.BooleanField(null=True, blank=True)
    report_type = models.CharField(max_length=40, blank=True)
    import_run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-rated_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["service", "rated_on"], name="rating_once_a_day")
        ]
        indexes = [models.Index(fields=["rated_on"])]

    def __str__(self):
        return f"{self.get_overall_display()} ({self.rated_on:%d %b %Y})"


class ChangeEvent(models.Model):
    """A change an import found in the register, shown on the timeline and import summary."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", "Newly registered"
        DEREGISTERED = "deregistered", "Deregistered"
        REACTIVATED = "reactivated", "Listed again"
        FIRST_RATING = "first_rating", "First rating"
        RATING_UP = "rating_up", "Rating up"
        RATING_DOWN = "rating_down", "Rating down"
        RATING_SAME = "rating_same", "Re-rated, no change"
        RATING_WITHDRAWN = "rating_withdrawn", "Rating withdrawn"
        BEDS_CHANGED = "beds_changed", "Beds changed"
        RENAMED = "renamed", "Renamed"

    import_run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="changes")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="change_events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    old_value = models.CharField(max_length=300, blank=True)
    new_value = models.CharField(max_length=300, blank=True)
    occurred_on = models.DateField()

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.service}"
