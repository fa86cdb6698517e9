"""The contract form: GOV.UK patterns (date input, radios, numeric text input) and messages."""

from django import forms

from careqa.govuk.forms import GovukDateField, radio_options
from careqa.providers.actions import end_date_error
from careqa.providers.rules import LADDER_STATUSES
from careqa.providers.vocab import ContractStatus

# What the form may set; suspended and in default come from the escalation ladder.
FORM_STATUSES = [(v, label) for v, label in ContractStatus.choices if v not in LADDER_STATUSES]


class ContractForm(forms.Form):
    framework = forms.CharField(
        label="Framework or contract name",
        max_length=200,
        error_messages={
            "required": "Enter the framework or contract name",
            "max_length": "Framework or contract name must be 200 characters or fewer",
        },
    )
    reference = forms.CharField(
        label="Contract reference (optional)",
        max_length=60,
        required=False,
        help_text="The reference in the council's contracts register, for example CH-0042.",
        error_messages={"max_length": "Contract reference must be 60 characters or fewer"},
    )
    start_date = GovukDateField(
        label="Start date",
        name_in_messages="Start date",
        help_text="For example, 1 4 2024",
    )
    end_date = GovukDateField(
        label="End date (optional)",
        name_in_messages="End date",
        required=False,
        help_text="Leave blank if the contract has no fixed end. For example, 31 3 2027",
    )
    status = forms.ChoiceField(
        label="Status",
        choices=FORM_STATUSES,
        widget=forms.RadioSelect,
        initial=ContractStatus.ACTIVE,
        error_messages={"required": "Select the contract's status"},
    )
    funded_placements = forms.IntegerField(
        label="Funded placements",
        min_value=0,
        max_value=100000,
        help_text="The number of placements the council funds at this service. Enter 0 if none.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the number of funded placements",
            "invalid": "Funded placements must be a whole number, like 12",
            "min_value": "Funded placements must be 0 or more",
            "max_value": "Funded placements must be 100,000 or fewer",
        },
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    # Hints for the status radios, in the order of FORM_STATUSES.
    STATUS_HINTS = {
        ContractStatus.ACTIVE: "Placements can be made.",
        ContractStatus.TERMINATED: "The contract has ended. It stays on record.",
    }

    def __init__(self, *args, ladder_status=None, **kwargs):
        """`ladder_status`: the contract's status when the escalation ladder holds it
        (suspended or in default); the form then leaves the status alone."""
        super().__init__(*args, **kwargs)
        self.ladder_status = ladder_status
        if ladder_status:
            del self.fields["status"]

    def clean_framework(self):
        return self.cleaned_data["framework"].strip()

    def clean_reference(self):
        return self.cleaned_data["reference"].strip()

    def clean(self):
        cleaned = super().clean()
        error = end_date_error(cleaned.get("start_date"), cleaned.get("end_date"))
        if error:
            self.add_error("end_date", error)
        return cleaned

    @property
    def status_options(self):
        return radio_options(self["status"], self.STATUS_HINTS)

    @classmethod
    def for_contract(cls, data, contract):
        """The change form of `contract`, with its stored values as the initial ones."""
        held = contract.status if contract.status in LADDER_STATUSES else None
        initial = {field: getattr(contract, field) for field in cls.base_fields}
        return cls(data, initial=initial, ladder_status=held)
