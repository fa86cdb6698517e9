"""Comparator groups: named sets of councils that a council's figures are set beside."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from careqa.areas.models import Council


class ComparatorGroup(models.Model):
    """E.g. the seven West Midlands metropolitan councils the 2018 report calls 'the region'.

    Never deleted: a group a published report used is retired (`active` False) instead.
    """

    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    councils = models.ManyToManyField(
        Council, through="ComparatorGroupMember", related_name="comparator_groups"
    )
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # A name finds one group; a retired group's name may be used again.
            models.UniqueConstraint(
                Lower("name"),
                condition=models.Q(active=True),
                name="comparator_group_unique_active_name",
            )
        ]

    def __str__(self):
        return self.name

    def ordered_councils(self):
        """The group's councils in the order its tables show them."""
        return [member.council for member in self.members.select_related("council")]


class ComparatorGroupMember(models.Model):
    """One council of a group, with its place among the group's columns."""

    group = models.ForeignKey(ComparatorGroup, on_delete=models.CASCADE, related_name="members")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "council"], name="comparator_member_once")
        ]

    def __str__(self):
        return f"{self.council} in {self.group}"


class ReportBuild(models.Model):
    """One scrutiny report PDF asked for from its page and built by the job worker.

    The figures for a national register and the PDF take ten seconds or more, too long for
    a web request: the page queues the build and shows how far it has got, then offers the
    file. The file is kept for settings.CAREQA_REPORT_BUILD_DAYS (the schedule removes it
    after that); this row stays, as the record of who asked for which report.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        BUILDING = "building", "Building"
        DONE = "done", "Ready"
        FAILED = "failed", "Could not be built"
        REMOVED = "removed", "Removed after a week"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        ComparatorGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    as_at = models.DateField()
    convention = models.CharField(max_length=20)
    narrative = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # How far it has got, for the page's progress bar: sections done of sections.
    stage = models.CharField(max_length=60, blank=True)
    done = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    stored_file = models.CharField(max_length=300, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"Scrutiny report for {self.council} as at {self.as_at:%d %B %Y}"

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.REMOVED)
