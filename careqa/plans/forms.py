"""Action plan forms: GOV.UK patterns, messages that say what to do, nothing saved
half-way (the rules that need the plan are the actions', shown against these fields)."""

from django import forms
from django.utils.html import format_html

from careqa.govuk.forms import GovukDateField
from careqa.plans.vocab import ItemSource, NoteSource
from careqa.providers.vocab import (
    CQC_KEY_QUESTIONS,
    KEY_QUESTION_LABELS,
    OFSTED_AREAS,
    Regulator,
)
from careqa.visits.forms import RadioOptions, _OfficerChoice, officers
from careqa.visits.vocab import Priority, VisitType

DATE_HINT = "For example, 14 3 2026"


class ItemForm(RadioOptions, forms.Form):
    area = forms.ChoiceField(
        label="Key question or area",
        choices=list(KEY_QUESTION_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the key question or area"},
    )
    remedy = forms.CharField(
        label="What must be remedied",
        widget=forms.Textarea,
        error_messages={"required": "Enter what must be remedied"},
    )
    priority = forms.ChoiceField(
        label="Priority",
        choices=Priority.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the priority"},
    )
    evidence_needed = forms.CharField(
        label="The evidence that will show it is done",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the evidence that will show it is done"},
    )
    owner = forms.CharField(
        label="Owner at the provider",
        max_length=200,
        help_text="Who at the provider is responsible, for example the registered manager",
        error_messages={"required": "Enter who at the provider owns the item"},
    )
    source = forms.ChoiceField(
        label="Where did this come from?",
        choices=ItemSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the item came from"},
    )

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        # CQC's five key questions, or Ofsted's three areas for children's services.
        areas = OFSTED_AREAS if service.regulator == Regulator.OFSTED else CQC_KEY_QUESTIONS
        self.fields["area"].choices = [(a, KEY_QUESTION_LABELS[a]) for a in areas]


class ItemActionsForm(forms.Form):
    """For every item of a plan, how it will be met, by whom and by when: the provider's
    response, whether an officer enters it (below) or the provider does (the portal)."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for number, item in enumerate(self.items, start=1):
            which = format_html('<span class="govuk-visually-hidden"> for item {}</span>', number)
            self.fields[f"item-{item.pk}-how"] = forms.CharField(
                label=format_html("How it will be met{}", which),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )
            self.fields[f"item-{item.pk}-who"] = forms.CharField(
                label=format_html("By whom{}", which), max_length=200, required=False
            )
            self.fields[f"item-{item.pk}-by_when"] = GovukDateField(
                label=format_html("By when{}", which),
                name_in_messages="By when",
                help_text=DATE_HINT,
                required=False,
            )

    def rows(self):
        return [
            {
                "item": item,
                "how": self[f"item-{item.pk}-how"],
                "who": self[f"item-{item.pk}-who"],
                "by_when": self[f"item-{item.pk}-by_when"],
            }
            for item in self.items
        ]


class ResponseForm(ItemActionsForm):
    """The provider's response: for each item, how it will be met, by whom and by when."""

    received_on = GovukDateField(
        label="Date received", name_in_messages="Date received", help_text=DATE_HINT
    )
    on_behalf_of_provider = forms.BooleanField(
        label="I am entering this on the provider's behalf", required=False, initial=True
    )

    def clean(self):
        cleaned = super().clean()
        for item in self.items:
            parts = [cleaned.get(f"item-{item.pk}-{p}") for p in ("how", "who", "by_when")]
            filled = [bool(p.strip() if isinstance(p, str) else p) for p in parts]
            if any(filled) and not all(filled):
                self.add_error(
                    f"item-{item.pk}-how", "Say how the item will be met, by whom and by when"
                )
        return cleaned

    def actions(self):
        data = self.cleaned_data
        return [
            (item, data[f"item-{item.pk}-how"], data[f"item-{item.pk}-who"], by_when)
            for item in self.items
            if (by_when := data.get(f"item-{item.pk}-by_when"))
            and data[f"item-{item.pk}-how"].strip()
        ]


class AcceptForm(forms.Form):
    note = forms.CharField(
        label="Note (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Needed if you entered the response on the provider's behalf: say how the "
        "provider confirmed it.",
    )


class AgreeForm(forms.Form):
    due_on = GovukDateField(
        label="Date it is due (optional)",
        name_in_messages="Date it is due",
        help_text=DATE_HINT,
        required=False,
    )


class CompleteForm(forms.Form):
    completed_on = GovukDateField(
        label="Date completed", name_in_messages="Date completed", help_text=DATE_HINT
    )
    evidence = forms.CharField(
        label="Evidence that it is done",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What the provider sent or what you saw.",
    )


class VerifyForm(forms.Form):
    note = forms.CharField(
        label="How you checked it (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Needed if you recorded its completion on the provider's behalf.",
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why is the item reopened?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class StartForm(forms.Form):
    pass


class NoteForm(RadioOptions, forms.Form):
    noted_on = GovukDateField(label="Date", name_in_messages="The date", help_text=DATE_HINT)
    source = forms.ChoiceField(
        label="Source",
        choices=NoteSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the note comes from"},
    )
    text = forms.CharField(
        label="Note", widget=forms.Textarea, error_messages={"required": "Enter the note"}
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Upload a document",
        help_text="PDF, DOCX, XLSX, PNG or JPG, up to 10 MB.",
        error_messages={"required": "Choose a document to upload"},
    )


class FollowUpForm(RadioOptions, forms.Form):
    planned_on = GovukDateField(
        label="Date of the visit",
        name_in_messages="Date of the visit",
        help_text="A working day. " + DATE_HINT,
    )
    lead_officer = _OfficerChoice(
        label="Officer", queryset=officers(), error_messages={"required": "Choose an officer"}
    )
    visit_type = forms.ChoiceField(
        label="Type of visit",
        choices=VisitType.choices,
        initial=VisitType.SERVICE_REVIEW,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = officers()
