"""Data returns: the council's return templates (versioned), the returns services send
against them (the figures read one value of each across services and months, from the
JSON, in the database), what the daily clocks have done (reminders sent, missed returns and
alerts raised), and quality-improvement programmes."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from careqa.providers.models import Service
from careqa.returns import rules


class Period(models.TextChoices):
    MONTHLY = rules.MONTHLY, "Monthly"
    WEEKLY = rules.WEEKLY, "Weekly"
    DAILY = rules.DAILY, "Daily"
    ONE_OFF = rules.ONE_OFF, "One-off"


class Source(models.TextChoices):
    FORM = "form", "Form"
    UPLOAD = "upload", "Uploaded file"
    CAPACITY_TRACKER = "capacity_tracker", "Capacity Tracker export"


class ReturnTemplate(models.Model):
    """One version of a return the council asks for. Editing makes a new version (the
    old one kept, `current` False); `key` is the same across versions."""

    key = models.SlugField(max_length=60)
    version = models.PositiveIntegerField(default=1)
    current = models.BooleanField(default=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    # ' residential nursing ', as Service.service_types.
    service_types = models.CharField(max_length=200)
    period = models.CharField(max_length=10, choices=Period.choices)
    window_opens = models.PositiveSmallIntegerField(default=1)
    window_closes = models.PositiveSmallIntegerField(default=1)
    opens_on = models.DateField(null=True, blank=True)  # one-off returns
    closes_on = models.DateField(null=True, blank=True)
    # A return the council switches on and off (the situation return, in a crisis).
    switched_on = models.BooleanField(default=True)
    fields = models.JSONField(default=list)  # rules.spec_to_json of each field, in order
    cross_rules = models.JSONField(default=list)  # rules.rule_to_json of each rule
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="return_template_version"),
            models.UniqueConstraint(
                fields=["key"], condition=Q(current=True), name="return_template_one_current"
            ),
        ]

    def __str__(self):
        return f"{self.name} (version {self.version})"

    @property
    def schedule(self) -> rules.Schedule:
        return rules.Schedule(
            self.period, self.window_opens, self.window_closes, self.opens_on, self.closes_on
        )

    @property
    def specs(self) -> tuple[rules.FieldSpec, ...]:
        cached = getattr(self, "_specs", None)
        if cached is None:
            cached = self._specs = rules.specs_from_json(self.fields)
        return cached

    @property
    def rules(self) -> tuple[rules.CrossRule, ...]:
        return rules.rules_from_json(self.cross_rules)

    @property
    def type_codes(self):
        return self.service_types.split()

    @property
    def type_labels(self):
        from careqa.providers.vocab import ServiceType

        return [ServiceType(c).label for c in self.type_codes if c in ServiceType.values]


class Submission(models.Model):
    """A service's return for one period, against the template version it answered. A
    second return for the same period supersedes the first, which is kept."""

    template = models.ForeignKey(ReturnTemplate, on_delete=models.PROTECT, related_name="+")
    template_key = models.SlugField(max_length=60)  # the template's key, for every version
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="returns")
    period_start = models.DateField()
    submitted_on = models.DateField()
    late = models.BooleanField(default=False)
    values = models.JSONField(default=dict)  # {code: value as rules.clean_value keeps it}
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.FORM)
    # Entered by the council's staff for the provider (by telephone, from an e-mail).
    on_behalf = models.BooleanField("entered on the provider's behalf", default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    superseded = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["template_key", "service", "period_start"],
                condition=Q(superseded=False),
                name="one_live_return_a_period",
            )
        ]
        indexes = [
            models.Index(
                fields=["template_key", "period_start"],
                condition=Q(superseded=False),
                name="live_returns_by_period",
            )
        ]

    def __str__(self):
        return f"Return {self.pk}"


class ReturnValue(models.Model):
    """A number of a live return (yes as 1, no as 0), for the figures: one field over months
    and services is one index range. Written and deleted in bulk with the return."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    template_key = models.CharField(max_length=60)
    code = models.CharField(max_length=40)
    period_start = models.DateField()
    number = models.FloatField()

    class Meta:
        indexes = [
            # Covers the figures' query: nothing but the index is read.
            models.Index(
                fields=["template_key", "code", "period_start", "service", "number"],
                name="return_values_by_field",
            )
        ]

    def __str__(self):
        return f"{self.code} of return {self.submission_id}"


class Clock(models.Model):
    """What the daily job did for a service's return of one period, once only: a
    reminder sent, a missed return or a value outside the thresholds raised as intelligence."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Reminder sent"
        MISSED = "missed", "Missed return"
        ALERT = "alert", "Value outside the council's thresholds"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    template_key = models.SlugField(max_length=60)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField()
    code = models.CharField(max_length=40, blank=True)  # the field, for an alert
    intelligence = models.ForeignKey(
        "risk.IntelligenceEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "template_key", "service", "period_start", "code"],
                name="return_clock_once",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"


class Programme(models.Model):
    """A quality-improvement programme (a two-year care-home safety programme run with the
    NHS, say): its participating services and beds, the measures it follows from one return,
    and its events. Its page shows the measures against the participants' baseline."""

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    template_key = models.SlugField("return", max_length=60)
    measures = models.JSONField(default=list)  # field codes of the return, in order
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self):
        return self.name


class Participant(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="participants")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    beds = models.PositiveIntegerField()
    joined_on = models.DateField()

    class Meta:
        ordering = ["service__name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "service"], name="one_place_a_programme")
        ]

    def __str__(self):
        return f"Participant {self.pk}"


class ProgrammeEvent(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="events")
    held_on = models.DateField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self):
        return self.title
