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
    # The quality surveillance meeting's own (careqa.risk.agenda_sections).
    SURVEILLANCE = "surveillance", "Keep under quality surveillance"
    REFER = "refer", "Refer to the Commissioning and Quality meeting"


class Profession(models.TextChoices):
    """The professions and partners at a quality surveillance meeting (DOMAIN.md)."""

    QA_TEAM = "qa_team", "The council's quality assurance team"
    COMMISSIONING = "commissioning", "Commissioning"
    COMMUNITY_NURSING = "community_nursing", "Community nursing"
    DIETETICS = "dietetics", "Dietetics"
    FALLS = "falls", "Falls team"
    INFECTION_CONTROL = "infection_control", "Infection prevention and control"
    HEALTHWATCH = "healthwatch", "Healthwatch"
    SOCIAL_WORK = "social_work", "Social work"
    SAFEGUARDING = "safeguarding", "Safeguarding adults"
    CQC = "cqc", "Care Quality Commission"
    NHS_QUALITY = "nhs_quality", "NHS quality nurse (integrated care board)"
    MEDICINES = "medicines", "Medicines optimisation (pharmacy)"
    TISSUE_VIABILITY = "tissue_viability", "Tissue viability"
    SPEECH_LANGUAGE = "speech_language", "Speech and language therapy"
    MENTAL_HEALTH = "mental_health", "Mental health"
    OTHER = "other", "Other"
