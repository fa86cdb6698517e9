"""Meetings: a Commissioning and Quality meeting (or another registered kind), who came,
its agenda as it stood on the day, and the decision recorded on each item.

Nothing is deleted: an item stays on the agenda and a decision stays in the minutes.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from careqa.areas.models import Council
from careqa.escalation.models import Step
from careqa.meetings import kinds
from careqa.meetings.vocab import MeetingStatus, Outcome, Profession
from careqa.providers.models import Service
from careqa.visits.models import Visit


class Meeting(models.Model):
    kind = models.CharField(max_length=40, choices=kinds.choices)
    held_on = models.DateField("date")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    chair = models.CharField(max_length=200)
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # The day the agenda was built from the sections (None until then), and the meeting it
    # looked back to for "since the last meeting".
    agenda_built_on = models.DateField(null=True, blank=True)
    last_meeting = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["council", "kind", "held_on"])]

    def __str__(self):
        return f"{kinds.label(self.kind)}, {self.held_on.day} {self.held_on:%B %Y}"

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    @property
    def kind_label(self):
        return kinds.label(self.kind)


class Attendee(models.Model):
    """Someone at the meeting, by role and organisation (a name is optional)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendees")
    role = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    name = models.CharField(max_length=200, blank=True)
    profession = models.CharField(max_length=30, choices=Profession.choices, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        who = f"{self.name}, " if self.name else ""
        return f"{who}{self.role}, {self.organisation}"


class AgendaItem(models.Model):
    """One item on the agenda, about a service: proposed by a section when the agenda was
    built (kept as it read that day) or added by hand."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    section = models.CharField(max_length=60)
    section_title = models.CharField(max_length=200)
    section_order = models.PositiveIntegerField(default=100)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    by_hand = models.BooleanField(default=False)
    # What reading the item needs beyond seeing meetings (a permission's value; blank:
    # nothing more), and the sharing level of the intelligence it carries, if any: the
    # pack carries the most restrictive level of its items.
    permission = models.CharField(max_length=60, blank=True)
    sharing = models.PositiveSmallIntegerField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_on = models.DateField()

    class Meta:
        ordering = ["section_order", "section", "pk"]

    def __str__(self):
        return f"{self.service}: {self.topic}"[:300]

    @property
    def detail_lines(self):
        return [line for line in self.detail.splitlines() if line.strip()]


class Decision(models.Model):
    """What the meeting decided on an item, and why; the escalation step or visit it took."""

    SERVICE_PATH = "item__service"

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reason = models.TextField()
    # What the meeting noted (a kind that keeps a log: the surveillance log's entry).
    noted = models.TextField(blank=True)
    step = models.ForeignKey(
        Step, null=True, blank=True, on_delete=models.PROTECT, related_name="meeting_decisions"
    )
    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_on = models.DateField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.item.service}"[:300]


class MeetingAction(models.Model):
    """Something the meeting asked someone to do about a service: who, by when, and when
    it was done. Never deleted."""

    SERVICE_PATH = "service"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=500)
    owner = models.CharField(max_length=200)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"Meeting action {self.pk}"
