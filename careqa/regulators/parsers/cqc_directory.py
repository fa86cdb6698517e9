"""Reading CQC's weekly care directory CSV: a preamble, then one row per location, no ratings."""

from careqa.providers.vocab import Regulator
from careqa.regulators.layouts import DIRECTORY_HEADER
from careqa.regulators.models import Layout
from careqa.regulators.parsers import cqc_vocab
from careqa.regulators.parsers.columns import Columns
from careqa.regulators.parsers.layout import (
    PRODUCED_ON,
    Rows,
    choose_snapshot,
    convert,
    date_in_name,
    date_in_text,
    duplicate_error,
    parsed_file,
    whole_cqc_register,
)
from careqa.regulators.parsers.values import check_date, fold, phone_text
from careqa.regulators.records import ProviderRecord, ServiceRecord

LAYOUT = Layout.CQC_DIRECTORY.value
LABEL = "CQC's care directory CSV"
KNOWN = frozenset(fold(name) for name in DIRECTORY_HEADER) | {
    "cqc location (for office use only",
    "cqc location (for office use only)",
}
MARKERS = frozenset(("service types", "specialisms/services", "date of latest check"))
# The 2017 edition spelt the id column 'CQC Location (for office use only' (sic).
LOCATION_ID_PREFIX = "cqc location"


def anchored(keys):
    return any(key.startswith(LOCATION_ID_PREFIX) for key in keys)


SERVICE_TEXT = {
    "name": ("Name",),
    "also_known_as": ("Also known as",),
    "postcode": ("Postcode",),
    "website": ("Service's website (if available)",),
    "council_name": ("Local authority",),
    "region_name": ("Region",),
}


def parse(table, ctx):
    cols = Columns(table, ctx, LABEL)
    at_id = cols.need(
        "CQC Location ID (for office use only)",
        "CQC Location (for office use only",
        "CQC Location (for office use only)",
    )
    at_types = cols.need("Service types")
    cols.check()
    absent = []

    def find(*names):
        position = cols.find(*names)
        if position is None:
            absent.append(names[0])
        return position

    service_text = [(f, p) for f, names in SERVICE_TEXT.items() if (p := find(*names)) is not None]
    at_address = find("Address")
    at_phone = find("Phone number")
    at_checked = find("Date of latest check")
    at_specialisms = find("Specialisms/services")
    at_provider = find("CQC Provider ID (for office use only)")
    at_provider_name = find("Provider name")
    if absent:
        ctx.warn(
            "Columns not in this file, so what they hold was left as it was: "
            + ", ".join(f"'{name}'" for name in absent)
            + "."
        )

    type_cache = {}
    services, providers, seen = [], {}, {}
    count = Rows(ctx)
    for number, cells in table.records(ctx):
        count.read += 1
        raw_types = cells[at_types].strip()
        mapped = type_cache.get(raw_types)
        if mapped is None:
            mapped = type_cache[raw_types] = _service_types(raw_types)
        codes, social_care = mapped
        if not social_care:
            count.skipped += 1
            continue
        location_id = cells[at_id].strip()
        if not location_id:
            count.reject(number, f"no {cols.name(at_id)}")
            continue
        if location_id in seen:
            ctx.problem(
                duplicate_error(
                    ctx, "Location ID", location_id, seen[location_id], number, cols.name(at_id)
                )
            )
            continue
        seen[location_id] = number

        record = ServiceRecord(
            location_id=location_id,
            row=number,
            active=True,
            service_types=codes,
            regulator_service_types=raw_types,
            care_home=bool(cqc_vocab.CARE_HOME_TYPES.intersection(codes)),
        )
        for field, position in service_text:
            setattr(record, field, cells[position].strip())
        if at_address is not None:
            _set_address(record, cells[at_address])
        if at_phone is not None:
            record.phone = phone_text(cells[at_phone])
        if at_checked is not None:
            record.last_checked = convert(ctx, cols, number, cells, at_checked, check_date)
        if at_specialisms is not None:
            record.specialisms = "|".join(
                part.strip() for part in cells[at_specialisms].split("|") if part.strip()
            )
        if at_provider is not None:
            provider_id = cells[at_provider].strip()
            record.provider_id = provider_id
            if provider_id and provider_id not in providers:
                provider = ProviderRecord(provider_id=provider_id)
                if at_provider_name is not None:
                    provider.name = cells[at_provider_name].strip()
                providers[provider_id] = provider
        services.append(record)
    count.finish()

    snapshot = choose_snapshot(
        ctx, date_in_text(ctx.notes, PRODUCED_ON), date_in_name(ctx.file_name)
    )
    full = whole_cqc_register(ctx, services)
    return parsed_file(
        ctx,
        layout=LAYOUT,
        regulator=Regulator.CQC.value,
        snapshot=snapshot,
        services=services,
        providers=providers,
        count=count,
        full=full,
    )


def _service_types(raw):
    """(ServiceType codes, whether any type is adult social care) of a 'Service types' cell."""
    codes = set()
    social_care = False
    for label in raw.split("|"):
        code = cqc_vocab.DIRECTORY_SERVICE_TYPES.get(fold(label))
        if code:
            codes.add(code)
            social_care = True
    return tuple(sorted(codes)), social_care


def _set_address(record, text):
    """Split the one 'Address' cell back into lines.

    CQC joins the lines with ',' and no space, while a line may itself contain ', '.
    """
    lines = []
    for piece in text.split(","):
        if lines and piece.startswith(" "):
            lines[-1] += "," + piece
        else:
            lines.append(piece)
    lines = [line.strip() for line in lines if line.strip()]
    record.street_address = lines[0] if lines else ""
    if len(lines) >= 4:
        record.address_line_2 = ", ".join(lines[1:-2])
        record.city, record.county = lines[-2], lines[-1]
    else:
        record.address_line_2 = ", ".join(lines[1:-1])
        record.city = lines[-1] if len(lines) >= 2 else ""
