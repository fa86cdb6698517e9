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


class Told(models.TextChoices):
    """Who is told of a suspension."""

    COMMISSIONERS = "commissioners", "Our commissioners"
    SOCIAL_WORK = "social_work", "Social work teams"
    NHS = "nhs", "The NHS commissioner"
    REGULATOR = "regulator", "CQC or Ofsted"
    OTHER_COUNCILS = "other_councils", "Other councils that place there"
