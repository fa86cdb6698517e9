"""The visits app's fixed vocabularies, in DOMAIN.md's words."""

from django.db import models


class VisitType(models.TextChoices):
    CONTRACT_REVIEW = "contract_review", "Contract review"
    SERVICE_REVIEW = "service_review", "Service review"
    INITIAL = "initial", "Initial visit"
    ROUTINE = "routine_monitoring", "Routine monitoring visit"
    THEMED = "themed", "Themed visit"
    SUSPENDED_SERVICE = "suspended_service", "Visit to a suspended service"


class Theme(models.TextChoices):
    MEDICATION = "medication", "Medication"
    INFECTION_CONTROL = "infection_control", "Infection prevention and control"
    NUTRITION = "nutrition", "Nutrition and hydration"
    FALLS = "falls", "Falls"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    STAFFING = "staffing", "Staffing"
    END_OF_LIFE = "end_of_life", "End of life care"
    DIGNITY = "dignity", "Dignity and respect"
    OTHER = "other", "Other"


class Mode(models.TextChoices):
    ON_SITE = "on_site", "On site"
    VIRTUAL = "virtual", "Virtual (video call)"


class VisitStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    CARRIED_OUT = "carried_out", "Carried out"
    REPORT_DRAFTED = "report_drafted", "Report drafted"
    REPORT_ISSUED = "report_issued", "Report issued"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


# A visit in one of these states has happened: re-planning never moves it.
HAPPENED = (
    VisitStatus.CARRIED_OUT,
    VisitStatus.REPORT_DRAFTED,
    VisitStatus.REPORT_ISSUED,
    VisitStatus.CLOSED,
)


class Answer(models.TextChoices):
    MET = "met", "Met"
    PARTLY_MET = "partly_met", "Partly met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class ViewRole(models.TextChoices):
    RESIDENT = "resident", "Person using the service"
    RELATIVE = "relative", "Relative or friend"
    CARER = "carer", "Unpaid carer"
    STAFF = "staff", "Staff member"
    PROFESSIONAL = "professional", "Visiting professional"


class ViewMethod(models.TextChoices):
    AT_VISIT = "at_visit", "At the visit"
    PHONE = "phone", "By phone"
    EMAIL = "email", "By e-mail"
    FACE_TO_FACE = "face_to_face", "Face to face, away from the visit"


class Sentiment(models.TextChoices):
    POSITIVE = "positive", "Positive"
    MIXED = "mixed", "Mixed"
    NEGATIVE = "negative", "Negative"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"
    SUPERSEDED = "superseded", "Superseded by a correction"


class ServiceKind(models.TextChoices):
    """The kinds of service a question set is written for (question_bank.SERVICE_KINDS)."""

    CARE_HOME_NURSING = "care_home_nursing", "Care home with nursing"
    CARE_HOME = "care_home", "Care home without nursing"
    HOME_CARE = "home_care", "Home care"
    SUPPORTED_LIVING = "supported_living", "Supported living"
    EXTRA_CARE = "extra_care", "Extra care housing"
    DAY_SERVICE = "day_service", "Day service"
    CHILDRENS_HOME = "childrens_home", "Children's home"
    FOSTERING_AGENCY = "fostering_agency", "Independent fostering agency"


class CommentStatus(models.TextChoices):
    """A provider's factual-accuracy comment on an issued report, and the council's answer."""

    AWAITING = "awaiting", "Awaiting the council's answer"
    ACCEPTED = "accepted", "Accepted: the report will be corrected"
    DECLINED = "declined", "Declined"
