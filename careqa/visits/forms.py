"""Visit forms: GOV.UK patterns, messages that say what to do, nothing saved half-way."""

from django import forms
from django.utils.html import format_html

from careqa.accounts.models import User
from careqa.accounts.roles import Role
from careqa.govuk.forms import GovukDateField, radio_options
from careqa.providers.vocab import KEY_QUESTION_LABELS, Rating
from careqa.visits.vocab import (
    Answer,
    Mode,
    Priority,
    Sentiment,
    Theme,
    ViewMethod,
    ViewRole,
    VisitType,
)

TIME_FORMATS = ["%H:%M", "%H.%M", "%I:%M%p", "%I%p", "%I:%M %p", "%I %p"]
JUDGEMENT_CHOICES = [
    ("", "Not judged yet"),
    *[(r.value, r.label) for r in Rating if r != "not_rated"],
]


def officers():
    return User.objects.filter(
        is_active=True, role__in=[Role.QA_OFFICER, Role.QA_MANAGER]
    ).order_by("first_name", "last_name")


def partners():
    return User.objects.filter(is_active=True, role=Role.PARTNER).order_by("first_name")


class _OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name + (f", {obj.job_title}" if obj.job_title else "")


class _PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        organisation = f" ({obj.organisation})" if obj.organisation else ""
        return obj.display_name + organisation


class RadioOptions:
    """`form.<field>_options` in a template: the GOV.UK radios' options for that field."""

    def __getattr__(self, name):
        field = name.removesuffix("_options")
        if name.endswith("_options") and field in self.fields:
            return radio_options(self[field])
        raise AttributeError(name)


class TimeField(forms.TimeField):
    def __init__(self, **kwargs):
        super().__init__(input_formats=TIME_FORMATS, required=False, **kwargs)


class RecordForm(RadioOptions, forms.Form):
    carried_out_on = GovukDateField(
        label="Date carried out",
        name_in_messages="Date carried out",
        required=False,
        help_text="Leave blank until the visit has happened. For example, 14 3 2026",
    )
    starts_at = TimeField(
        label="Start time (optional)",
        help_text="For example, 9:30 or 14:00",
        error_messages={"invalid": "Enter a start time like 9:30 or 14:00"},
    )
    ends_at = TimeField(
        label="End time (optional)",
        error_messages={"invalid": "Enter an end time like 12:15 or 16:00"},
    )
    announced = forms.TypedChoiceField(
        label="Was the visit announced?",
        choices=[("yes", "Announced"), ("no", "Unannounced")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    mode = forms.ChoiceField(
        label="How was it carried out?", choices=Mode.choices, widget=forms.RadioSelect
    )
    theme = forms.ChoiceField(
        label="Theme (for a themed visit)",
        required=False,
        choices=[("", "No theme"), *Theme.choices],
    )
    other_officers = _PeopleChoice(
        label="Other officers on the visit",
        queryset=officers(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    joint_with = forms.CharField(
        label="Joint visit with (optional)",
        max_length=300,
        required=False,
        help_text="For example, the NHS quality nurse of the integrated care board",
    )
    partners = _PeopleChoice(
        label="Partners on the visit who use CareQA",
        queryset=partners(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They will be able to see this visit's record.",
    )
    purpose = forms.CharField(label="Purpose of the visit", widget=forms.Textarea, required=False)
    methodology = forms.CharField(
        label="Methodology",
        widget=forms.Textarea,
        required=False,
        help_text="Who you saw, what you read and what you observed.",
    )
    interaction_observed = forms.CharField(
        label="Staff and people interacting", widget=forms.Textarea, required=False
    )
    environment_observed = forms.CharField(
        label="The environment", widget=forms.Textarea, required=False
    )
    guidance_given = forms.CharField(
        label="Guidance or signposting given", widget=forms.Textarea, required=False
    )
    verbal_feedback = forms.CharField(
        label="Verbal feedback at the end of the visit", widget=forms.Textarea, required=False
    )

    def __init__(self, *args, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        others = officers()
        if visit is not None:  # the lead officer is not one of the "other" officers
            others = others.exclude(pk=visit.lead_officer_id)
        self.fields["other_officers"].queryset = others
        self.fields["partners"].queryset = partners()
        if not self.fields["partners"].queryset.exists():
            # No partner has an account: an empty list of checkboxes would only puzzle.
            del self.fields["partners"]

    @classmethod
    def initial_from(cls, visit):
        initial = {name: getattr(visit, name) for name in cls.base_fields if hasattr(visit, name)}
        initial["announced"] = "yes" if visit.announced else "no"
        initial["other_officers"] = list(visit.other_officers.all())
        initial["partners"] = list(visit.partners.all())
        return initial


class FindingsForm(RadioOptions, forms.Form):
    """One key question's questions: an answer, evidence and notes for each."""

    def __init__(self, *args, questions, findings, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for number, question in enumerate(self.questions, start=1):
            found = findings.get(question.pk)
            # Seven boxes called "Evidence" on one page: say which question each is for.
            which = format_html(
                '<span class="govuk-visually-hidden"> for question {}</span>', number
            )
            self.fields[f"q{question.pk}-answer"] = forms.ChoiceField(
                label=f"{number}. {question.text}",
                choices=Answer.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=found.answer if found else None,
            )
            self.fields[f"q{question.pk}-evidence"] = forms.CharField(
                label=format_html("Evidence{}", which),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=found.evidence if found else "",
            )
            self.fields[f"q{question.pk}-notes"] = forms.CharField(
                label=format_html("Notes{}", which),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=found.notes if found else "",
            )

    def rows(self):
        return [
            {
                "question": q,
                "answer": self[f"q{q.pk}-answer"],
                "options": radio_options(self[f"q{q.pk}-answer"]),
                "evidence": self[f"q{q.pk}-evidence"],
                "notes": self[f"q{q.pk}-notes"],
            }
            for q in self.questions
        ]

    def clean(self):
        cleaned = super().clean()
        for q in self.questions:
            answer = cleaned.get(f"q{q.pk}-answer")
            if (
                answer in (Answer.PARTLY_MET, Answer.NOT_MET)
                and not (cleaned.get(f"q{q.pk}-evidence") or "").strip()
            ):
                self.add_error(
                    f"q{q.pk}-evidence", "Partly met or not met needs the evidence you found"
                )
        return cleaned

    def answers(self):
        return {
            q: (
                self.cleaned_data[f"q{q.pk}-answer"],
                self.cleaned_data[f"q{q.pk}-evidence"].strip(),
                self.cleaned_data[f"q{q.pk}-notes"].strip(),
            )
            for q in self.questions
            if self.cleaned_data.get(f"q{q.pk}-answer")
        }


class JudgementsForm(RadioOptions, forms.Form):
    def __init__(self, *args, areas, rules, existing, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas, self.rules = list(areas), rules
        for area in self.areas:
            row = existing.get(area)
            rule = rules[area]
            # Each area's three fields share their labels: say which area each is for.
            which = format_html(
                '<span class="govuk-visually-hidden"> for {}</span>', KEY_QUESTION_LABELS[area]
            )
            self.fields[f"{area}-judgement"] = forms.ChoiceField(
                label=format_html("Judgement{}", which),
                choices=JUDGEMENT_CHOICES,
                required=False,
                initial=(row.judgement if row and row.judgement else (rule.judgement or "")),
            )
            self.fields[f"{area}-departure_reason"] = forms.CharField(
                label=format_html("Reason for departing from the rule{}", which),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.departure_reason if row else "",
            )
            self.fields[f"{area}-evidence"] = forms.CharField(
                label=format_html("Evidence for the judgement{}", which),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=row.evidence if row else "",
            )
        self.fields["overall"] = forms.ChoiceField(
            label="Overall judgement",
            # Left empty, the overall judgement is the rule's.
            choices=[("", "As the rule gives"), *JUDGEMENT_CHOICES[1:]],
            required=False,
            initial=visit.overall,
        )
        self.fields["overall_departure_reason"] = forms.CharField(
            label=format_html(
                'Reason for departing from the rule<span class="govuk-visually-hidden">{}</span>',
                " for the overall judgement",
            ),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            initial=visit.overall_departure_reason,
        )

    def rows(self):
        return [
            {
                "area": area,
                "label": KEY_QUESTION_LABELS[area],
                "rule": self.rules[area],
                "judgement": self[f"{area}-judgement"],
                "departure_reason": self[f"{area}-departure_reason"],
                "evidence": self[f"{area}-evidence"],
            }
            for area in self.areas
        ]

    def judgements(self):
        data = self.cleaned_data
        return {
            area: (
                data[f"{area}-judgement"],
                data[f"{area}-departure_reason"].strip(),
                data[f"{area}-evidence"].strip(),
            )
            for area in self.areas
        }


class PersonViewForm(RadioOptions, forms.Form):
    heard_on = GovukDateField(
        label="When", name_in_messages="The date", help_text="For example, 14 3 2026"
    )
    role = forms.ChoiceField(
        label="Who gave this view",
        choices=ViewRole.choices,
        widget=forms.RadioSelect,
        help_text="By their role: a name is never needed.",
    )
    method = forms.ChoiceField(label="How", choices=ViewMethod.choices, widget=forms.RadioSelect)
    said = forms.CharField(
        label="What they said",
        widget=forms.Textarea,
        error_messages={"required": "Enter what they said"},
    )
    sentiment = forms.ChoiceField(
        label="Was it positive, mixed or negative?",
        choices=Sentiment.choices,
        widget=forms.RadioSelect,
    )
    consent_to_share = forms.BooleanField(
        label="They agreed that what they said may be shared (without their name)",
        required=False,
    )


class RequiredActionForm(RadioOptions, forms.Form):
    area = forms.ChoiceField(label="Key question", widget=forms.RadioSelect)
    priority = forms.ChoiceField(
        label="Priority", choices=Priority.choices, widget=forms.RadioSelect
    )
    action = forms.CharField(
        label="What must be put right",
        widget=forms.Textarea,
        error_messages={"required": "Enter what the provider must put right"},
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a, KEY_QUESTION_LABELS[a]) for a in areas]


class ConcernForm(RadioOptions, forms.Form):
    concern = forms.CharField(
        label="The concern", widget=forms.Textarea, error_messages={"required": "Enter the concern"}
    )
    raised_with = forms.CharField(
        label="Who it was raised with",
        max_length=200,
        error_messages={"required": "Enter who the concern was raised with"},
    )
    safeguarding_referral = forms.BooleanField(
        label="It became a safeguarding referral", required=False
    )


class CancelForm(RadioOptions, forms.Form):
    reason = forms.CharField(
        label="Why is the visit cancelled?",
        widget=forms.Textarea,
        error_messages={"required": "Enter why the visit is cancelled"},
    )


class MoveForm(RadioOptions, forms.Form):
    planned_on = GovukDateField(
        label="New date",
        name_in_messages="New date",
        help_text="A working day. For example, 14 3 2026",
    )


class ReassignForm(RadioOptions, forms.Form):
    lead_officer = _OfficerChoice(
        label="Officer", queryset=officers(), error_messages={"required": "Choose an officer"}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_officer"].queryset = officers()


class AddVisitForm(MoveForm, ReassignForm):
    visit_type = forms.ChoiceField(
        label="Type of visit", choices=VisitType.choices, widget=forms.RadioSelect
    )
    announced = forms.TypedChoiceField(
        label="Announced?",
        choices=[("yes", "Announced"), ("no", "Unannounced")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )


class CorrectionForm(RadioOptions, forms.Form):
    note = forms.CharField(
        label="What does the correction put right?",
        widget=forms.Textarea,
        error_messages={"required": "Say what the correction is for"},
    )


WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
]


class CapacityForm(RadioOptions, forms.Form):
    visits_per_week = forms.IntegerField(
        label="Visits a week",
        min_value=0,
        max_value=15,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many visits a week",
            "invalid": "Visits a week must be a whole number, like 4",
            "min_value": "Visits a week must be 0 or more",
            "max_value": "Visits a week must be 15 or fewer",
        },
    )
    working_days = forms.MultipleChoiceField(
        label="Working days",
        choices=WEEKDAYS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one working day"},
    )
    councils = forms.ModelMultipleChoiceField(
        label="Councils they cover (optional)",
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="None chosen: any council.",
    )
    service_types = forms.MultipleChoiceField(
        label="Kinds of service they cover (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None chosen: any kind.",
    )
    plans_visits = forms.BooleanField(
        label="Give this officer visits in the programme", required=False
    )

    def __init__(self, *args, profile=None, **kwargs):
        from careqa.areas.models import Council, CouncilProfile
        from careqa.providers.vocab import ServiceType

        super().__init__(*args, **kwargs)
        council_profile = CouncilProfile.objects.order_by("pk").first()
        self.fields["councils"].queryset = (
            council_profile.our_area.order_by("name") if council_profile else Council.objects.none()
        )
        self.fields["service_types"].choices = ServiceType.choices
        if profile is not None:
            self.initial = {
                "visits_per_week": profile.visits_per_week,
                "working_days": [str(d) for d in profile.working_days],
                "councils": list(profile.councils.all()),
                "service_types": profile.service_types,
                "plans_visits": profile.plans_visits,
            }
        else:
            self.initial = {
                "visits_per_week": 4,
                "working_days": ["0", "1", "2", "3", "4"],
                "plans_visits": True,
            }
