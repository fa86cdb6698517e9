"""Plain records that parsers produce and the import action writes: no database here.

A field a layout does not carry is left as UNSET, so that importing, say, the weekly
directory (no beds) never blanks the beds an HSCA file gave.
"""

from dataclasses import dataclass, field, fields
from datetime import date


class _Unset:
    __slots__ = ()

    def __repr__(self):
        return "UNSET"

    def __bool__(self):
        return False

    def __reduce__(self):
        # Unpickled as the one UNSET, so `is UNSET` holds for a file parsed in another
        # process (the demo's, careqa/demo/background.py).
        return "UNSET"


UNSET = _Unset()


class ImportFileError(Exception):
    """A file that cannot be imported; the message names the file, row and column."""

    def __init__(self, file_name, message, *, row=None, column=None, command_line=None):
        self.file_name = file_name
        self.row = row
        self.column = column
        self.detail = message
        # The message in the command line's words, where they differ from a web page's.
        self.command_line_detail = command_line
        super().__init__(f"{', '.join([file_name, *self.place()])}: {message}")

    def for_command_line(self):
        if not self.command_line_detail:
            return str(self)
        return f"{', '.join([self.file_name, *self.place()])}: {self.command_line_detail}"

    def place(self):
        """['row 7', "column 'Postcode'"], as far as they are known."""
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return where

    @property
    def problems(self):
        return [self]

    @property
    def summary(self):
        return str(self)


class ImportFileProblems(ImportFileError):
    """Several problems found in one file (up to MAX_PROBLEMS): nothing of it is imported."""

    MAX_PROBLEMS = 50

    def __init__(self, file_name, problems, *, stopped=False):
        self._problems = list(problems)
        first = self._problems[0]
        count = len(self._problems)
        if stopped:
            said = f"the first {count} problems found are listed; there may be more"
        else:
            said = f"{count} problems were found"
        self._summary = f"{file_name}: {said}, and nothing was imported"
        lines = [self._summary + ":"]
        for problem in self._problems:
            where = ", ".join(problem.place()) or "the file"
            lines.append(f"- {where}: {problem.detail}")
        Exception.__init__(self, "\n".join(lines))
        self.command_line_detail = None
        self.file_name = file_name
        self.row = first.row
        self.column = first.column
        self.detail = "\n".join(lines[1:])

    @property
    def problems(self):
        return self._problems

    @property
    def summary(self):
        return self._summary


@dataclass(slots=True)
class RatingRecord:
    overall: str  # a providers.vocab.Rating value
    rated_on: date
    overall_as_published: str = ""
    published: date | None = None
    inspected: date | None = None
    safe: str | None = None
    effective: str | None = None
    caring: str | None = None
    responsive: str | None = None
    well_led: str | None = None
    experiences_progress: str | None = None
    help_protection: str | None = None
    leadership: str | None = None
    inherited: bool | None = None
    report_type: str = ""


@dataclass(slots=True)
class ProviderRecord:
    provider_id: str
    name: object = UNSET
    ownership_type: object = UNSET
    sector: object = UNSET
    companies_house_number: object = UNSET
    charity_number: object = UNSET
    brand_id: object = UNSET
    brand_name: object = UNSET
    street_address: object = UNSET
    address_line_2: object = UNSET
    city: object = UNSET
    county: object = UNSET
    postcode: object = UNSET
    phone: object = UNSET
    website: object = UNSET
    nominated_individual: object = UNSET
    registration_start: object = UNSET


@dataclass(slots=True)
class ServiceRecord:
    location_id: str
    row: int  # line in the source file, for messages
    provider_id: object = UNSET  # str, or "" when the file names no provider
    name: object = UNSET
    also_known_as: object = UNSET
    street_address: object = UNSET
    address_line_2: object = UNSET
    city: object = UNSET
    county: object = UNSET
    postcode: object = UNSET
    council_name: object = UNSET  # the regulator's spelling; resolved by the importer
    region_name: object = UNSET
    service_types: object = UNSET  # tuple of providers.vocab.ServiceType values
    regulator_service_types: object = UNSET
    care_home: object = UNSET
    beds: object = UNSET
    places: object = UNSET
    sector: object = UNSET
    user_bands: object = UNSET
    specialisms: object = UNSET
    registration_start: object = UNSET
    registration_end: object = UNSET
    dormant: object = UNSET
    active: object = UNSET
    phone: object = UNSET
    website: object = UNSET
    registered_manager: object = UNSET
    inspection_directorate: object = UNSET
    inspection_category: object = UNSET
    latitude: object = UNSET
    longitude: object = UNSET
    last_checked: object = UNSET
    # The latest rating in the file; None when the file says "not yet rated".
    rating: object = UNSET
    # Earlier ratings the file also gives (Ofsted 2024: the previous full inspection).
    earlier_ratings: list = field(default_factory=list)


@dataclass(slots=True)
class ParsedFile:
    file_name: str
    layout: str  # a regulators.models.Layout value
    regulator: str  # a providers.vocab.Regulator value
    snapshot_date: date | None
    services: list  # of ServiceRecord, one per location, in file order
    providers: dict  # provider_id -> ProviderRecord
    rows: int = 0  # data rows read
    # Rows outside the register's scope (GPs, dentists, hospitals), counted, not kept.
    skipped: int = 0
    # Rows left out for a stated reason that does not stop the import (no location id).
    rejected: int = 0
    # Whether the file lists every registered service nationally (absent ones deactivate).
    full_register: bool = False
    warnings: list = field(default_factory=list)


SERVICE_FIELDS = tuple(
    f.name for f in fields(ServiceRecord) if f.name not in {"location_id", "row", "earlier_ratings"}
)
PROVIDER_FIELDS = tuple(f.name for f in fields(ProviderRecord) if f.name != "provider_id")
