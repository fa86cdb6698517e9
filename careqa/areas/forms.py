"""The council settings form: the council's name and the local authorities of its area."""

from itertools import groupby

from django import forms

from careqa.areas.models import Council

NO_REGION = "Region not known"


class CouncilSettingsForm(forms.Form):
    name = forms.CharField(
        label="Council name",
        max_length=200,
        help_text="Shown in the header of every page, for example ‘Wirral Council’.",
        error_messages={
            "required": "Enter the council's name",
            "max_length": "Council name must be 200 characters or fewer",
        },
    )
    our_area = forms.ModelMultipleChoiceField(
        label="Our area",
        queryset=Council.objects.select_related("region").order_by("region__name", "name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "The local authorities whose services this council monitors. Select all that apply."
        ),
        error_messages={
            "required": "Select at least one local authority for your area",
            "invalid_choice": "Select local authorities from the list",
            "invalid_pk_value": "Select local authorities from the list",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Before the first import there are no councils to choose from.
        self.has_councils = Council.objects.exists()
        self.fields["our_area"].required = self.has_councils

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    @property
    def regions(self):
        """Councils grouped by region, each with whether it is ticked and its input's id."""
        bound = self["our_area"]
        chosen = {str(value) for value in (bound.value() or [])}
        councils = list(self.fields["our_area"].queryset)
        councils.sort(key=lambda c: (c.region is None, c.region.name if c.region else "", c.name))
        options = []
        for index, council in enumerate(councils):
            options.append(
                {
                    "council": council,
                    "region": council.region.name if council.region else NO_REGION,
                    "value": str(council.pk),
                    "checked": str(council.pk) in chosen,
                    # Django's ids for checkboxes, so the error summary links to the first one.
                    "id": f"{bound.auto_id}_{index}",
                }
            )
        return [
            {"name": region, "slug": f"region-{index}", "options": list(group)}
            for index, (region, group) in enumerate(groupby(options, key=lambda o: o["region"]))
        ]
