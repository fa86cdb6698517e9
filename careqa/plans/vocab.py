"""The action plans' fixed vocabularies, in DOMAIN.md's words."""

from django.db import models


class PlanStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ItemState(models.TextChoices):
    AWAITING_RESPONSE = "awaiting_response", "Awaiting response"
    AGREED = "agreed", "Agreed"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed by the provider"
    VERIFIED = "verified", "Verified"
    REOPENED = "reopened", "Reopened"


class ItemSource(models.TextChoices):
    VISIT = "visit", "A monitoring visit"
    DESKTOP_MONITORING = "desktop_monitoring", "Desktop monitoring"
    COMPLAINT = "complaint", "A complaint"
    OTHER = "other", "Other"


class NoteSource(models.TextChoices):
    DESKTOP_MONITORING = "desktop_monitoring", "Desktop monitoring"
    DATA_RETURN = "data_return", "Data return"
    VISIT = "visit", "Visit"
    CALL = "call", "Call"
    MEETING = "meeting", "Meeting"
    PROVIDER = "provider", "The provider, through the portal"
