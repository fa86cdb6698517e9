"""The escalation ladder's words: its steps, their states and a default notice's outcomes."""

from django.db import models


class StepKind(models.TextChoices):
    """The ladder, lowest rung first (DOMAIN.md)."""

    MONITORING = "monitoring", "Additional monitoring"
    REFERRAL = "referral", "Referral to the Commissioning and Quality meeting"
    SUSPENSION = "suspension", "Suspension of new placements"
    DEFAULT_NOTICE = "default_notice", "Contract default notice"
    TERMINATION = "termination", "Contract termination"


# Steps that change what the contract says, and so need a live contract.
CONTRACT_STEPS = (StepKind.SUSPENSION, StepKind.DEFAULT_NOTICE, StepKind.TERMINATION)


class StepStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CURRENT = "current", "Current"
    ENDED = "ended", "Ended"
    DECLINED = "declined", "Not agreed"


class Placements(models.TextChoices):
    ALL = "all", "All new placements"
    SOME = "some", "Some new placements"


class DefaultOutcome(models.TextChoices):
    REMEDIED = "remedied", "Remedied"
    EXTENDED = "extended", "Deadline extended"
    WITHDRAWN = "withdrawn", "Withdrawn (the record is kept)"
    ESCALATED = "escalated", "Escalated"
