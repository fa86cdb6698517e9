"""Action plans: each item the provider must put right, the provider's response, the
progress notes and documents that follow it (ADR 0004: every record reaches its service).

State changes are actions of their own (careqa.plans.actions); the allowed moves are the
pure table in careqa.plans.rules.
"""

from django.conf import settings
from django.db import models

from careqa.plans.vocab import ItemSource, ItemState, NoteSource, PlanStatus
from careqa.providers.models import Service
from careqa.visits.models import Report, RequiredAction
from careqa.visits.vocab import Priority


class ActionPlan(models.Model):
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="action_plans")
    # The visit report it came from; none for a plan opened from desktop monitoring.
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.PROTECT, related_name="action_plans"
    )
    opened_on = models.DateField()
    response_due = models.DateField()
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "-pk"]
        constraints = [
            # One open plan a service: later findings become items of it.
            models.UniqueConstraint(
                fields=["service"],
                condition=models.Q(status="open"),
                name="action_plan_one_open_a_service",
            )
        ]

    def __str__(self):
        return f"Action plan for {self.service}, opened {self.opened_on:%d %B %Y}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("plans:detail", args=[self.pk])


class PlanItem(models.Model):
    SERVICE_PATH = "plan__service"

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="items")
    # A key question (safe … well_led) or one of Ofsted's three areas.
    area = models.CharField(max_length=30)
    remedy = models.TextField("what must be remedied")
    priority = models.CharField(max_length=10, choices=Priority.choices)
    evidence_needed = models.TextField("the evidence that will show it is done", blank=True)
    owner = models.CharField("owner at the provider", max_length=200, blank=True)
    source = models.CharField(max_length=30, choices=ItemSource.choices, default=ItemSource.VISIT)
    required_action = models.ForeignKey(
        RequiredAction, null=True, blank=True, on_delete=models.PROTECT, related_name="plan_items"
    )
    state = models.CharField(
        max_length=20, choices=ItemState.choices, default=ItemState.AWAITING_RESPONSE
    )
    # The date the response agreed to meet it by (the item's clock).
    due_on = models.DateField(null=True, blank=True)
    completion_evidence = models.TextField("evidence that it is done", blank=True)
    completed_on = models.DateField(null=True, blank=True)
    # Who recorded the completion: an officer entering it on the provider's behalf.
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_on = models.DateField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verification_note = models.TextField(blank=True)
    reopened_reason = models.TextField(blank=True)
    added_on = models.DateField()

    class Meta:
        ordering = ["plan", "pk"]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self):
        return self.remedy[:80]


class Response(models.Model):
    """The provider's response to a plan: a record of its own, so the provider portal can
    let a provider user write it. An officer may enter it on the provider's behalf."""

    SERVICE_PATH = "plan__service"

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="responses")
    received_on = models.DateField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of_provider = models.BooleanField("entered on the provider's behalf", default=True)
    accepted_on = models.DateField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acceptance_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"Response to the {self.plan}, received {self.received_on:%d %B %Y}"


class ResponseAction(models.Model):
    """One of the response's actions for an item: how it will be met, by whom, by when."""

    SERVICE_PATH = "response__plan__service"

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="actions")
    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="response_actions")
    how = models.TextField("how it will be met")
    who = models.CharField("by whom", max_length=200)
    by_when = models.DateField("by when")

    class Meta:
        ordering = ["item", "pk"]

    def __str__(self):
        return self.how[:80]


class ProgressNote(models.Model):
    SERVICE_PATH = "item__plan__service"

    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="notes")
    noted_on = models.DateField()
    source = models.CharField(max_length=30, choices=NoteSource.choices)
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-noted_on", "-pk"]

    def __str__(self):
        return f"{self.get_source_display()} note of {self.noted_on:%d %B %Y}"


class Attachment(models.Model):
    """A document attached to an item, stored through Django's storage API (a council can
    point `default` storage at its own). Never deleted."""

    SERVICE_PATH = "item__plan__service"

    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to="plans/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.original_name
