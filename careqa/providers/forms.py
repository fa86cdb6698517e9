"""The register's filter form: what the list and the CSV export are narrowed by."""

from django import forms

from careqa.areas.models import Council, Region
from careqa.providers.queries import (
    ALL_CARE_HOMES,
    DEFAULT_SORT,
    NOT_YET_INSPECTED_VALUE,
    SORT_KEYS,
    ServiceFilters,
)
from careqa.providers.vocab import NOT_YET_INSPECTED, Rating, Regulator, Sector, ServiceType


class ServiceFilterForm(forms.Form):
    """A GET form. Invalid values are reported and left out; the rest still filter."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Name, postcode, location ID or provider",
    )
    our_area = forms.BooleanField(label="Only services in our area", required=False)
    commissioned = forms.BooleanField(label="Only services we commission", required=False)
    type = forms.ChoiceField(
        label="Service type",
        required=False,
        choices=[("", "All types"), (ALL_CARE_HOMES, "All care homes"), *ServiceType.choices],
    )
    rating = forms.MultipleChoiceField(
        label="Rating",
        required=False,
        choices=[*Rating.choices, (NOT_YET_INSPECTED_VALUE, NOT_YET_INSPECTED)],
        widget=forms.CheckboxSelectMultiple,
    )
    sector = forms.ChoiceField(
        label="Sector", required=False, choices=[("", "All sectors"), *Sector.choices]
    )
    council = forms.ModelChoiceField(
        label="Council",
        required=False,
        queryset=Council.objects.order_by("name"),
        empty_label="All councils",
    )
    region = forms.ModelChoiceField(
        label="Region",
        required=False,
        queryset=Region.objects.order_by("name"),
        empty_label="All regions",
    )
    regulator = forms.ChoiceField(
        label="Regulator",
        required=False,
        choices=[("", "All regulators"), *Regulator.choices],
    )
    inactive = forms.BooleanField(
        label="Include inactive services",
        required=False,
        help_text="Services no longer in the regulator's register",
    )
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in SORT_KEYS], widget=forms.HiddenInput
    )

    def __init__(self, *args, can_see_contracts=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_see_contracts:
            # Whether we commission a service is a contract fact (see queries.search_services).
            del self.fields["commissioned"]
        for name, field in self.fields.items():
            field.widget.attrs.pop("required", None)
            if name == "q":
                field.widget.attrs["spellcheck"] = "false"
        self.fields["council"].error_messages["invalid_choice"] = "Select a council from the list"
        self.fields["region"].error_messages["invalid_choice"] = "Select a region from the list"

    def _clean(self, name, default=None):
        value = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
        return default if value in (None, "") else value

    def filters(self) -> ServiceFilters:
        """The valid part of what was asked for (call after is_valid())."""
        council = self._clean("council")
        region = self._clean("region")
        return ServiceFilters(
            q=self._clean("q", ""),
            our_area=bool(self._clean("our_area", False)),
            commissioned=bool(self._clean("commissioned", False)),
            service_type=self._clean("type", ""),
            ratings=tuple(self._clean("rating", ())),
            sector=self._clean("sector", ""),
            council_id=council.pk if council else None,
            region_id=region.pk if region else None,
            regulator=self._clean("regulator", ""),
            include_inactive=bool(self._clean("inactive", False)),
        )

    def sort_key(self) -> str:
        return self._clean("sort", DEFAULT_SORT)

    def is_filtered(self) -> bool:
        return self.filters() != ServiceFilters()


class LocalNameForm(forms.Form):
    local_name = forms.CharField(
        label="Our name for this service",
        required=False,
        max_length=200,
        help_text=(
            "Shown beside the regulator's name, never instead of it. Leave empty to remove it."
        ),
        error_messages={"max_length": "Our name must be 200 characters or fewer"},
    )


class ProviderSearchForm(forms.Form):
    q = forms.CharField(
        label="Search providers",
        required=False,
        max_length=200,
        help_text="Name, provider ID, brand or postcode",
    )

    def text(self) -> str:
        return self.cleaned_data.get("q", "") if hasattr(self, "cleaned_data") else ""
