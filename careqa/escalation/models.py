"""The escalation ladder on a service: each step taken, and a suspension's conditions."""

from django.conf import settings
from django.db import models

from careqa.escalation.vocab import DefaultOutcome, Placements, StepKind, StepStatus, Told
from careqa.providers.models import Contract, Service


class Step(models.Model):
    """One rung of the ladder taken (or proposed) for a service.

    Never deleted: lifting or stepping down ends a step and keeps it, with the reason.
    """

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="escalation_steps")
    # The live contract a suspension, default notice or termination changes.
    contract = models.ForeignKey(
        Contract, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    status = models.CharField(max_length=10, choices=StepStatus.choices)
    reason = models.TextField()
    evidence = models.TextField()
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_on = models.DateField()
    # Who decided: a manager, or the Commissioning and Quality meeting on its date.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by_meeting = models.BooleanField(default=False)
    meeting_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_reason = models.TextField(blank=True)
    # A suspension: which placements, and the risk assessment shared with the provider.
    placements = models.CharField(max_length=4, choices=Placements.choices, blank=True)
    placements_detail = models.CharField(max_length=200, blank=True)
    risk_assessment_shared_on = models.DateField(null=True, blank=True)
    # A default notice.
    clause = models.CharField(max_length=100, blank=True)
    failure = models.TextField(blank=True)
    remedy = models.TextField(blank=True)
    remedy_by = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=DefaultOutcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    # A termination without a prior default notice: the manager's reason for overriding.
    override_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-proposed_on", "-id"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        # The audit trail keeps this label, so it names the step, not its passing state.
        return self.get_kind_display()

    @property
    def since(self):
        return self.decided_on or self.proposed_on


class Condition(models.Model):
    """A condition for lifting a suspension, met or not yet."""

    SERVICE_PATH = "step__service"

    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="conditions")
    text = models.CharField(max_length=500)
    met = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.text


class Notification(models.Model):
    """Who was told of a suspension, and when."""

    SERVICE_PATH = "step__service"

    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="notifications")
    told = models.CharField(max_length=20, choices=Told.choices)
    detail = models.CharField(max_length=200, blank=True)
    told_on = models.DateField()

    class Meta:
        ordering = ["told_on", "id"]

    def __str__(self):
        return f"{self.get_told_display()} told on {self.told_on:%d %b %Y}"


class PeopleReview(models.Model):
    """A review of people already living at a suspended service: a placement reference or
    a count, never a name; done or outstanding."""

    SERVICE_PATH = "step__service"

    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="people_reviews")
    reference = models.CharField(max_length=100)
    people = models.PositiveIntegerField(default=1)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"Review of {self.reference} ({self.people})"
