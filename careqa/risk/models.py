"""Intelligence about services, safeguarding enquiries, and each service's risk score
with its history and the weights it is computed with."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from careqa.accounts.permissions import Permission
from careqa.providers.models import Provider, Service
from careqa.risk.vocab import (
    Band,
    ConcernStatus,
    EnquiryKind,
    EnquiryOutcome,
    EntryStatus,
    KeyQuestion,
    RiskLocation,
    RiskSource,
    Severity,
    SharingLevel,
    Source,
)

LEVEL_PERMISSION = {
    SharingLevel.PARTNERS: Permission.VIEW_SHARED_INTELLIGENCE,
    SharingLevel.COUNCIL: Permission.VIEW_COUNCIL_INTELLIGENCE,
    SharingLevel.QA_TEAM: Permission.VIEW_QA_INTELLIGENCE,
}


class IntelligenceEntry(models.Model):
    """Something the team has learnt about a service, or a provider (all its services).

    Never deleted: closing keeps it, with its outcome.
    """

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="intelligence"
    )
    provider = models.ForeignKey(
        Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="intelligence"
    )
    source = models.CharField(max_length=30, choices=Source.choices)
    received_on = models.DateField("date received")
    summary = models.TextField()
    key_question = models.CharField(max_length=20, choices=KeyQuestion.choices, blank=True)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    status = models.CharField(max_length=20, choices=EntryStatus.choices, default=EntryStatus.OPEN)
    outcome = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    sharing = models.PositiveSmallIntegerField("sharing level", choices=SharingLevel.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name_plural = "intelligence entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False) | Q(provider__isnull=False),
                name="intelligence_about_something",
            )
        ]

    def __str__(self):
        # Kept on the audit trail: a number, never the summary.
        return f"Intelligence entry {self.pk}"

    @property
    def permission(self) -> Permission:
        return LEVEL_PERMISSION[SharingLevel(self.sharing)]


class SafeguardingEnquiry(models.Model):
    """A Care Act section 42 enquiry or a care concern about a service: references and
    counts only, never a person's name."""

    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="safeguarding_enquiries"
    )
    kind = models.CharField(max_length=20, choices=EnquiryKind.choices)
    reference = models.CharField("safeguarding reference", max_length=60, blank=True)
    # Safeguarding Adults Collection types of risk (RiskType values), one or more.
    risk_types = models.JSONField("types of risk", default=list)
    risk_source = models.CharField("source of risk", max_length=30, choices=RiskSource.choices)
    risk_location = models.CharField(
        "location of risk", max_length=30, choices=RiskLocation.choices
    )
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=EnquiryOutcome.choices, blank=True)
    lessons = models.TextField("lessons the provider reported back", blank=True)
    summary = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name_plural = "safeguarding enquiries"

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def risk_type_labels(self):
        from careqa.risk.vocab import RiskType

        return [RiskType(t).label for t in self.risk_types if t in RiskType.values]


class RiskWeight(models.Model):
    """A manager's change to one of the score's weights; a weight without a row has its
    default (careqa.risk.rules.score.Weights)."""

    key = models.CharField(max_length=60, unique=True)
    points = models.IntegerField()

    def __str__(self):
        return f"Risk weight {self.key}"


class ServiceRisk(models.Model):
    """A service's current risk score and its reasons."""

    service = models.OneToOneField(Service, on_delete=models.PROTECT, related_name="risk")
    score = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=20, choices=Band.choices)
    # [[words, points], ...], adding up to the score.
    reasons = models.JSONField(default=list)
    computed_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["-score"], name="risk_by_score")]

    def __str__(self):
        return f"Risk of {self.service_id}: {self.score}"


class RiskHistory(models.Model):
    """A row each time a service's score or band changes: the trend on its page."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="risk_history")
    on = models.DateField()
    score = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=20, choices=Band.choices)

    class Meta:
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["service", "on"])]

    def __str__(self):
        return f"{self.on}: {self.score}"


class ProviderConcern(models.Model):
    """An organisational safeguarding enquiry (a large-scale or whole-service enquiry) about
    a service, or a provider (all its services): opened by a manager's decision, through its
    strategy meeting and risk and improvement plan, to its close with the findings.

    Never deleted; closed is final.
    """

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="provider_concerns"
    )
    provider = models.ForeignKey(
        Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="concerns"
    )
    # ConcernTrigger values, one or more.
    triggers = models.JSONField("what led to it", default=list)
    decision = models.TextField("the decision and its reasons")
    decided_by = models.CharField(
        "who made the decision", max_length=200, help_text="Name and role"
    )
    opened_on = models.DateField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="led_concerns"
    )
    status = models.CharField(
        max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    strategy_meeting_due = models.DateField()
    strategy_meeting_on = models.DateField(null=True, blank=True)
    strategy_meeting_notes = models.TextField(blank=True)
    plan = models.TextField("risk and improvement plan", blank=True)
    commissioning_intentions = models.TextField(blank=True)
    closed_on = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(service__isnull=False) | Q(provider__isnull=False),
                name="provider_concern_about_something",
            )
        ]
        indexes = [models.Index(fields=["status"], name="concern_by_status")]

    def __str__(self):
        # Kept on the audit trail: a number, never the decision.
        return f"Provider concern {self.pk}"

    @property
    def subject(self):
        return self.service or self.provider

    @property
    def trigger_labels(self):
        from careqa.risk.vocab import ConcernTrigger

        return [ConcernTrigger(t).label for t in self.triggers if t in ConcernTrigger.values]


class StrategyMeetingAttendee(models.Model):
    """Someone at a provider concern's strategy meeting."""

    concern = models.ForeignKey(ProviderConcern, on_delete=models.PROTECT, related_name="attendees")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.name}, {self.role}, {self.organisation}"


class ConcernSuspension(models.Model):
    """A suspension of new placements taken when the concern was opened, in its transaction:
    the escalation ladder's own step, linked here without the ladder knowing concerns."""

    concern = models.ForeignKey(
        ProviderConcern, on_delete=models.PROTECT, related_name="suspensions"
    )
    step = models.OneToOneField(
        "escalation.Step", on_delete=models.PROTECT, related_name="provider_concern_link"
    )

    def __str__(self):
        return f"Suspension {self.step_id} of concern {self.concern_id}"
