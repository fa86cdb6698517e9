"""Monitoring visits: who visits what and when, what they found, and the report.

Every record here points at a service (directly, or through its visit), so the register's
permissions and audit trail reach it without knowing it (ADR 0004).
"""

import secrets

from django.conf import settings
from django.db import models

from careqa.areas.models import Council
from careqa.providers.models import Service
from careqa.providers.vocab import Rating
from careqa.visits.vocab import (
    Answer,
    CommentStatus,
    Mode,
    Priority,
    ReportStatus,
    Sentiment,
    ServiceKind,
    Theme,
    ViewMethod,
    ViewRole,
    VisitStatus,
    VisitType,
)


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class OfficerProfile(models.Model):
    """An officer's capacity and patch, which the programme is planned against."""

    officer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visit_profile"
    )
    visits_per_week = models.PositiveSmallIntegerField(default=4)
    # Monday 0 … Friday 4: the days they work.
    working_days = models.JSONField(default=list)
    # Their patch: councils and kinds of service they cover (none = any).
    councils = models.ManyToManyField(Council, blank=True, related_name="+")
    service_types = models.JSONField(default=list, blank=True)
    # The secret in their calendar feed's address; resetting it cuts off old subscriptions.
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    plans_visits = models.BooleanField(
        default=True, help_text="Whether the programme gives this officer visits."
    )

    def __str__(self):
        return f"Visits of {self.officer}"

    @property
    def working_day_names(self):
        names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
        return [names[d] for d in sorted(self.working_days) if 0 <= d < len(names)]


class LeadOfficer(models.Model):
    """The officer who leads on a service we commission: the provider's single point of
    contact, who plans its visits and gets its alerts."""

    service = models.OneToOneField(Service, on_delete=models.PROTECT, related_name="lead")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lead_services"
    )
    assigned_on = models.DateField()

    def __str__(self):
        return f"{self.officer} leads on {self.service}"


class QuestionSet(models.Model):
    """The questions asked on visits to one kind of service. A change makes a new version;
    a visit keeps the version it used."""

    kind = models.CharField(max_length=30, choices=ServiceKind.choices)
    version = models.PositiveIntegerField()
    active = models.BooleanField(default=True)
    note = models.CharField(max_length=300, blank=True, help_text="What changed, and why.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="question_set_version"),
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(active=True), name="question_set_one_active"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} questions, version {self.version}"


class Question(models.Model):
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.PROTECT, related_name="questions"
    )
    key = models.SlugField(max_length=80)
    # A key question (safe … well_led) or one of Ofsted's three areas.
    area = models.CharField(max_length=30)
    order = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=400)
    guidance = models.TextField(blank=True, help_text="What good looks like.")
    # CQC's evidence categories to seek (question_bank.EVIDENCE_CATEGORIES).
    evidence = models.JSONField(default=list, blank=True)
    # Its reference in other frameworks: {"CQC quality statement": "…", "PAMMS": "…"}.
    references = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["question_set", "order"]
        constraints = [
            models.UniqueConstraint(fields=["question_set", "key"], name="question_key_in_set")
        ]

    def __str__(self):
        return self.text

    @property
    def evidence_labels(self):
        from careqa.visits.question_bank import EVIDENCE_CATEGORIES

        return [EVIDENCE_CATEGORIES.get(code, code) for code in self.evidence]


class Visit(models.Model):
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="visits")
    # The programme year the visit belongs to.
    year = models.PositiveSmallIntegerField()
    visit_type = models.CharField(max_length=30, choices=VisitType.choices)
    theme = models.CharField(max_length=30, choices=Theme.choices, blank=True)
    announced = models.BooleanField(default=True)
    mode = models.CharField(max_length=12, choices=Mode.choices, default=Mode.ON_SITE)
    planned_on = models.DateField()
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    carried_out_on = models.DateField(null=True, blank=True)
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="led_visits"
    )
    other_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="helped_visits"
    )
    # Joint visits: who else came (an NHS quality nurse, another council), in words, and
    # the partners' CareQA accounts, who may then see this visit.
    joint_with = models.CharField(max_length=300, blank=True)
    partners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="joint_visits"
    )
    status = models.CharField(
        max_length=20, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    cancelled_reason = models.TextField(blank=True)
    # Set when a manager moved or added it by hand: re-planning then leaves it alone.
    fixed_by_hand = models.BooleanField(default=False)
    # Why the programme planned it, in words (from visit_needs).
    reasons = models.TextField(blank=True)
    question_set = models.ForeignKey(
        QuestionSet, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    # The record of what happened.
    purpose = models.TextField(blank=True)
    methodology = models.TextField(
        blank=True, help_text="Who was seen, what was read and what was observed."
    )
    interaction_observed = models.TextField("staff and people interacting", blank=True)
    environment_observed = models.TextField("the environment", blank=True)
    guidance_given = models.TextField("guidance or signposting given", blank=True)
    verbal_feedback = models.TextField("verbal feedback at the end", blank=True)
    overall_rule = models.CharField(
        "overall judgement by the rule", max_length=24, choices=Rating.choices, blank=True
    )
    overall = models.CharField(
        "overall judgement", max_length=24, choices=Rating.choices, blank=True
    )
    overall_departure_reason = models.TextField("reason for departing from the rule", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["planned_on", "id"]
        indexes = [
            models.Index(fields=["year", "status"]),
            models.Index(fields=["lead_officer", "planned_on"]),
            models.Index(fields=["service", "planned_on"]),
        ]

    def __str__(self):
        on = self.day
        return f"{self.get_visit_type_display()} to {self.service} on {on.day} {on:%B %Y}"

    @property
    def day(self):
        """The day it happened, or is planned for."""
        return self.carried_out_on or self.planned_on


class Finding(models.Model):
    """The answer to one question on one visit, with its evidence."""

    SERVICE_PATH = "visit__service"

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="findings")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=20, choices=Answer.choices)
    evidence = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["question__order"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "question"], name="finding_once_a_question")
        ]

    def __str__(self):
        return f"{self.question}: {self.get_answer_display()}"


class AreaJudgement(models.Model):
    """The judgement of one key question (or Ofsted area) on a visit."""

    SERVICE_PATH = "visit__service"

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="judgements")
    area = models.CharField(max_length=30)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    by_rule = models.CharField(max_length=24, choices=Rating.choices, blank=True)
    judgement = models.CharField(max_length=24, choices=Rating.choices, blank=True)
    departure_reason = models.TextField("reason for departing from the rule", blank=True)
    evidence = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "area"], name="judgement_once_an_area")
        ]

    def __str__(self):
        return f"{self.area}: {self.get_judgement_display()}"


class ImmediateConcern(models.Model):
    """A concern raised on the spot at a visit."""

    SERVICE_PATH = "visit__service"

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="concerns")
    concern = models.TextField()
    raised_with = models.CharField(max_length=200, help_text="Who it was raised with.")
    safeguarding_referral = models.BooleanField("became a safeguarding referral", default=False)

    def __str__(self):
        return self.concern[:80]


class PersonView(models.Model):
    """What someone told us about a service: at a visit or at any other time. A name is
    never required; the report shows views without names."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="views_heard")
    visit = models.ForeignKey(
        Visit, null=True, blank=True, on_delete=models.PROTECT, related_name="views"
    )
    heard_on = models.DateField()
    role = models.CharField("who", max_length=20, choices=ViewRole.choices)
    method = models.CharField("how", max_length=20, choices=ViewMethod.choices)
    said = models.TextField("what they said")
    sentiment = models.CharField(max_length=10, choices=Sentiment.choices)
    consent_to_share = models.BooleanField("agreed that it may be shared", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-heard_on", "-id"]

    def __str__(self):
        return f"{self.get_sentiment_display()} view from a {self.get_role_display().lower()}"


class RequiredAction(models.Model):
    """What the provider must put right, written at the visit: the action plan's input."""

    SERVICE_PATH = "visit__service"

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="required_actions")
    area = models.CharField(max_length=30)
    priority = models.CharField(max_length=10, choices=Priority.choices)
    action = models.TextField("what must be put right")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.action[:80]


class Report(models.Model):
    """The visit report. Issuing freezes a version; a correction after issue makes a new
    version and keeps the old one (superseded)."""

    SERVICE_PATH = "visit__service"

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="reports")
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # Everything the report shows, frozen when it is issued (presenters.report_content).
    content = models.JSONField(default=dict, blank=True)
    correction_note = models.TextField(blank=True)
    issued_on = models.DateField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["visit", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "version"], name="report_version_once")
        ]

    def __str__(self):
        return f"Report on the {self.visit}, version {self.version}"


class FactualAccuracyComment(models.Model):
    """A provider's comment that an issued report gets a fact wrong, and the council's
    answer. An accepted comment is put right by the report's correction (a new version);
    the comment is kept with the version it was made on. Never deleted."""

    SERVICE_PATH = "report__visit__service"

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="comments")
    # Where in the report, in the provider's words ("Safe, second paragraph").
    where = models.CharField("where in the report", max_length=200, blank=True)
    comment = models.TextField("what is not accurate, and what is")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=CommentStatus.choices, default=CommentStatus.AWAITING
    )
    answer = models.TextField("the council's answer", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["made_at", "pk"]
        indexes = [models.Index(fields=["status", "made_at"])]

    def __str__(self):
        return f"Factual-accuracy comment on the {self.report}"
