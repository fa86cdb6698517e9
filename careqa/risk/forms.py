"""The forms of intelligence, safeguarding enquiries and the score's weights."""

from django import forms

from careqa.escalation.vocab import Placements
from careqa.govuk.forms import GovukDateField
from careqa.risk.rules.score import Weights
from careqa.risk.vocab import (
    ConcernTrigger,
    EnquiryKind,
    EnquiryOutcome,
    EntryStatus,
    KeyQuestion,
    RiskLocation,
    RiskSource,
    RiskType,
    Severity,
    SharingLevel,
    Source,
)


def _blank(choices, label="Choose"):
    return [("", label), *choices]


class EntryForm(forms.Form):
    source = forms.ChoiceField(choices=_blank(Source.choices))
    received_on = GovukDateField(name_in_messages="Date received", label="Date received")
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    key_question = forms.ChoiceField(
        choices=_blank(KeyQuestion.choices, "None in particular"), required=False
    )
    severity = forms.ChoiceField(widget=forms.RadioSelect, choices=Severity.choices)
    sharing = forms.TypedChoiceField(
        label="Sharing level",
        widget=forms.RadioSelect,
        choices=[(str(v), label) for v, label in reversed(SharingLevel.choices)],
        coerce=int,
        help_text="Who may read it. A list or download that includes it carries its level.",
    )
    whole_provider = forms.BooleanField(
        label="About the provider: every one of its services", required=False
    )

    FIELDS = ("source", "received_on", "summary", "key_question", "severity", "sharing")

    def entry_fields(self):
        return {f: self.cleaned_data[f] for f in self.FIELDS}


class EntryStatusForm(forms.Form):
    status = forms.ChoiceField(widget=forms.RadioSelect, choices=EntryStatus.choices)
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Needed to close the entry.",
    )


class EnquiryForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of enquiry", widget=forms.RadioSelect, choices=EnquiryKind.choices
    )
    reference = forms.CharField(
        label="Safeguarding reference", required=False, help_text="A reference, never a name."
    )
    risk_types = forms.MultipleChoiceField(
        label="Types of risk", widget=forms.CheckboxSelectMultiple, choices=RiskType.choices
    )
    risk_source = forms.ChoiceField(label="Source of risk", choices=_blank(RiskSource.choices))
    risk_location = forms.ChoiceField(
        label="Location of risk", choices=_blank(RiskLocation.choices)
    )
    opened_on = GovukDateField(name_in_messages="Date opened", label="Date opened")
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    FIELDS = (
        "kind",
        "reference",
        "risk_types",
        "risk_source",
        "risk_location",
        "opened_on",
        "summary",
    )

    def enquiry_fields(self):
        return {f: self.cleaned_data[f] for f in self.FIELDS}


class CloseEnquiryForm(forms.Form):
    closed_on = GovukDateField(name_in_messages="Date closed", label="Date closed")
    outcome = forms.ChoiceField(widget=forms.RadioSelect, choices=EnquiryOutcome.choices)
    lessons = forms.CharField(
        label="Lessons the provider reported back",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Needed to close a care concern.",
    )


WEIGHT_LABELS = {name: name.replace("_", " ").capitalize() for name in Weights.names()}


class WeightsForm(forms.Form):
    def __init__(self, *args, weights: Weights, **kwargs):
        super().__init__(*args, **kwargs)
        for name in Weights.names():
            self.fields[name] = forms.IntegerField(
                label=WEIGHT_LABELS[name],
                min_value=0,
                max_value=100,
                initial=getattr(weights, name),
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                help_text="A threshold" if name in Weights.THRESHOLDS else "Points",
            )


class _OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


def _officers():
    from careqa.accounts.models import User
    from careqa.accounts.roles import Role

    return User.objects.filter(
        is_active=True, role__in=[Role.QA_OFFICER, Role.QA_MANAGER]
    ).order_by("first_name", "last_name", "pk")


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class OpenConcernForm(forms.Form):
    """Open a provider concern; optionally suspend new placements at once."""

    whole_provider = forms.BooleanField(
        label="About the provider: every one of its services", required=False
    )
    triggers = forms.MultipleChoiceField(
        label="What led to it",
        widget=forms.CheckboxSelectMultiple,
        choices=ConcernTrigger.choices,
        error_messages={"required": "Select what led to the provider concern"},
    )
    decision = forms.CharField(
        label="The decision and its reasons",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the decision and its reasons"},
    )
    decided_by = forms.CharField(
        label="Who made the decision",
        help_text="Their name and role, such as the Director of Adult Social Services.",
        max_length=200,
        error_messages={"required": "Enter who made the decision"},
    )
    lead_officer = _OfficerChoice(
        label="Lead officer",
        queryset=None,  # the officers, read when the form is made
        error_messages={"required": "Select the lead officer"},
    )
    opened_on = GovukDateField(name_in_messages="Date opened", label="Date opened")
    suspend = forms.BooleanField(
        label="Suspend new placements now, through the escalation ladder", required=False
    )
    review_on = GovukDateField(
        name_in_messages="Review date", label="Review date of the suspension", required=False
    )
    placements = forms.ChoiceField(
        label="Which new placements are suspended",
        widget=forms.RadioSelect,
        choices=Placements.choices,
        required=False,
    )
    placements_detail = forms.CharField(
        label="Which placements (if some)", required=False, max_length=200
    )
    conditions = forms.CharField(
        label="Conditions for lifting the suspension",
        help_text="One a line.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = _officers()

    def suspension(self):
        data = self.cleaned_data
        if not data.get("suspend"):
            return None
        return {
            "review_on": data.get("review_on"),
            "placements": data.get("placements", ""),
            "placements_detail": data.get("placements_detail", ""),
            "conditions": _lines(data.get("conditions")),
        }

    def concern_fields(self):
        return {
            f: self.cleaned_data[f]
            for f in ("triggers", "decision", "decided_by", "lead_officer", "opened_on")
        }


class StrategyMeetingForm(forms.Form):
    held_on = GovukDateField(name_in_messages="Date of the meeting", label="Date of the meeting")
    attendees = forms.CharField(
        label="Attendees",
        help_text="One a line: name, role, organisation.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter at least one attendee"},
    )
    notes = forms.CharField(
        label="What the meeting agreed", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def clean_attendees(self):
        people = []
        for number, line in enumerate(_lines(self.cleaned_data["attendees"]), start=1):
            parts = [p.strip() for p in line.split(",")]
            if len(parts) < 3 or not all(parts[:3]):
                raise forms.ValidationError(
                    f"Line {number}: write the attendee as name, role, organisation"
                )
            # An organisation's name may hold a comma: the rest of the line is it.
            people.append((parts[0], parts[1], ", ".join(parts[2:])))
        return people


class ConcernPlanForm(forms.Form):
    plan = forms.CharField(
        label="Risk and improvement plan", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    commissioning_intentions = forms.CharField(
        label="Commissioning intentions",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class CloseConcernForm(forms.Form):
    closed_on = GovukDateField(name_in_messages="Date closed", label="Date closed")
    findings = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the findings"},
    )
