"""CQC API answers mapped onto the records the file imports produce: no database here.

`location(data)` reads one `GET /locations/{id}` answer (CQC_FORMATS.md §4.3, §4.4) and
`provider(data)` one `GET /providers/{id}`. The vocabularies are the file importers'
(cqc_vocab), so that a location read from the API and from the HSCA file come out alike.
A field the answer does not carry is left UNSET where absence might only mean "not sent"
(the provider's details); on a location, whose answer is its whole record, CQC omits what
is empty (a website, a phone number), so those are written as empty.
"""

import datetime
from dataclasses import dataclass, field

from careqa.providers.vocab import ServiceType
from careqa.regulators.parsers import cqc_vocab
from careqa.regulators.parsers.values import BadValue, code_text, fold, phone_text, rating
from careqa.regulators.records import UNSET, ProviderRecord, RatingRecord, ServiceRecord

KEY_QUESTIONS = {
    "safe": "safe",
    "effective": "effective",
    "caring": "caring",
    "responsive": "responsive",
    "well-led": "well_led",
    "well led": "well_led",
}


@dataclass
class Location:
    """What one location's answer gives the sync."""

    location_id: str
    record: ServiceRecord | None  # None: outside the register's scope
    provider_id: str = ""
    # (inspected on, the last report published before it or None) while a report is awaited.
    unpublished: tuple | None = None
    warnings: list = field(default_factory=list)


def api_date(value):
    """A date from the API's 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS' or ISO with a 'T'."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        raise BadValue(f"'{text}' is not a date (expected YYYY-MM-DD)") from None


def _text(data, key):
    value = data.get(key)
    return "" if value is None else str(value).strip()


def _yes(data, key):
    value = data.get(key)
    if value is None:
        return UNSET
    return str(value).strip().upper() in ("Y", "YES", "TRUE")


def location(data) -> Location:
    location_id = _text(data, "locationId")
    if not location_id:
        raise BadValue("the answer has no locationId")
    found = Location(location_id=location_id, record=None, provider_id=_text(data, "providerId"))
    warn = found.warnings.append

    def read_date(key, value):
        try:
            return api_date(value)
        except BadValue as error:
            warn(f"Location {location_id}, {key}: {error}; left as it was.")
            return UNSET

    categories = data.get("inspectionCategories") or []
    primary = next(
        (c for c in categories if str(c.get("primary", "")).lower() == "true"),
        categories[0] if categories else {},
    )
    category = _text(primary, "name")
    care_home = _text(data, "careHome")
    if not cqc_vocab.in_scope(
        _text(data, "type"), _text(data, "inspectionDirectorate"), category, care_home
    ):
        return found

    record = ServiceRecord(location_id=location_id, row=0)
    found.record = record
    record.provider_id = found.provider_id
    record.name = _text(data, "name") or location_id
    record.street_address = _text(data, "postalAddressLine1")
    record.address_line_2 = _text(data, "postalAddressLine2")
    record.city = _text(data, "postalAddressTownCity")
    record.county = _text(data, "postalAddressCounty")
    record.postcode = _text(data, "postalCode")
    record.council_name = _text(data, "localAuthority")
    record.region_name = _text(data, "region")
    record.website = _text(data, "website")
    record.phone = phone_text(_text(data, "mainPhoneNumber"))
    record.inspection_directorate = _text(data, "inspectionDirectorate")
    record.inspection_category = category
    record.care_home = _yes(data, "careHome")
    record.dormant = _yes(data, "dormancy")
    beds = data.get("numberOfBeds")
    record.beds = beds if isinstance(beds, int) and beds >= 0 else None
    for name, key in (("latitude", "onspdLatitude"), ("longitude", "onspdLongitude")):
        value = data.get(key)
        record_value = float(value) if isinstance(value, int | float) else None
        setattr(record, name, record_value)
    record.registration_start = read_date("registrationDate", data.get("registrationDate"))
    status = fold(_text(data, "registrationStatus"))
    record.active = status != "deregistered"
    record.registration_end = read_date("deregistrationDate", data.get("deregistrationDate"))
    last_inspection = (data.get("lastInspection") or {}).get("date")
    record.last_checked = read_date("lastInspection", last_inspection)
    record.specialisms = "|".join(
        _text(s, "name") for s in data.get("specialisms") or [] if _text(s, "name")
    )
    _service_types(record, data.get("gacServiceTypes") or [])
    record.registered_manager = _registered_manager(data.get("regulatedActivities") or [])

    reports = data.get("reports") or []
    current, earlier = _ratings(data, reports, warn, location_id)
    record.rating = current
    record.earlier_ratings = earlier
    found.unpublished = unpublished_inspection(data, warn=warn)
    return found


def _service_types(record, types):
    codes, labels = set(), []
    for entry in types:
        description = _text(entry, "description")
        name = _text(entry, "name")
        code = cqc_vocab.HSCA_SERVICE_TYPES.get(fold(description))
        if code is None:
            code = cqc_vocab.DIRECTORY_SERVICE_TYPES.get(fold(name))
        if code:
            codes.add(code)
        if description or name:
            labels.append(description or name)
    record.service_types = tuple(sorted(codes))
    record.regulator_service_types = "|".join(labels)
    if record.care_home is UNSET:
        record.care_home = bool(codes & {ServiceType.NURSING.value, ServiceType.RESIDENTIAL.value})


def _registered_manager(activities):
    names = []
    for activity in activities:
        for contact in activity.get("contacts") or []:
            roles = [fold(str(r)) for r in contact.get("personRoles") or []]
            if "registered manager" not in roles:
                continue
            name = " ".join(
                part
                for part in (
                    _text(contact, "personTitle"),
                    _text(contact, "personGivenName"),
                    _text(contact, "personFamilyName"),
                )
                if part
            )
            if name and name not in names:
                names.append(name)
    return ", ".join(names)


def _key_questions(entries, warn, where):
    found = {}
    for entry in entries or []:
        field_name = KEY_QUESTIONS.get(fold(_text(entry, "name")))
        if field_name is None:
            continue
        code = _rating_code(_text(entry, "rating"), warn, where)
        if code:
            found[field_name] = code
    return found


def _rating_code(word, warn, where):
    try:
        return rating(word)[0]
    except BadValue as error:
        warn(f"{where}: {error}; left as it was.")
        return None


def _ratings(data, reports, warn, location_id):
    """(the current RatingRecord, or None when never rated, or UNSET; earlier ones).

    The current rating is the newer of `currentRatings.overall` (by its report date) and
    the assessment framework's ratings (`assessment[].ratings.asgRatings`, by the plan's
    publication date), as CQC_FORMATS.md §4.4 recommends.
    """
    where = f"Location {location_id}"
    visits = {
        _text(r, "linkId"): r for r in reports if _text(r, "linkId")
    }  # report link id -> report, for the inspection date and the report's type
    candidates = []
    current = data.get("currentRatings") or {}
    overall = current.get("overall") or {}
    if _text(overall, "rating"):
        candidate = _rating_record(
            overall.get("rating"),
            overall.get("reportDate") or current.get("reportDate"),
            overall.get("keyQuestionRatings"),
            visits.get(_text(overall, "reportLinkId")),
            warn,
            where,
        )
        if candidate is not None:
            candidates.append(candidate)
    for assessment in data.get("assessment") or []:
        published = assessment.get("assessmentPlanPublishedDateTime")
        groups = (assessment.get("ratings") or {}).get("asgRatings") or []
        for group in groups:
            if not _text(group, "rating") or fold(_text(group, "status")) == "historic":
                continue
            candidate = _rating_record(
                group.get("rating"),
                published or group.get("assessmentDate"),
                group.get("keyQuestionRatings"),
                None,
                warn,
                where,
                inspected=group.get("assessmentDate"),
                report_type=_text(group, "name"),
            )
            if candidate is not None:
                candidates.append(candidate)
    earlier = []
    for historic in data.get("historicRatings") or []:
        past = historic.get("overall") or {}
        candidate = _rating_record(
            past.get("rating"),
            historic.get("reportDate"),
            past.get("keyQuestionRatings"),
            visits.get(_text(historic, "reportLinkId")),
            warn,
            where,
        )
        if candidate is not None:
            earlier.append(candidate)
    if candidates:
        candidates.sort(key=lambda r: r.rated_on)
        newest = candidates[-1]
        earlier.extend(c for c in candidates[:-1] if c.rated_on != newest.rated_on)
        return newest, earlier
    if not data.get("historicRatings") and not reports and not data.get("assessment"):
        return None, earlier  # never rated: nothing published about it at all
    # Ratings are known to exist but none is current here: keep what the register has.
    return UNSET, earlier


def _rating_record(
    word, published, questions, report, warn, where, *, inspected=None, report_type=None
):
    code = _rating_code(_text({"r": word}, "r"), warn, where)
    if not code:
        return None
    try:
        rated_on = api_date(published)
        if inspected is None and report is not None:
            inspected = report.get("firstVisitDate")
        inspected_on = api_date(inspected)
    except BadValue as error:
        warn(f"{where}: a rating's date: {error}; left as it was.")
        return None
    if rated_on is None:
        warn(f"{where}: the rating '{word}' has no report date; left as it was.")
        return None
    if report_type is None:
        report_type = _text(report or {}, "reportType")
    return RatingRecord(
        overall=code,
        rated_on=rated_on,
        overall_as_published=" ".join(str(word).split()),
        published=rated_on,
        inspected=inspected_on,
        report_type=report_type,
        **_key_questions(questions, warn, where),
    )


def unpublished_inspection(data, *, warn=None):
    """(inspected on, previous report's date) when CQC has inspected since its last report.

    The API gives `lastInspection.date` and `lastReport.publicationDate`: an inspection
    later than every report CQC has published is one whose report is still to come. A
    report listed with a visit date but no report date (unpublished, where CQC lists it)
    counts the same.
    """
    try:
        inspected = api_date((data.get("lastInspection") or {}).get("date"))
        published = [api_date((data.get("lastReport") or {}).get("publicationDate"))]
        published.append(api_date((data.get("currentRatings") or {}).get("reportDate")))
        waiting = []
        for report in data.get("reports") or []:
            if report.get("reportDate"):
                published.append(api_date(report.get("reportDate")))
            elif report.get("firstVisitDate"):
                waiting.append(api_date(report.get("firstVisitDate")))
    except BadValue as error:
        if warn is not None:
            warn(f"Location {_text(data, 'locationId')}: an inspection date: {error}.")
        return None
    latest = max((d for d in published if d is not None), default=None)
    visits = [d for d in [inspected, *waiting] if d is not None]
    pending = [d for d in visits if latest is None or d > latest]
    if not pending:
        return None
    return max(pending), latest


def provider(data) -> ProviderRecord:
    """A provider's answer; only what it carries is set (the rest stays as it was)."""
    provider_id = _text(data, "providerId")
    if not provider_id:
        raise BadValue("the answer has no providerId")
    record = ProviderRecord(provider_id=provider_id)
    for name, key in (
        ("name", "name"),
        ("ownership_type", "ownershipType"),
        ("brand_id", "brandId"),
        ("brand_name", "brandName"),
        ("street_address", "postalAddressLine1"),
        ("address_line_2", "postalAddressLine2"),
        ("city", "postalAddressTownCity"),
        ("county", "postalAddressCounty"),
        ("postcode", "postalCode"),
        ("website", "website"),
    ):
        if key in data:
            setattr(record, name, _text(data, key))
    if "companiesHouseNumber" in data:
        record.companies_house_number = code_text(_text(data, "companiesHouseNumber"))
    if "charityNumber" in data:
        record.charity_number = code_text(_text(data, "charityNumber"))
    if "mainPhoneNumber" in data:
        record.phone = phone_text(_text(data, "mainPhoneNumber"))
    if "registrationDate" in data:
        try:
            record.registration_start = api_date(data.get("registrationDate"))
        except BadValue:
            pass
    if "type" in data and "name" in data:
        record.sector = cqc_vocab.sector(
            _text(data, "type"),
            _text(data, "name"),
            _text(data, "ownershipType"),
            _text(data, "charityNumber"),
        )
    return record
