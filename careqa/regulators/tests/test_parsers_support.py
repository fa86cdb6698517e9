"""Helpers shared by the parser tests: small regulator files written as CSV, XLSX and ODS.

Rows are lists of typed values (str, int, float, date, None); each writer stores them the
way that format does: text in CSV (dates dd/mm/yyyy), typed cells in XLSX and ODS.
"""

import csv
import datetime
import io
import random
import zipfile
from xml.sax.saxutils import escape

import openpyxl

from careqa.regulators.layouts import (
    DIRECTORY_HEADER,
    HSCA_HEADER,
    HSCA_README_TITLE,
    RATINGS_LOCATIONS_HEADER,
)

# -- writers ---------------------------------------------------------------------------


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_csv(path, rows, *, encoding="utf-8", preamble=()):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in preamble:
        writer.writerow(line)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([None if value == "" else value for value in row])
    book.save(path)
    return path


_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/"
  manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def _ods_cell(value, repeat=1):
    attribute = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value is None or value == "":
        return f"<table:table-cell{attribute}/>"
    if isinstance(value, datetime.date):
        shown = value.strftime("%d/%m/%Y")
        return (
            f'<table:table-cell{attribute} office:value-type="date" '
            f'office:date-value="{value.isoformat()}T00:00:00"><text:p>{shown}</text:p>'
            "</table:table-cell>"
        )
    if isinstance(value, int | float):
        # LibreOffice writes big numbers in exponent form, e.g. 1.0013042022E10.
        stored = f"{value:.10E}".replace("E+", "E") if abs(value) >= 1e10 else repr(value)
        return (
            f'<table:table-cell{attribute} office:value-type="float" office:value="{stored}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    paragraphs = "".join(
        "<text:p>" + escape(line).replace("  ", " <text:s/>") + "</text:p>"
        for line in str(value).split("\n")
    )
    return (
        f'<table:table-cell{attribute} office:value-type="string">{paragraphs}</table:table-cell>'
    )


def _ods_row(row):
    cells = []
    index = 0
    while index < len(row):
        value = row[index]
        run = 1
        while index + run < len(row) and row[index + run] == value:
            run += 1
        cells.append(_ods_cell(value, run))
        index += run
    # Real files pad every row to the sheet's width with one huge repeated blank cell.
    cells.append('<table:table-cell table:number-columns-repeated="16000"/>')
    return f"<table:table-row>{''.join(cells)}</table:table-row>"


def write_ods(path, sheets, *, truncate_at=None):
    """An ODS file as LibreOffice writes one: repeated cells, huge trailing filler."""
    parts = [
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NAMESPACES} '
        'office:version="1.2"><office:body><office:spreadsheet>'
    ]
    for name, rows in sheets:
        parts.append(f'<table:table table:name="{escape(name)}">')
        parts.append('<table:table-column table:number-columns-repeated="16384"/>')
        blank_run = 0
        for row in rows:
            if all(value in ("", None) for value in row):
                blank_run += 1
                continue
            if blank_run:
                parts.append(
                    f'<table:table-row table:number-rows-repeated="{blank_run}">'
                    '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
                )
                blank_run = 0
            parts.append(_ods_row(row))
        parts.append(
            '<table:table-row table:number-rows-repeated="1048000">'
            '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        )
        parts.append("</table:table>")
    parts.append("</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", "".join(parts), compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
    if truncate_at is not None:
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * truncate_at)])
    return path


# -- the HSCA active locations file ------------------------------------------------------

HSCA_README = [
    [HSCA_README_TITLE],
    [""],
    ["Source: CQC database as at 01 September 2026"],
    ["Management Information Requests Performance Team"],
]

_Y = "Y"
_BASE = {
    "Dormant (Y/N)": "N",
    "Care home?": "N",
    "Location Type/Sector": "Social Care Org",
    "Location Inspection Directorate": "Adult social care",
    "Location Region": "North West",
    "Location Local Authority": "Wirral",
    "Provider Type/Sector": "Social Care Org",
    "Provider Ownership Type": "Organisation",
    "Brand ID": "-",
    "Brand Name": "-",
}


HSCA_FIXTURE = [
    {
        **_BASE,
        "Location ID": "1-101",
        "Location HSCA start date": datetime.date(2011, 1, 4),
        "Care home?": "Y",
        "Location Name": "Lucerne House",
        "Location Telephone Number": 1516061234,
        "Registered manager": "A Manager",
        "Location Web Address": "www.lucerne.example",
        "Care homes beds": 42,
        "Location Primary Inspection Category": "Residential social care",
        "Location Latest Overall Rating": "Requires Improvement",
        "Publication Date": datetime.date(2022, 4, 20),
        "Inherited Rating (Y/N)": "N",
        "Location Street Address": "1 Hoylake Road",
        "Location Address Line 2": "Moreton",
        "Location City": "Wirral",
        "Location County": "Merseyside",
        "Location Postal Code": "CH46 1AA",
        "Location Latitude": 53.401234,
        "Location Longitude": -3.112345,
        "Brand ID": "BD198",
        "Brand Name": "BRAND Barchester Healthcare",
        "Provider Companies House Number": 1.0013042022e10,
        "Provider ID": "1-P1",
        "Provider Name": "Acme Care  Homes Limited",
        "Provider HSCA start date": datetime.date(2010, 10, 1),
        "Provider Telephone Number": "01516060000",
        "Provider Street Address": "2 Head Office Way",
        "Provider City": "Liverpool",
        "Provider Postal Code": "L1 1AA",
        "Provider Nominated Individual Name": "N Individual",
        "Regulated activity - Accommodation for persons who require nursing or personal care": _Y,
        "Service type - Care home service with nursing": _Y,
        "Service type - Care home service without nursing": _Y,
        "Service user band - Dementia": _Y,
        "Service user band - Older People": _Y,
    },
    {
        **_BASE,
        "Location ID": "1-102",
        "Location HSCA start date": datetime.date(2015, 6, 30),
        "Location Name": "Helping Hands\nWirral",
        "Care homes beds": 0,
        "Location Primary Inspection Category": "Community based adult social care services",
        "Location Latest Overall Rating": "Not Rated",
        "Publication Date": datetime.date(2025, 11, 3),
        "Inherited Rating (Y/N)": "Y",
        "Location Local Authority": "Wolverhampton",
        "Location Region": "West Midlands",
        "Provider Charity Number": 1012345,
        "Provider ID": "1-P2",
        "Provider Name": "Helping Trust",
        "Service type - Domiciliary care service": _Y,
        "Service type - Supported living service": _Y,
        "Service type - Shared Lives": _Y,
        "Service user band - Younger Adults": _Y,
    },
    {
        **_BASE,
        "Location ID": "1-103",
        "Location Name": "Council Extra Care",
        "Location Latest Overall Rating": "",
        "Location Local Authority": "Wolverhampton",
        "Location Region": "West Midlands",
        "Provider ID": "1-P3",
        "Provider Name": "City of Wolverhampton Council",
        "Provider Main Partner Name": "A Partner",
        "Service type - Extra Care housing services": _Y,
        "Service type - Domiciliary care service": _Y,
    },
    {
        **_BASE,
        "Location ID": "1-104",
        "Location Name": "Trust Nursing Unit",
        "Care home?": "Y",
        "Care homes beds": 20,
        "Location Latest Overall Rating": "Good",
        "Publication Date": datetime.date(2019, 1, 31),
        "Inherited Rating (Y/N)": "",
        "Provider ID": "RX1",
        "Provider Name": "Wirral NHS Trust",
        "Provider Type/Sector": "NHS Healthcare Organisation",
        "Provider Ownership Type": "NHS Body",
        "Service type - Care home service with nursing": _Y,
    },
    {
        # A GP surgery: outside the register's scope.
        **_BASE,
        "Location ID": "1-105",
        "Location Name": "Moreton Surgery",
        "Location Type/Sector": "Primary Medical Services",
        "Location Inspection Directorate": "Primary medical services",
        "Provider ID": "1-P5",
        "Provider Name": "Dr Smith",
        "Service type - Doctors consultation service": _Y,
    },
    {
        # No location id: left out with a warning, not fatal.
        **_BASE,
        "Location ID": "",
        "Location Name": "Nameless",
        "Provider ID": "1-P1",
    },
]


def hsca_rows(fixture=HSCA_FIXTURE):
    return [list(HSCA_HEADER)] + [[row.get(name, "") for name in HSCA_HEADER] for row in fixture]


def hsca_sheets(rows=None):
    """The sheets of a current HSCA workbook: README first, the data, dual registrations."""
    return [
        ("README", HSCA_README),
        ("HSCA_Active_Locations", rows or hsca_rows()),
        ("Dual_Registration_Locations", [["Location ID", "Primary ID"], ["1-999", "1-101"]]),
    ]


REGIONS = (
    "East Midlands",
    "East",
    "London",
    "North East",
    "North West",
    "South East",
    "South West",
    "West Midlands",
    "Yorkshire and The Humber",
)


def national_hsca_csv(path, count, *, seed=2026):
    """A national-sized HSCA file in CQC's layout: about 30% care homes, some GPs."""
    rng = random.Random(seed)
    index = {name: position for position, name in enumerate(HSCA_HEADER)}
    bands = [name for name in HSCA_HEADER if name.startswith("Service user band - ")]
    social = [
        index[f"Service type - {name}"]
        for name in (
            "Care home service with nursing",
            "Care home service without nursing",
            "Domiciliary care service",
            "Supported living service",
            "Extra Care housing services",
        )
    ]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HSCA_HEADER)
        for number in range(count):
            row = [""] * len(HSCA_HEADER)
            care_home = rng.random() < 0.3
            gp = not care_home and rng.random() < 0.2
            row[index["Location ID"]] = f"1-{1000000 + number}"
            row[index["Location HSCA start date"]] = (
                f"{rng.randint(1, 28):02d}/0{rng.randint(1, 9)}/20{rng.randint(10, 24)}"
            )
            row[index["Dormant (Y/N)"]] = "N"
            row[index["Care home?"]] = "Y" if care_home else "N"
            row[index["Location Name"]] = f"Service {number}"
            row[index["Location Telephone Number"]] = f"1{rng.randint(100000000, 999999999)}"
            row[index["Care homes beds"]] = str(rng.randint(5, 90)) if care_home else "0"
            row[index["Location Type/Sector"]] = (
                "Primary Medical Services" if gp else "Social Care Org"
            )
            row[index["Location Inspection Directorate"]] = (
                "Primary medical services" if gp else "Adult social care"
            )
            row[index["Location Latest Overall Rating"]] = rng.choice(
                ["Good", "Good", "Outstanding", "Requires improvement", "Inadequate", ""]
            )
            if row[index["Location Latest Overall Rating"]]:
                row[index["Publication Date"]] = f"{rng.randint(1, 28):02d}/11/2025"
                row[index["Inherited Rating (Y/N)"]] = rng.choice("YN")
            row[index["Location Region"]] = REGIONS[number % len(REGIONS)]
            row[index["Location Local Authority"]] = f"Council {number % 150}"
            row[index["Location Street Address"]] = f"{number} High Street"
            row[index["Location City"]] = "Town"
            row[index["Location Postal Code"]] = "AB1 2CD"
            row[index["Location Latitude"]] = f"{50 + rng.random() * 5:.6f}"
            row[index["Location Longitude"]] = f"{-3 + rng.random() * 4:.6f}"
            row[index["Brand ID"]] = "-"
            row[index["Brand Name"]] = "-"
            row[index["Provider ID"]] = f"1-P{number // 3}"
            row[index["Provider Name"]] = f"Provider {number // 3} Limited"
            row[index["Provider Type/Sector"]] = row[index["Location Type/Sector"]]
            row[index["Provider Ownership Type"]] = "Organisation"
            row[index["Provider Companies House Number"]] = f"{rng.randint(1, 99999999):08d}"
            if care_home:
                row[social[rng.randint(0, 1)]] = "Y"
            elif gp:
                row[index["Service type - Doctors consultation service"]] = "Y"
            else:
                row[social[rng.randint(2, 4)]] = "Y"
            for band in rng.sample(bands, 3):
                row[index[band]] = "Y"
            writer.writerow(row)
    return path


# -- the Latest ratings file, Locations sheet ---------------------------------------------


def _ratings_row(
    location,
    name,
    care_home,
    location_type,
    category,
    group,
    domain,
    word,
    published,
    inherited="N",
    provider=("1-P1", "Acme Care Limited"),
    brand=("-", "-"),
    council="Wirral",
    region="North West",
):
    values = {
        "Location ID": location,
        "Location ODS Code": "",
        "Location Name": name,
        "Care Home?": care_home,
        "Location Type": location_type,
        "Location Primary Inspection Category": category,
        "Location Street Address": "1 Street",
        "Location Address Line 2": "",
        "Location City": "Birkenhead",
        "Location Post Code": "CH41 1AA",
        "Location Local Authority": council,
        "Location Region": region,
        "Location NHS Region": "North East and Yorkshire",
        "Service / Population Group": group,
        "Domain": domain,
        "Latest Rating": word,
        "Publication Date": published,
        "Report Type": "Location",
        "Inherited Rating (Y/N)": inherited,
        "URL": f"https://www.cqc.org.uk/location/{location}",
        "Provider ID": provider[0],
        "Provider Name": provider[1],
        "Brand ID": brand[0],
        "Brand Name": brand[1],
    }
    return [values.get(name, "") for name in RATINGS_LOCATIONS_HEADER]


def ratings_rows():
    home = ("1-201", "Oak Lodge", "Y", "Social Care Org", "Residential social care")
    agency = (
        "1-202",
        "Care At Home",
        "N",
        "Social Care Org",
        "Community based adult social care services",
    )
    gp = ("1-203", "Surgery", "N", "Primary Medical Services", "GP Practices")
    unrated = (
        "1-204",
        "Multi Service",
        "N",
        "Social Care Org",
        "Community based adult social care services",
    )
    published = datetime.date(2024, 1, 15)
    rows = [list(RATINGS_LOCATIONS_HEADER)]
    for domain, word in (
        ("Overall", "Requires Improvement"),
        ("Safe", "Inadequate"),
        ("Effective", "Good"),
        ("Caring", "Good"),
        ("Responsive", "Good"),
        ("Well-led", "Requires improvement"),
    ):
        rows.append(
            _ratings_row(
                *home, "Overall", domain, word, published, brand=("BD1", "BRAND Oak Group")
            )
        )
    rows.append(
        _ratings_row(
            *agency,
            "Overall",
            "Overall",
            "Outstanding",
            datetime.date(2019, 5, 2),
            inherited="Y",
            council="Wolverhampton",
            region="West Midlands",
        )
    )
    # A per-service breakdown row: not the location's own rating.
    rows.append(
        _ratings_row(
            *agency,
            "Homecare",
            "Overall",
            "Good",
            datetime.date(2019, 5, 2),
            council="Wolverhampton",
            region="West Midlands",
        )
    )
    rows.append(
        _ratings_row(
            *gp,
            "Overall",
            "Overall",
            "Good",
            datetime.date(2020, 2, 3),
            provider=("1-P9", "Dr Who"),
        )
    )
    rows.append(
        _ratings_row(
            *gp,
            "Older people",
            "Overall",
            "Good",
            datetime.date(2020, 2, 3),
            provider=("1-P9", "Dr Who"),
        )
    )
    # Rows but no Overall/Overall row: the location has no single rating.
    rows.append(_ratings_row(*unrated, "Homecare", "Overall", "Good", datetime.date(2025, 7, 1)))
    return rows


def ratings_sheets(rows=None):
    providers_header = [
        "Provider ID",
        "Provider Name",
        "Service / Population Group",
        "Domain",
        "Latest Rating",
    ]
    return [
        ("README", [["Care directory with ratings"], ["as at 01 March 2024"]]),
        ("Locations", rows or ratings_rows()),
        ("Providers", [providers_header, ["1-P1", "Acme", "Overall", "Overall", "Good"]]),
    ]


# -- the weekly directory CSV --------------------------------------------------------------

DIRECTORY_PREAMBLE = [
    ["CQC Locations data"] + [""] * 14,
    [""] * 15,
    ["This data was produced on 16 September 2026"] + [""] * 14,
    [""] * 15,
]


def directory_row(values):
    return [values.get(name, "") for name in DIRECTORY_HEADER]
