"""Shaping the register for display: summary rows, the rating history and the CSV export's
columns. Plain data in, plain data out; no queries.
"""

import re
from dataclasses import dataclass

from django.urls import reverse

from careqa.providers.rules import STANDING_LABELS, STANDING_TAGS, list_warning
from careqa.providers.vocab import (
    CQC_KEY_QUESTIONS,
    KEY_QUESTION_LABELS,
    NAME_WITHHELD,
    NOT_YET_INSPECTED,
    OFSTED_AREAS,
    OFSTED_PROVIDER_KEY,
    ContractStatus,
    Rating,
    Regulator,
    Sector,
    ServiceType,
)
from careqa.spreadsheets import safe_cell

# Short headings for the Ofsted areas in the history table (the full words are long).
SHORT_AREA_LABELS = {
    "experiences_progress": "Experiences and progress",
    "help_protection": "Help and protection",
    "leadership": "Leaders and managers",
}

# Import changes about ratings are left off the timeline: the rating history says the same
# with the regulator's own dates.
RATING_CHANGE_KINDS = {"first_rating", "rating_up", "rating_down", "rating_same"}


def day(value) -> str:
    """A date the GOV.UK way: 5 January 2024."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"


def yes_no(value) -> str:
    return "Yes" if value else "No"


def public_provider_id(provider_id) -> str:
    """The regulator's id for a provider, or "" where it publishes none (Ofsted)."""
    if not provider_id or provider_id.startswith(OFSTED_PROVIDER_KEY):
        return ""
    return provider_id


def rating_label(rating) -> str:
    if not rating:
        return NOT_YET_INSPECTED
    try:
        return Rating(rating).label
    except ValueError:
        return str(rating)


def split_list(text) -> list[str]:
    """The regulators' lists ('Dementia|Older people', 'a; b') as separate items."""
    if not text:
        return []
    parts = re.split(r"\s*[|;]\s*", text) if re.search(r"[|;]", text) else [text]
    return [part.strip() for part in parts if part.strip()]


def key_questions(regulator) -> tuple[str, ...]:
    return OFSTED_AREAS if regulator == Regulator.OFSTED else CQC_KEY_QUESTIONS


# ---- Service ---------------------------------------------------------------------------


def standing(status) -> dict | None:
    """A service's contract standing as a GOV.UK tag, or None if we do not commission it."""
    if status is None:
        return None
    return {"label": STANDING_LABELS[status], "css": STANDING_TAGS[status]}


def capacity(service) -> str:
    """Care-home beds (CQC) or places (Ofsted), whichever the regulator gives."""
    if service.care_home and service.beds is not None:
        return str(service.beds)
    if service.places is not None:
        return str(service.places)
    return ""


def service_list_rows(services, standings) -> list[dict]:
    """One page of the register: each service with its contract standing and any warning
    to read before placing someone (standings only for people who may see contracts)."""
    return [
        {
            "service": service,
            "capacity": capacity(service),
            "standing": standing(standings.get(service.pk)),
            "warning": list_warning(service.rating, standings.get(service.pk)),
        }
        for service in services
    ]


def service_summary_rows(service) -> list[dict]:
    provider = service.provider
    capacity = []
    # CQC gives 0 beds for services that are not care homes: not worth showing.
    if service.beds is not None and service.care_home:
        capacity.append({"key": "Beds", "value": str(service.beds)})
    if service.places is not None:
        capacity.append({"key": "Places", "value": str(service.places)})
    status = "Active" if service.active else "Inactive"
    if service.dormant:
        status += " (dormant)"
    registration = day(service.registration_start)
    if service.registration_end:
        registration = f"{registration} to {day(service.registration_end)}".strip()
    names = []
    if service.name_withheld:
        names.append(
            {
                "key": "Name",
                "value": NAME_WITHHELD,
                "hint": "Ofsted does not publish the names and addresses of children's homes.",
            }
        )
    if service.local_name:
        names.append({"key": "Our name for it", "value": service.local_name})
    rows = [
        *names,
        {"key": "Status", "value": status},
        {
            "key": "URN" if service.regulator == Regulator.OFSTED else "Location ID",
            "value": f"{service.location_id} ({service.get_regulator_display()})",
        },
        {"key": "Address", "value": service.address},
        {"key": "Council", "value": service.council.name if service.council else ""},
        {"key": "Region", "value": service.region.name if service.region else ""},
        {
            "key": "Provider",
            "value": provider.name if provider else "",
            "href": reverse("providers:provider-detail", args=[provider.pk]) if provider else "",
        },
        {
            "key": "Service types",
            "list": service.type_labels,
            "value": "",
            "hint": (
                f"{service.get_regulator_display()}: {service.regulator_service_types}"
                if service.regulator_service_types
                else ""
            ),
        },
        {"key": "Care home", "value": yes_no(service.care_home)},
        *capacity,
        {"key": "Sector", "value": service.get_sector_display()},
        {"key": "Who it supports", "list": split_list(service.user_bands), "value": ""},
        {"key": "Specialisms", "list": split_list(service.specialisms), "value": ""},
        {"key": "Registered", "value": registration},
        {"key": "Registered manager", "value": service.registered_manager},
        {"key": "Phone", "value": service.phone},
        {
            "key": "Regulator's page",
            "value": f"{service.regulator_name} on the {service.get_regulator_display()} website",
            "href": service.regulator_url,
        },
    ]
    if not service.active and service.deactivated_on:
        rows[len(names)]["hint"] = (
            f"Not in the regulator's register since {day(service.deactivated_on)}"
        )
    for row in rows:
        if "list" in row and not row["list"]:
            row.pop("list")
    return rows


def current_rating_rows(service, latest) -> list[dict]:
    """The overall rating and, from the latest published rating, each key question."""
    overall = {
        "key": "Overall",
        "rating": service.rating,
        "value": f"Published {day(service.rating_published)}" if service.rating_published else "",
    }
    if latest is None:
        return [overall]
    rows = [overall]
    for name in key_questions(service.regulator):
        value = getattr(latest, name)
        if value:
            rows.append({"key": KEY_QUESTION_LABELS[name], "rating": value, "value": ""})
    return rows


@dataclass
class HistoryTable:
    columns: list[str]
    rows: list[dict]


def rating_history_table(service, ratings) -> HistoryTable:
    names = key_questions(service.regulator)
    if service.regulator == Regulator.OFSTED:
        columns = [SHORT_AREA_LABELS[n] for n in names]
    else:
        columns = [KEY_QUESTION_LABELS[n] for n in names]
    rows = [
        {
            "rated_on": rating.rated_on,
            "overall": rating.overall,
            "as_published": (
                rating.overall_as_published
                if rating.overall_as_published
                and rating.overall_as_published.lower() != rating_label(rating.overall).lower()
                else ""
            ),
            "areas": [getattr(rating, name) for name in names],
            "inherited": rating.inherited,
            "published": rating.published,
            "inspected": rating.inspected,
            "report_type": rating.report_type,
        }
        for rating in ratings
    ]
    return HistoryTable(columns=columns, rows=rows)


# ---- Providers ---------------------------------------------------------------------------


def provider_summary_rows(provider) -> list[dict]:
    published_id = public_provider_id(provider.provider_id)
    rows = [
        {
            "key": "Provider ID",
            "value": (
                f"{published_id} ({provider.get_regulator_display()})"
                if published_id
                else f"{provider.get_regulator_display()} publishes no provider ID"
            ),
        },
        {"key": "Status", "value": "Active" if provider.active else "Inactive"},
        {"key": "Address", "value": provider.address},
        {"key": "Sector", "value": provider.get_sector_display()},
        {"key": "Ownership", "value": provider.ownership_type},
        {"key": "Brand", "value": provider.brand_name},
        {"key": "Companies House number", "value": provider.companies_house_number},
        {"key": "Charity number", "value": provider.charity_number},
        {"key": "Nominated individual", "value": provider.nominated_individual},
        {"key": "Phone", "value": provider.phone},
        {"key": "Registered", "value": day(provider.registration_start)},
    ]
    # Leave out what the regulator does not publish for this kind of provider.
    always = {"Provider ID", "Status", "Address", "Sector"}
    return [row for row in rows if row["key"] in always or row["value"]]


RATING_ORDER = [
    Rating.OUTSTANDING,
    Rating.GOOD,
    Rating.REQUIRES_IMPROVEMENT,
    Rating.INADEQUATE,
    Rating.NOT_RATED,
    None,
]


def rating_counts(found: dict) -> list[dict]:
    """How many active services hold each rating ({rating: n}), with a share of the total."""
    counts = {rating: 0 for rating in RATING_ORDER}
    for rating, count in found.items():
        counts[rating or None] = counts.get(rating or None, 0) + count
    total = sum(counts.values())
    return [
        {
            "rating": rating,
            "label": rating_label(rating),
            "count": count,
            "percent": f"{100 * count / total:.0f}%" if total else "",
        }
        for rating, count in counts.items()
        if count or rating in RATING_ORDER[:4]
    ]


# ---- CSV export --------------------------------------------------------------------------

EXPORT_COLUMNS = [
    "Location ID",
    "Name",
    "Our name for it",
    "Regulator",
    "Provider ID",
    "Provider",
    "Address",
    "Postcode",
    "Council",
    "Region",
    "Service types",
    "Care home",
    "Beds",
    "Places",
    "Sector",
    "Rating",
    "Rating date",
    "Active",
]
# Only for people who may see contracts.
CONTRACT_COLUMNS = ["Commissioned", "Contract status"]
# What other apps say of the service (list_notes), e.g. "Suspended: no new placements since
# 3 March 2027, review 31 March": in the file as in the list, so "commissioned" never hides it.
NOTES_COLUMN = "Notes"
LINK_COLUMN = "CareQA link"

_REGULATORS = dict(Regulator.choices)
_SECTORS = dict(Sector.choices)
_TYPES = dict(ServiceType.choices)
_CONTRACT_STATUSES = dict(ContractStatus.choices)


def export_columns(with_contracts) -> list[str]:
    return [
        *EXPORT_COLUMNS,
        *(CONTRACT_COLUMNS if with_contracts else ()),
        NOTES_COLUMN,
        LINK_COLUMN,
    ]


def export_row(row: dict, link_format="/services/{}/", *, with_contracts=False, notes=()) -> list:
    """One CSV line from a dict of queries.EXPORT_FIELDS; `link_format` makes the link;
    `notes` are the list notes this person may read for the service."""
    address = (row["street_address"], row["address_line_2"], row["city"], row["county"])
    withheld = row["name"] == row["location_id"] and row["regulator"] == Regulator.OFSTED
    values = [
        row["location_id"],
        NAME_WITHHELD if withheld else row["name"],
        row["local_name"],
        _REGULATORS.get(row["regulator"], row["regulator"]),
        public_provider_id(row["provider__provider_id"]),
        row["provider__name"] or "",
        ", ".join(part for part in address if part),
        row["postcode"],
        row["council__name"] or "",
        row["region__name"] or "",
        "; ".join(_TYPES[code] for code in row["service_types"].split() if code in _TYPES),
        yes_no(row["care_home"]),
        "" if row["beds"] is None else row["beds"],
        "" if row["places"] is None else row["places"],
        _SECTORS.get(row["sector"], row["sector"]),
        rating_label(row["rating"]),
        row["rating_published"].isoformat() if row["rating_published"] else "",
        yes_no(row["active"]),
    ]
    if with_contracts:
        standing = row["contract_standing"]
        values += [yes_no(standing), _CONTRACT_STATUSES.get(standing, "")]
    values.append("; ".join(notes))
    values.append(link_format.format(row["pk"]))
    return [safe_cell(value) for value in values]
