"""Forms of the insight pages: what figures to show, comparator groups, the scrutiny report."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from careqa.areas.models import Council, Region
from careqa.govuk.forms import GovukDateField
from careqa.insights.areas import (
    UnknownName,
    area_from_key,
    area_of_group,
    area_of_region,
    councils_area,
    england,
    our_area,
    our_comparator_group,
    our_councils,
)
from careqa.insights.asat import PUBLICATION, STATISTICS
from careqa.insights.figures import SERVICE_TYPES
from careqa.insights.models import ComparatorGroup

CONVENTION_CHOICES = [
    (PUBLICATION, "From publication (default)"),
    (STATISTICS, "From inspection (official statistics)"),
]


def convention_field():
    return forms.ChoiceField(
        label="When a rating counts",
        choices=CONVENTION_CHOICES,
        initial=PUBLICATION,
        required=False,
        help_text="For a date in the past. From publication: what the regulator's register "
        "said that day. From inspection: an inspection counts from its date if its report was "
        "published by the end of the next month, as Ofsted's figures 'as at 31 August' do",
    )


BREAKDOWN_CHOICES = [
    ("", "No breakdown"),
    ("council", "By council"),
    ("region", "By region"),
    ("sector", "By sector"),
]


def validate_ratings_date(value):
    """Ratings history starts in 2010; a date to come has no ratings yet."""
    if value.year < 2010:
        raise ValidationError("The date must be in 2010 or later", code="too_early")
    if value > datetime.date.today():
        raise ValidationError("The date must be today or in the past", code="future")


def as_at_field(help_text):
    """The optional "as at" date, typed in boxes named as_at_day, as_at_month and as_at_year."""
    return GovukDateField(
        label="As at",
        name_in_messages="The date",
        required=False,
        help_text=help_text,
        validators=[validate_ratings_date],
    )


def area_choices():
    """Our council, the active comparator groups, England, then every region."""
    choices = []
    ours = our_area()
    if ours is not None:
        choices.append((ours.key, f"{ours.label} (our area)"))
    for group in ComparatorGroup.objects.filter(active=True).order_by("name"):
        choices.append((f"group:{group.pk}", f"{group.name} (comparator group)"))
    choices.append(("england", "England"))
    for region in Region.objects.order_by("name"):
        choices.append((f"region:{region.pk}", region.name))
    return choices


class InsightForm(forms.Form):
    """A GET form: which figures. Every page of the insights shares it."""

    service_type = forms.ChoiceField(
        label="Service type",
        choices=[(key, choice.label) for key, choice in SERVICE_TYPES.items()],
        initial="care_homes",
        required=False,
    )
    areas = forms.MultipleChoiceField(
        label="Areas",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
    )
    by = forms.ChoiceField(label="Breakdown", choices=BREAKDOWN_CHOICES, required=False)
    as_at = as_at_field("Leave blank for current ratings. For example, 31 8 2017")
    weighted = forms.BooleanField(
        label="Count beds (places for children's services) instead of services",
        required=False,
    )
    convention = convention_field()

    def __init__(self, *args, page="figures", **kwargs):
        self.page = page
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = area_choices()
        for field in self.fields.values():
            field.widget.attrs.pop("required", None)

    def default_areas(self) -> list[str]:
        """What a page opens with: our area and England; on the comparator table (which
        needs a list of councils), our comparator group, else our area."""
        choices = [key for key, _ in self.fields["areas"].choices]
        if self.page == "comparator":
            group = our_comparator_group()
            wanted = [f"group:{group.pk}"] if group is not None else ["our_area"]
            found = [k for k in wanted if k in choices]
            if found:
                return found
        return [k for k in (choices[0], "england") if k in choices]

    def clean_areas(self):
        keys = self.cleaned_data.get("areas") or self.default_areas()
        return list(dict.fromkeys(keys))

    def clean(self):
        cleaned = super().clean()
        # An invalid date leaves no as_at behind; the pages still read the key.
        cleaned.setdefault("as_at", None)
        cleaned["service_type"] = cleaned.get("service_type") or "care_homes"
        cleaned["by"] = cleaned.get("by") or None
        cleaned["convention"] = cleaned.get("convention") or PUBLICATION
        return cleaned

    def chosen_areas(self):
        found = []
        for key in self.cleaned_data.get("areas", []):
            try:
                found.append(area_from_key(key))
            except UnknownName:
                continue
        return found or [england()]

    def query(self, **changes):
        """The figures' own query string, for links and downloads."""
        data = self.data.copy() if hasattr(self.data, "copy") else dict(self.data)
        for key, value in changes.items():
            data[key] = value
        return data.urlencode() if hasattr(data, "urlencode") else ""


def comparable_area(area):
    """An area as a list of councils (a region's councils), for an Appendix Two table."""
    if area.council_ids is not None:
        return area
    if area.region_id is not None:
        councils = list(Council.objects.filter(region_id=area.region_id).order_by("name"))
        return councils_area(councils, label=area.label, key=area.key)
    return None


class CouncilChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ComparatorGroupForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    description = forms.CharField(
        label="Description",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional. For example, why these councils are compared",
    )
    councils = CouncilChoiceField(
        label="Councils",
        queryset=Council.objects.select_related("region").order_by("region__name", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one council"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("required", None)

    def councils_by_region(self):
        """[(region name, [bound checkbox options])] for GOV.UK checkboxes grouped by region."""
        councils = list(self.fields["councils"].queryset)
        region_of = {
            str(c.pk): (c.region.name if c.region else "Region not known") for c in councils
        }
        groups = {}
        for option in self["councils"]:
            groups.setdefault(region_of.get(str(option.data["value"]), ""), []).append(option)
        return list(groups.items())


class ReportForm(forms.Form):
    """Which council, date and comparator group the scrutiny report is for."""

    council = forms.ModelChoiceField(
        label="Council",
        queryset=Council.objects.order_by("name"),
        empty_label="Select a council",
        error_messages={"required": "Select a council", "invalid_choice": "Select a council"},
    )
    group = forms.ModelChoiceField(
        label="Comparator group",
        queryset=ComparatorGroup.objects.filter(active=True).order_by("name"),
        required=False,
        empty_label="The council's region",
        help_text="The councils the report compares this council with",
    )
    as_at = as_at_field("For example, 31 8 2017. Leave blank for today")
    convention = convention_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("required", None)
        if not self.is_bound:
            # Open with our council (when the area is one council) and its comparator group.
            councils = our_councils()
            if len(councils) == 1:
                self.initial.setdefault("council", councils[0].pk)
            group = our_comparator_group()
            if group is not None:
                self.initial.setdefault("group", group.pk)

    def clean(self):
        cleaned = super().clean()
        cleaned["as_at"] = cleaned.get("as_at") or datetime.date.today()
        cleaned["convention"] = cleaned.get("convention") or PUBLICATION
        return cleaned


def group_area(group):
    return area_of_group(group) if group is not None else None


def region_area(council):
    return area_of_region(council.region) if council.region_id else england()


def narrative_field_name(section_key):
    return f"narrative-{section_key}"


def validate_narrative(text):
    if len(text or "") > 20000:
        raise ValidationError("Narrative must be 20,000 characters or fewer")
