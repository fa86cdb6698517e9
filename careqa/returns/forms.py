"""The returns' forms. A return's form takes text as typed: the checks are the pure rules'
(rules.validate, through the action), the same for a form and a file."""

from pathlib import Path

from django import forms
from django.conf import settings

from careqa.govuk.forms import GovukDateField, radio_options
from careqa.providers.vocab import ServiceType
from careqa.returns import rules
from careqa.returns.models import Period

ACCEPTED_SUFFIXES = (".csv", ".xlsx")
MAX_RETURN_FILE = 10 * 1024 * 1024  # 500 services' returns are about 100 KB


class ReturnForm(forms.Form):
    def __init__(self, *args, template, prefilled=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.specs = template.specs
        prefilled = prefilled or {}
        for spec in self.specs:
            hint = " ".join(
                part
                for part in (
                    spec.help + ("." if spec.help and not spec.help.endswith(".") else ""),
                    f"In {spec.unit}." if spec.unit and spec.kind != rules.PERCENTAGE else "",
                    "A percentage from 0 to 100." if spec.kind == rules.PERCENTAGE else "",
                    "For example, 27/3/2026." if spec.kind == rules.DATE else "",
                    f"Filled in from {prefilled[spec.code][1]}: change it if it is wrong."
                    if spec.code in prefilled
                    else "",
                    "Optional." if not spec.required else "",
                )
                if part
            )
            if spec.options:
                field = forms.ChoiceField(
                    label=spec.label,
                    choices=spec.options,
                    required=False,
                    widget=forms.RadioSelect,
                    help_text=hint,
                )
            elif spec.kind == rules.TEXT:
                field = forms.CharField(
                    label=spec.label, required=False, widget=forms.Textarea, help_text=hint
                )
            else:
                field = forms.CharField(
                    label=spec.label,
                    required=False,
                    help_text=hint,
                    widget=forms.TextInput(
                        {"inputmode": "decimal", "spellcheck": "false"}
                        if spec.kind in rules.NUMERIC
                        else {}
                    ),
                )
            field.spec = spec
            self.fields[spec.code] = field
            if spec.code in prefilled:
                self.initial.setdefault(spec.code, prefilled[spec.code][0])

    def raw_values(self):
        return {code: self.data.get(code, "") for code in self.fields}

    def rows(self):
        """The fields for the template, radios with their options."""
        return [
            {
                "field": self[code],
                "options": radio_options(self[code]) if self.fields[code].spec.options else None,
                "narrow": self.fields[code].spec.kind in rules.NUMERIC,
            }
            for code in self.fields
        ]


PERIOD_HINTS = {
    Period.MONTHLY: "The window is days of the month, for example 8 to 14.",
    Period.WEEKLY: "The window is days of the week, 1 (Monday) to 7 (Sunday).",
    Period.DAILY: "The window is 1 (the day itself) or 2 (the day after as well).",
    Period.ONE_OFF: "Asked once, between the dates below.",
}

FIELDS_HELP = (
    "One field a line: code | label | kind | unit | minimum | maximum | help, then options "
    "such as choices=a:Label A;b:Label B, alert_above=5, alert_below=1, prefill=beds, "
    "prefill=rating, tracker=yes, optional=yes. Kinds: " + ", ".join(rules.KINDS) + "."
)
RULES_HELP = (
    "One rule a line, comparing two number fields or a field and a number, then an optional "
    "message: occupied_beds <= registered_beds | Occupied beds must be no more than "
    "registered beds."
)


class TemplateForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the return's name"}
    )
    description = forms.CharField(label="What it is for", required=False, widget=forms.Textarea)
    service_types = forms.MultipleChoiceField(
        label="Types of service asked",
        choices=ServiceType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the types of service the return is for"},
    )
    period = forms.ChoiceField(
        label="How often",
        choices=Period.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often the return is asked for"},
    )
    window_opens = forms.IntegerField(label="The window opens on day", required=False)
    window_closes = forms.IntegerField(label="The window closes on day", required=False)
    opens_on = GovukDateField(label="Opens on", name_in_messages="Opening date", required=False)
    closes_on = GovukDateField(label="Closes on", name_in_messages="Closing date", required=False)
    fields_text = forms.CharField(
        label="Fields",
        error_messages={"required": "Enter at least one field"},
        widget=forms.Textarea({"rows": 16}),
        help_text=FIELDS_HELP,
    )
    rules_text = forms.CharField(
        label="Rules between fields",
        required=False,
        widget=forms.Textarea({"rows": 6}),
        help_text=RULES_HELP,
    )

    @property
    def period_options(self):
        return radio_options(self["period"], PERIOD_HINTS)

    def action_values(self):
        data = dict(self.cleaned_data)
        data["service_types"] = " ".join(data["service_types"])
        return data


def template_initial(template) -> dict:
    return {
        "name": template.name,
        "description": template.description,
        "service_types": template.type_codes,
        "period": template.period,
        "window_opens": template.window_opens,
        "window_closes": template.window_closes,
        "opens_on": template.opens_on,
        "closes_on": template.closes_on,
        "fields_text": "\n".join(rules.field_text(s) for s in template.specs),
        "rules_text": "\n".join(r.text() for r in template.rules),
    }


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV or XLSX file in this return's layout, one row a service.",
        error_messages={
            "required": "Select a file",
            "empty": "The selected file is empty",
            "invalid": "The selected file could not be read. Choose the file again",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError("The selected file must be a CSV or XLSX file")
        limit = min(MAX_RETURN_FILE, settings.CAREQA_MAX_UPLOAD_BYTES)
        if upload.size > limit:
            raise forms.ValidationError(
                f"The selected file must be smaller than {limit // (1024 * 1024)}MB"
            )
        return upload


class ProgrammeForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the programme's name"}
    )
    description = forms.CharField(label="What it is for", required=False, widget=forms.Textarea)
    template_key = forms.ChoiceField(label="The return it follows", widget=forms.RadioSelect)
    measures = forms.MultipleChoiceField(
        label="Measures",
        help_text="Number fields of that return, shown per 10 beds of the participants.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose one or more measures"},
    )
    starts_on = GovukDateField(label="Starts on", name_in_messages="Start date")
    ends_on = GovukDateField(label="Ends on", name_in_messages="End date", required=False)

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template_key"].choices = [(t.key, t.name) for t in templates]
        self.fields["measures"].choices = [
            (s.code, f"{s.label} ({t.name})")
            for t in templates
            for s in t.specs
            if s.kind in rules.NUMERIC
        ]

    @property
    def template_options(self):
        return radio_options(self["template_key"])


class ParticipantForm(forms.Form):
    service = forms.ChoiceField(
        label="Service", error_messages={"required": "Choose the service taking part"}
    )
    beds = forms.IntegerField(
        label="Beds taking part",
        min_value=1,
        error_messages={
            "required": "Enter the beds taking part",
            "min_value": "Enter the beds taking part, 1 or more",
            "invalid": "Beds taking part must be a whole number",
        },
    )
    joined_on = GovukDateField(label="Joined on", name_in_messages="Date joined")

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.services = {str(s.pk): s for s in services}
        self.fields["service"].choices = [("", "Choose a service")] + [
            (str(s.pk), str(s)) for s in services
        ]


class ProgrammeEventForm(forms.Form):
    held_on = GovukDateField(label="Date", name_in_messages="Date")
    title = forms.CharField(
        label="What", max_length=200, error_messages={"required": "Enter what the event is"}
    )
    description = forms.CharField(label="Notes", required=False, widget=forms.Textarea)
