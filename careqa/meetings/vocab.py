"""The meetings' fixed words: a meeting's states and the decisions an item can get."""

from django.db import models


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    APPROVED = "approved", "Minutes approved"


class Outcome(models.TextChoices):
    NO_ACTION = "no_action", "No action"
    MONITOR = "monitor", "Monitor (additional monitoring)"
    FURTHER_VISIT = "further_visit", "Further visit"
    SUSPEND = "suspend", "Suspend new placements"
    LIFT = "lift", "Lift the suspension"
    DEFAULT_NOTICE = "default_notice", "Contract default notice"
    SAFEGUARDING = "safeguarding", "Refer to safeguarding"
