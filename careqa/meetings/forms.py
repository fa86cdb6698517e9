"""Meeting forms: GOV.UK patterns; the actions hold the rules, so a form only parses."""

from django import forms

from careqa.areas.models import Council
from careqa.escalation.vocab import Placements
from careqa.govuk.forms import GovukDateField
from careqa.meetings import kinds
from careqa.meetings.rules import step_taken
from careqa.meetings.vocab import Outcome, Profession
from careqa.providers.models import Service
from careqa.visits.forms import RadioOptions, _OfficerChoice, officers

ATTENDEE_ROWS = 8
DATE_HINT = "For example, 14 3 2027"


def _text(label, help_text="", required=False, rows=4):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _line(label, max_length=200, required=False, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={"max_length": f"{label} must be {max_length} characters or fewer"},
    )


def _profession():
    return forms.ChoiceField(
        label="Profession",
        choices=[("", "Select a profession")] + list(Profession.choices),
        required=False,
        help_text="Needed at a quality surveillance meeting.",
    )


class MeetingForm(RadioOptions, forms.Form):
    kind = forms.ChoiceField(
        label="Kind of meeting",
        choices=kinds.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of meeting"},
    )
    held_on = GovukDateField(
        label="Date of the meeting", name_in_messages="Date of the meeting", help_text=DATE_HINT
    )
    council = forms.ModelChoiceField(
        label="Area (council)",
        queryset=Council.objects.none(),
        error_messages={"required": "Select the area the meeting covers"},
    )
    chair = _line("Chair", help_text="Their name and role.", required=True)

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        if councils.count() == 1:
            self.fields["council"].initial = councils.first().pk
        self.fields["chair"].error_messages["required"] = "Enter who chairs the meeting"
        for number in range(1, ATTENDEE_ROWS + 1):
            self.fields[f"attendee_{number}_role"] = _line(f"Attendee {number}: role")
            self.fields[f"attendee_{number}_organisation"] = _line(
                f"Attendee {number}: organisation"
            )
            self.fields[f"attendee_{number}_name"] = _line(f"Attendee {number}: name (optional)")
            self.fields[f"attendee_{number}_profession"] = _profession()
            self.fields[f"attendee_{number}_profession"].label = f"Attendee {number}: profession"

    def attendee_rows(self):
        """(number, role, organisation, name, profession fields) for the template."""
        parts = ("role", "organisation", "name", "profession")
        return [
            (n, *(self[f"attendee_{n}_{part}"] for part in parts))
            for n in range(1, ATTENDEE_ROWS + 1)
        ]

    def attendees(self):
        data = self.cleaned_data
        return [
            tuple(
                data.get(f"attendee_{n}_{part}", "")
                for part in ("role", "organisation", "name", "profession")
            )
            for n in range(1, ATTENDEE_ROWS + 1)
        ]


class AttendeeForm(forms.Form):
    role = _line("Role", required=False)
    organisation = _line("Organisation", required=False)
    name = _line("Name (optional)")
    profession = _profession()


class ActionForm(forms.Form):
    action = _text("Action", rows=3)
    owner = _line("Owner", help_text="The person or team who will do it, and their organisation.")
    due_on = GovukDateField(
        label="Due date", name_in_messages="Due date", help_text=DATE_HINT, required=False
    )


class ItemForm(forms.Form):
    location_id = _line(
        "Service's CQC location ID or Ofsted URN",
        max_length=64,
        required=True,
        help_text="As on the service's page, for example 1-123456789 or SC123456.",
    )
    topic = _line("Topic", max_length=300, required=True)
    detail = _text("What the meeting should know (optional)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location_id"].error_messages["required"] = "Enter the service's ID"
        self.fields["topic"].error_messages["required"] = "Enter the topic"

    def clean_location_id(self):
        value = self.cleaned_data["location_id"].strip()
        service = (
            Service.objects.filter(location_id__iexact=value).order_by("-active", "pk").first()
        )
        if service is None:
            raise forms.ValidationError(f"No service in the register has the ID {value}")
        self.service = service
        return value


class DecisionForm(RadioOptions, forms.Form):
    """The decision and its reason, and what the step or visit it names needs (revealed
    under the chosen decision)."""

    outcome = forms.ChoiceField(
        label="Decision",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision"},
    )
    noted = _text(
        "What the meeting noted",
        "What the partners reported and what the meeting made of it: the surveillance log.",
    )
    reason = _text("Reason for the decision")
    evidence = _text("Evidence", "What the decision rests on. The agenda item's facts if blank.")
    review_on = GovukDateField(
        label="Review date",
        name_in_messages="Review date",
        required=False,
        help_text="Today or later. " + DATE_HINT,
    )
    placements = forms.ChoiceField(
        label="Which new placements are suspended",
        choices=Placements.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    placements_detail = _line(
        "Which placements (if some)", help_text="For example, nursing beds only."
    )
    conditions = _text("Conditions for lifting", "One condition a line.")
    clause = _line("Contract clause", max_length=100)
    failure = _text("What was not done")
    remedy = _text("The remedy required")
    remedy_by = GovukDateField(
        label="Deadline for the remedy",
        name_in_messages="Deadline for the remedy",
        required=False,
        help_text=DATE_HINT,
    )
    unmet_reason = _text(
        "Reason to lift before every condition is met (if they are not)",
        "Lifting needs every condition for lifting marked met, or this reason.",
    )
    planned_on = GovukDateField(
        label="Date of the visit",
        name_in_messages="Date of the visit",
        required=False,
        help_text="A working day. " + DATE_HINT,
    )
    lead_officer = _OfficerChoice(
        label="Officer leading the visit", queryset=officers(), required=False
    )

    # The fields each decision asks for beyond its reason; a field belongs to one only.
    REVEALED = {
        Outcome.SUSPEND: ("placements", "placements_detail", "conditions"),
        Outcome.DEFAULT_NOTICE: ("clause", "failure", "remedy", "remedy_by"),
        Outcome.LIFT: ("unmet_reason",),
        Outcome.FURTHER_VISIT: ("planned_on", "lead_officer"),
    }
    # What every decision that takes a step asks, below the decisions.
    STEP_SHARED = ("evidence", "review_on")

    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = officers()
        self.logs = bool(kind and kind.log_title)
        if kind is not None and kind.outcomes is not None:
            self.fields["outcome"].choices = [
                (value, label) for value, label in Outcome.choices if value in kind.outcomes
            ]
        if not self.logs:
            del self.fields["noted"]

    def decision_fields(self) -> dict:
        """The action's keyword arguments for the chosen decision only."""
        data = self.cleaned_data
        outcome = data["outcome"]
        fields = {"outcome": outcome, "reason": data["reason"]}
        if self.logs:
            fields["noted"] = data.get("noted", "")
        names = self.REVEALED.get(outcome, ())
        if step_taken(outcome) is not None:
            names = (*names, *self.STEP_SHARED)
        for name in names:
            value = data.get(name)
            if name == "conditions":
                value = (value or "").splitlines()
            fields[name] = value if value is not None else ("" if name not in _DATES else None)
        return fields


_DATES = {"review_on", "remedy_by", "planned_on", "lead_officer", "risk_assessment_shared_on"}
