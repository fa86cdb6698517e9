"""The register: providers, the services (locations) they run, their rating history, the
changes the regulators' files showed, and our contracts with them.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q

from careqa.areas.models import Council, Region
from careqa.providers.vocab import (
    LIVE_CONTRACT_STATUSES,
    NAME_WITHHELD,
    OFSTED_PROVIDER_KEY,
    ContractStatus,
    Rating,
    Regulator,
    Sector,
    ServiceType,
)


class Provider(models.Model):
    """A registered organisation (CQC provider id `1-…`; for Ofsted, the owning organisation)."""

    regulator = models.CharField(max_length=10, choices=Regulator.choices)
    provider_id = models.CharField(max_length=64)
    name = models.CharField(max_length=300)
    ownership_type = models.CharField(max_length=60, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.UNKNOWN)
    companies_house_number = models.CharField(max_length=20, blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    brand_id = models.CharField(max_length=20, blank=True)
    brand_name = models.CharField(max_length=200, blank=True)
    street_address = models.CharField(max_length=300, blank=True)
    address_line_2 = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120, blank=True)
    county = models.CharField(max_length=120, blank=True)
    postcode = models.CharField(max_length=12, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.CharField(max_length=300, blank=True)
    nominated_individual = models.CharField(max_length=200, blank=True)
    registration_start = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["regulator", "provider_id"], name="provider_unique_id")
        ]

    def __str__(self):
        return self.name

    @property
    def address(self):
        parts = (self.street_address, self.address_line_2, self.city, self.county, self.postcode)
        return ", ".join(p for p in parts if p)


class ServiceQuerySet(models.QuerySet):
    def of_type(self, *types):
        """Services offering any of `types` (a service may offer several)."""
        condition = Q()
        for service_type in types:
            condition |= Q(service_types__contains=f" {service_type} ")
        return self.filter(condition)

    def commissioned(self):
        return self.filter(
            Exists(
                Contract.objects.filter(service=OuterRef("pk"), status__in=LIVE_CONTRACT_STATUSES)
            )
        )

    def in_councils(self, councils):
        return self.filter(council__in=councils)

    def active(self):
        return self.filter(active=True)


def _type_words(codes) -> str:
    """' residential nursing ' as the audit trail shows it: Residential home, Nursing home."""
    labels = dict(ServiceType.choices)
    return ", ".join(str(labels.get(code, code)) for code in str(codes).split())


def _provider_words(provider_id) -> str:
    """A provider as the imports recorded it: CQC's id, or Ofsted's organisation name."""
    text = str(provider_id)
    if text.startswith(OFSTED_PROVIDER_KEY):
        return f"{text.removeprefix(OFSTED_PROVIDER_KEY).title()} (as Ofsted names it)"
    return text


class Service(models.Model):
    """A registered location: a care home, an agency office, a children's home."""

    AUDIT_DISPLAY = {"service_types": _type_words, "provider": _provider_words}

    regulator = models.CharField(max_length=10, choices=Regulator.choices)
    # CQC location id (`1-…`) or Ofsted URN (`SC…` or digits).
    location_id = models.CharField("location ID or URN", max_length=64)
    provider = models.ForeignKey(
        Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(max_length=300)
    also_known_as = models.CharField(max_length=300, blank=True)
    # The team's own name for a service, shown beside the regulator's (never instead of
    # it): for a children's home whose name Ofsted withholds, say. Imports never touch it.
    local_name = models.CharField("our name for it", max_length=200, blank=True)
    street_address = models.CharField(max_length=300, blank=True)
    address_line_2 = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120, blank=True)
    county = models.CharField(max_length=120, blank=True)
    postcode = models.CharField(max_length=12, blank=True)
    council = models.ForeignKey(Council, null=True, blank=True, on_delete=models.PROTECT)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    # Space-delimited ServiceType codes with a space at each end (" residential nursing "),
    # so that "offers type X" is one indexed-free LIKE on every database.
    service_types = models.CharField(max_length=200, default=" ")
    # The regulator's own words for what it is (CQC service types, Ofsted provision type).
    regulator_service_types = models.CharField(max_length=600, blank=True)
    care_home = models.BooleanField(default=False)
    beds = models.PositiveIntegerField(null=True, blank=True, help_text="Care-home beds (CQC).")
    places = models.PositiveIntegerField(null=True, blank=True, help_text="Places (Ofsted).")
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.UNKNOWN)
    user_bands = models.CharField(max_length=600, blank=True)
    specialisms = models.CharField(max_length=600, blank=True)
    registration_start = models.DateField(null=True, blank=True)
    registration_end = models.DateField(null=True, blank=True)
    dormant = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.CharField(max_length=300, blank=True)
    registered_manager = models.CharField(max_length=200, blank=True)
    inspection_directorate = models.CharField(max_length=60, blank=True)
    inspection_category = models.CharField(max_length=120, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    last_checked = models.DateField(null=True, blank=True, help_text="CQC's date of latest check.")
    # The latest published rating, kept here so that lists filter without a join.
    rating = models.CharField(max_length=24, choices=Rating.choices, null=True, blank=True)
    rating_published = models.DateField(null=True, blank=True)
    # Snapshot date of the earliest regulator file that listed this service, and of the
    # first full file that no longer did.
    first_seen_on = models.DateField(null=True, blank=True)
    deactivated_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Indexed: the insights' check that the register is unchanged reads its latest value.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["regulator", "location_id"], name="service_unique_id")
        ]
        indexes = [
            models.Index(fields=["council", "active"]),
            models.Index(fields=["region", "active"]),
            models.Index(fields=["rating"]),
            models.Index(fields=["name"]),
        ]

    def __str__(self):
        if self.local_name:
            return f"{self.regulator_name} ({self.local_name})"
        return self.regulator_name

    @property
    def name_withheld(self) -> bool:
        """Ofsted withholds children's homes' names; the import then keeps the URN."""
        return self.regulator == Regulator.OFSTED and self.name == self.location_id

    @property
    def regulator_name(self) -> str:
        return NAME_WITHHELD if self.name_withheld else self.name

    @property
    def address(self):
        parts = (self.street_address, self.address_line_2, self.city, self.county, self.postcode)
        return ", ".join(p for p in parts if p)

    @property
    def type_codes(self):
        return self.service_types.split()

    @property
    def type_labels(self):
        return [ServiceType(code).label for code in self.type_codes if code in ServiceType.values]

    @property
    def regulator_url(self):
        if self.regulator == Regulator.CQC:
            return f"https://www.cqc.org.uk/location/{self.location_id}"
        return f"https://reports.ofsted.gov.uk/provider/44/{self.location_id}"


class Contract(models.Model):
    """This council's contract for a service. Never deleted: terminated contracts stay."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="contracts")
    framework = models.CharField(max_length=200, help_text="Framework or contract name.")
    reference = models.CharField(max_length=60, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ContractStatus.choices, default=ContractStatus.ACTIVE
    )
    funded_placements = models.PositiveIntegerField(default=0)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "-id"]

    def __str__(self):
        return f"{self.framework} ({self.get_status_display().lower()})"


class PublishedRating(models.Model):
    """One rating as the regulator published it: a row of a service's rating history."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="ratings")
    regulator = models.CharField(max_length=10, choices=Regulator.choices)
    # The day from which this rating stood: its publication date, or, where the regulator's
    # file gives none (Ofsted 2015-16), the inspection date.
    rated_on = models.DateField()
    published = models.DateField(null=True, blank=True)
    inspected = models.DateField(null=True, blank=True)
    overall = models.CharField(max_length=24, choices=Rating.choices)
    # The regulator's own word, kept as published ("Requires improvement to be good").
    overall_as_published = models.CharField(max_length=80, blank=True)
    safe = models.CharField(max_length=24, choices=Rating.choices, null=True, blank=True)
    effective = models.CharField(max_length=24, choices=Rating.choices, null=True, blank=True)
    caring = models.CharField(max_length=24, choices=Rating.choices, null=True, blank=True)
    responsive = models.CharField(max_length=24, choices=Rating.choices, null=True, blank=True)
    well_led = models.CharField(
        "well-led", max_length=24, choices=Rating.choices, null=True, blank=True
    )
    experiences_progress = models.CharField(
        "experiences and progress", max_length=24, choices=Rating.choices, null=True, blank=True
    )
    help_protection = models.CharField(
        "help and protection", max_length=24, choices=Rating.choices, null=True, blank=True
    )
    leadership = models.CharField(
        "leaders and managers", max_length=24, choices=Rating.choices, null=True, blank=True
    )
    # Snapshot date of the earliest file that carried this rating: a file dated 31 March
    # can list a rating published after that day, and then it held as at 31 March.
    listed_on = models.DateField(null=True, blank=True)
    # Snapshot date of the first file that gave an earlier rating, or none, as the latest:
    # the regulator no longer stands by this one (e.g. a report withdrawn after challenge).
    withdrawn_on = models.DateField(null=True, blank=True, db_index=True)
    inherited = models.BooleanField(null=True, blank=True)
    report_type = models.CharField(max_length=40, blank=True)
    # The import that brought it, as a plain id: the register does not depend on its feeders.
    import_run_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-rated_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "rated_on"], name="published_rating_once_a_day"
            )
        ]
        indexes = [models.Index(fields=["rated_on"])]

    def __str__(self):
        return f"{self.get_overall_display()} ({self.rated_on:%d %b %Y})"


class ChangeEvent(models.Model):
    """A change an import found in the register, shown on the timeline and import summary.

    `import_run_id` names the run (regulators.ImportRun) that found it.
    """

    class Kind(models.TextChoices):
        REGISTERED = "registered", "Newly registered"
        DEREGISTERED = "deregistered", "Deregistered"
        REACTIVATED = "reactivated", "Listed again"
        FIRST_RATING = "first_rating", "First rating"
        RATING_UP = "rating_up", "Rating up"
        RATING_DOWN = "rating_down", "Rating down"
        RATING_SAME = "rating_same", "Re-rated, no change"
        RATING_WITHDRAWN = "rating_withdrawn", "Rating withdrawn"
        BEDS_CHANGED = "beds_changed", "Beds changed"
        RENAMED = "renamed", "Renamed"

    import_run_id = models.BigIntegerField(db_index=True)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="change_events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    old_value = models.CharField(max_length=300, blank=True)
    new_value = models.CharField(max_length=300, blank=True)
    occurred_on = models.DateField()

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.service}"
