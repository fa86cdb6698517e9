"""The fixed vocabularies of intelligence, safeguarding and risk, in DOMAIN.md's words."""

from django.db import models


class Source(models.TextChoices):
    SAFEGUARDING_REFERRAL = "safeguarding_referral", "Safeguarding referral"
    COMPLAINT = "complaint", "Complaint"
    WHISTLEBLOWING = "whistleblowing", "Whistleblowing"
    REGULATOR = "regulator", "The regulator's alert or management review"
    NHS_QUALITY_NURSE = "nhs_quality_nurse", "NHS quality nurse"
    ANOTHER_COUNCIL = "another_council", "Another council"
    COMMUNITY_HEALTH = "community_health", "Community health teams"
    HEALTHWATCH = "healthwatch", "Healthwatch"
    POLICE_FIRE = "police_fire", "Police or fire service"
    MISSED_RETURN = "missed_return", "A missed data return"
    PROVIDER_NOTIFICATION = "provider_notification", "A provider notification"
    FEEDBACK = "feedback", "People's feedback"


class KeyQuestion(models.TextChoices):
    SAFE = "safe", "Safe"
    EFFECTIVE = "effective", "Effective"
    CARING = "caring", "Caring"
    RESPONSIVE = "responsive", "Responsive"
    WELL_LED = "well_led", "Well-led"


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class EntryStatus(models.TextChoices):
    OPEN = "open", "Open"
    UNDER_REVIEW = "under_review", "Under review"
    CLOSED = "closed", "Closed"


# Entries still needing someone's attention: they count towards the risk score.
OPEN_ENTRY_STATUSES = (EntryStatus.OPEN, EntryStatus.UNDER_REVIEW)


class SharingLevel(models.IntegerChoices):
    """Who may read an entry. The number orders them: the higher, the more restrictive,
    so the most restrictive level of several entries is simply the largest."""

    PARTNERS = 1, "Shareable with partners"
    COUNCIL = 2, "Council staff"
    QA_TEAM = 3, "QA team only"


class EnquiryKind(models.TextChoices):
    SECTION_42 = "s42", "Section 42 enquiry"
    CARE_CONCERN = "care_concern", "Care concern"


class RiskType(models.TextChoices):
    """The Safeguarding Adults Collection's types of risk."""

    PHYSICAL = "physical", "Physical"
    SEXUAL = "sexual", "Sexual"
    PSYCHOLOGICAL = "psychological", "Psychological"
    FINANCIAL = "financial", "Financial or material"
    DISCRIMINATORY = "discriminatory", "Discriminatory"
    ORGANISATIONAL = "organisational", "Organisational"
    NEGLECT = "neglect", "Neglect and acts of omission"
    DOMESTIC = "domestic", "Domestic abuse"
    SEXUAL_EXPLOITATION = "sexual_exploitation", "Sexual exploitation"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    SELF_NEGLECT = "self_neglect", "Self-neglect"


class RiskSource(models.TextChoices):
    """The Safeguarding Adults Collection's source of risk."""

    SERVICE_PROVIDER = "service_provider", "Service provider"
    KNOWN = "known", "Other: known to the individual"
    UNKNOWN = "unknown", "Other: unknown to the individual"


class RiskLocation(models.TextChoices):
    """The Safeguarding Adults Collection's location of risk (those a care service has)."""

    OWN_HOME = "own_home", "Own home"
    COMMUNITY = "community", "In the community (excluding community services)"
    COMMUNITY_SERVICE = "community_service", "In a community service"
    CARE_HOME_NURSING = "care_home_nursing", "Care home: nursing"
    CARE_HOME_RESIDENTIAL = "care_home_residential", "Care home: residential"
    HOSPITAL = "hospital", "Hospital"
    OTHER = "other", "Other"


class EnquiryOutcome(models.TextChoices):
    REMOVED = "removed", "Risk removed"
    REDUCED = "reduced", "Risk reduced"
    REMAINS = "remains", "Risk remains"


class Band(models.TextChoices):
    NOT_ENOUGH_EVIDENCE = "not_enough_evidence", "Not enough evidence"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    VERY_HIGH = "very_high", "Very high"


class ConcernTrigger(models.TextChoices):
    """What led a manager to open a provider concern (one or more)."""

    SEVERAL_ENQUIRIES = "several_enquiries", "Several section 42 enquiries"
    SEVERAL_AGENCIES = "several_agencies", "Complaints or concerns from several agencies"
    SERIOUS_INCIDENT = "serious_incident", "One serious incident"
    REGULATOR_REPORT = "regulator_report", "A poor report from the regulator"


class ConcernStatus(models.TextChoices):
    OPEN = "open", "Open"
    MEETING_HELD = "meeting_held", "Strategy meeting held"
    CLOSED = "closed", "Closed"


class Compliance(models.TextChoices):
    """Wirral's compliance framework: careqa.risk.rules.compliance says which."""

    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"
