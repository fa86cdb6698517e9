"""Escalation forms: GOV.UK patterns; the actions hold the rules, so a form only parses."""

from django import forms

from careqa.escalation.vocab import DefaultOutcome, Placements, StepKind, Told
from careqa.govuk.forms import GovukDateField, radio_options


class RadioOptions:
    """`form.<field>_options` in a template: the GOV.UK radios' options for that field."""

    def __getattr__(self, name):
        field = name.removesuffix("_options")
        if name.endswith("_options") and field in self.fields:
            return radio_options(self[field])
        raise AttributeError(name)


def _text(label, help_text="", required=False, max_length=None):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"{label} must be {max_length} characters or fewer"},
    )


# The fields each step asks for, in order, beyond reason and evidence.
FIELDS_BY_KIND = {
    StepKind.MONITORING: ("review_on",),
    StepKind.REFERRAL: ("review_on",),
    StepKind.SUSPENSION: (
        "placements",
        "placements_detail",
        "conditions",
        "risk_assessment_shared_on",
        "review_on",
    ),
    StepKind.DEFAULT_NOTICE: ("clause", "failure", "remedy", "remedy_by", "review_on"),
    StepKind.TERMINATION: ("override_reason",),
}
DECISION_CHOICES = [("manager", "I decide, as a manager"), ("meeting", "The meeting decided")]


class StepForm(RadioOptions, forms.Form):
    """Every field a step may ask for; the page shows those of its kind (FIELDS_BY_KIND)."""

    reason = _text("Reason", "Why this step is needed now.")
    evidence = _text("Evidence", "What the decision rests on: visits, ratings, concerns.")
    placements = forms.ChoiceField(
        label="Which new placements are suspended",
        choices=Placements.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    placements_detail = forms.CharField(
        label="Which placements (if some)",
        help_text="For example, nursing beds only.",
        max_length=200,
        required=False,
        error_messages={"max_length": "Which placements must be 200 characters or fewer"},
    )
    conditions = _text(
        "Conditions for lifting", "One condition a line. Each is marked met or not later."
    )
    risk_assessment_shared_on = GovukDateField(
        label="Date the risk assessment was shared with the provider (optional)",
        name_in_messages="Date the risk assessment was shared",
        required=False,
        help_text="For example, 3 3 2027",
    )
    clause = forms.CharField(
        label="Contract clause",
        max_length=100,
        required=False,
        error_messages={"max_length": "Contract clause must be 100 characters or fewer"},
    )
    failure = _text("What was not done")
    remedy = _text("The remedy required")
    remedy_by = GovukDateField(
        label="Deadline for the remedy",
        name_in_messages="Deadline for the remedy",
        required=False,
        help_text="For example, 31 3 2027",
    )
    review_on = GovukDateField(
        label="Review date",
        name_in_messages="Review date",
        required=False,
        help_text="Today or later. For example, 31 3 2027",
    )
    override_reason = _text(
        "Reason to terminate without a default notice (only if there has been none)",
        "A termination needs a prior default notice, unless a manager overrides with a reason.",
    )
    decided = forms.ChoiceField(
        label="Who decided", choices=DECISION_CHOICES, widget=forms.RadioSelect, required=False
    )
    meeting_on = GovukDateField(
        label="Date of the meeting", name_in_messages="Date of the meeting", required=False
    )

    def __init__(self, *args, kind, deciding, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = StepKind(kind)
        self.deciding = deciding
        keep = {"reason", "evidence", *FIELDS_BY_KIND[self.kind]}
        if deciding:
            keep |= {"decided", "meeting_on"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if self.deciding:
            if data.get("decided") not in ("manager", "meeting"):
                self.add_error("decided", "Select who decided")
            elif data["decided"] == "meeting" and not data.get("meeting_on"):
                if "meeting_on" not in self.errors:
                    self.add_error("meeting_on", "Enter the date of the meeting")
        return data

    def step_fields(self) -> dict:
        data = self.cleaned_data
        return {
            name: data.get(name) if name in DATE_FIELDS else (data.get(name) or "")
            for name in self.fields
            if name not in ("conditions", "decided", "meeting_on")
        }

    def conditions_list(self) -> list[str]:
        text = self.cleaned_data.get("conditions") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def meeting_date(self):
        if self.deciding and self.cleaned_data.get("decided") == "meeting":
            return self.cleaned_data.get("meeting_on")
        return None


DATE_FIELDS = ("review_on", "remedy_by", "risk_assessment_shared_on")


class EndForm(forms.Form):
    reason = _text("Reason", required=True)
    unmet_reason = _text(
        "Reason to lift before every condition is met (only if some are not)",
    )

    def __init__(self, *args, with_conditions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Enter the reason"
        if not with_conditions:
            del self.fields["unmet_reason"]


class DecideForm(RadioOptions, forms.Form):
    agree = forms.ChoiceField(
        label="Is the step agreed?",
        choices=[("yes", "Yes, put it in force"), ("no", "No, it is not agreed")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the step is agreed"},
    )
    decided = forms.ChoiceField(
        label="Who decided",
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who decided"},
    )
    meeting_on = GovukDateField(
        label="Date of the meeting (if the meeting decided)",
        name_in_messages="Date of the meeting",
        required=False,
    )
    review_on = GovukDateField(
        label="New review date (optional)",
        name_in_messages="New review date",
        required=False,
        help_text="Only if the proposed review date has passed or should change.",
    )
    note = _text("Reason it is not agreed (if not)")

    def clean(self):
        data = super().clean()
        if data.get("decided") == "meeting" and not data.get("meeting_on"):
            if "meeting_on" not in self.errors:
                self.add_error("meeting_on", "Enter the date of the meeting")
        return data


class OutcomeForm(RadioOptions, forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=DefaultOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome"},
    )
    note = _text("What happened", required=True)
    remedy_by = GovukDateField(
        label="New deadline (if extended)", name_in_messages="New deadline", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].error_messages["required"] = "Enter what happened"


class ReviewForm(forms.Form):
    notes = _text("What the review found", required=True)
    next_review_on = GovukDateField(
        label="Next review date", name_in_messages="Next review date", help_text="Today or later."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes"].error_messages["required"] = "Enter what the review found"


class ConditionsForm(forms.Form):
    met = forms.MultipleChoiceField(
        label="Conditions met", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, conditions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["met"].choices = [(str(c.pk), c.text) for c in conditions]
        self.initial.setdefault("met", [str(c.pk) for c in conditions if c.met])


class NotificationForm(RadioOptions, forms.Form):
    told = forms.ChoiceField(
        label="Who was told",
        choices=Told.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who was told"},
    )
    detail = forms.CharField(
        label="Which team or council (optional)",
        max_length=200,
        required=False,
        error_messages={"max_length": "Which team or council must be 200 characters or fewer"},
    )
    told_on = GovukDateField(label="Date they were told", name_in_messages="Date they were told")


class PeopleReviewForm(forms.Form):
    reference = forms.CharField(
        label="Placement reference, or who is reviewed",
        help_text="For example, PL-0042, or 'the people we fund on the nursing floor'. No names.",
        max_length=100,
        error_messages={
            "required": "Enter a placement reference or who is reviewed",
            "max_length": "Placement reference must be 100 characters or fewer",
        },
    )
    people = forms.IntegerField(
        label="Number of people",
        min_value=1,
        max_value=1000,
        initial=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the number of people",
            "invalid": "Number of people must be a whole number",
            "min_value": "Number of people must be 1 or more",
            "max_value": "Number of people must be 1000 or fewer",
        },
    )
