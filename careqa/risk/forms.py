"""The forms of intelligence, safeguarding enquiries and the score's weights."""

from django import forms

from careqa.govuk.forms import GovukDateField
from careqa.risk.rules.score import Weights
from careqa.risk.vocab import (
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
