"""`careqa demo-data`: deterministic, invented files in CQC's and Ofsted's published layouts."""

import csv
import datetime
import io
import re
import zipfile
from collections import Counter
from xml.etree.ElementTree import iterparse

import pytest
from django.core.management import call_command

from careqa.demo import cqc, england, ofsted
from careqa.demo.generate import (
    DEFAULT_COUNCIL,
    generate_demo_files,
    neighbours,
    write_demo_files,
)
from careqa.demo.register import CouncilBuilder, Pools, build_register
from careqa.regulators import layouts

SNAPSHOT = datetime.date(2026, 11, 1)
RATING_WORDS = {"Outstanding", "Good", "Requires improvement", "Inadequate"}
OFSTED_WORDS = {"Outstanding", "Good", "Requires improvement to be good", "Inadequate", ""}
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _generate(root, name, **kw):
    kw = {"scale": "council", "seed": 7, "snapshot": SNAPSHOT, "history_years": 1} | kw
    return generate_demo_files(root / name, **kw)


@pytest.fixture(scope="module")
def council_files(tmp_path_factory):
    """Council-scale files in each format, written once for the module."""
    root = tmp_path_factory.mktemp("demo")
    return {fmt: _generate(root, fmt, fmt=fmt) for fmt in ("csv", "ods", "xlsx")}


def _named(files, layout, day=SNAPSHOT):
    (found,) = [f for f in files if f.layout == layout and f.snapshot.year == day.year]
    return found


def _csv_rows(path, skip=0):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[skip], rows[skip + 1 :]


def _hsca(council_files, day=SNAPSHOT):
    header, rows = _csv_rows(_named(council_files["csv"], "cqc_hsca", day).path)
    return header, [dict(zip(header, row, strict=True)) for row in rows]


# --- files, names, determinism -----------------------------------------------------------


def test_writes_each_layout_for_each_year_oldest_first(council_files):
    names = [f.path.name for f in council_files["csv"]]
    assert names == [
        "01_November_2025_HSCA_Active_Locations.csv",
        "01_November_2025_Latest_ratings.csv",
        "01_November_2026_HSCA_Active_Locations.csv",
        "01_November_2026_Latest_ratings.csv",
        "ofsted_children_social_care_providers_at_31_march_2025.csv",
        "ofsted_children_social_care_providers_at_31_march_2026.csv",
    ]
    ods_names = [f.path.name for f in council_files["ods"]]
    assert ods_names[:2] == [
        "01_November_2025_HSCA_Active_Locations.ods",
        "01_November_2025_Latest_ratings.ods",
    ]
    assert all(f.rows > 0 for f in council_files["csv"])


@pytest.mark.parametrize("fmt", ["csv", "ods", "xlsx"])
def test_same_arguments_give_identical_bytes(council_files, tmp_path, fmt):
    again = _generate(tmp_path, "again", fmt=fmt)
    for first, second in zip(council_files[fmt], again, strict=True):
        assert first.path.read_bytes() == second.path.read_bytes(), first.path.name


def test_another_seed_gives_other_files(council_files, tmp_path):
    other = _generate(tmp_path, "other", seed=8, fmt="csv")
    for first, second in zip(council_files["csv"], other, strict=True):
        assert first.path.read_bytes() != second.path.read_bytes(), first.path.name


def test_latest_files_do_not_depend_on_the_history_asked_for(council_files, tmp_path):
    alone = _generate(tmp_path, "alone", fmt="csv", history_years=0)
    latest = {f.path.name: f.path.read_bytes() for f in council_files["csv"]}
    assert [f.path.name for f in alone] == [
        "01_November_2026_HSCA_Active_Locations.csv",
        "01_November_2026_Latest_ratings.csv",
        "ofsted_children_social_care_providers_at_31_march_2026.csv",
    ]
    for f in alone:
        assert f.path.read_bytes() == latest[f.path.name], f.path.name


def test_write_demo_files_returns_paths_and_the_command_prints_row_counts(tmp_path):
    paths = write_demo_files(
        tmp_path / "api", scale="council", council="Wirral", snapshot=SNAPSHOT, history_years=0
    )
    assert [p.name for p in paths][0] == "01_November_2026_HSCA_Active_Locations.csv"
    out = io.StringIO()
    call_command(
        "demo_data",
        "--out",
        str(tmp_path / "cmd"),
        "--scale",
        "council",
        "--council",
        "wirral",
        "--snapshot",
        "2026-11-01",
        "--history-years",
        "0",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert re.search(r"01_November_2026_HSCA_Active_Locations\.csv: [\d,]+ rows", lines[0])
    assert lines[-1].startswith("Wrote 3 files")
    assert (tmp_path / "cmd" / paths[0].name).read_bytes() == paths[0].read_bytes()


# --- the default council and its neighbours ----------------------------------------------


def test_default_council_and_neighbours():
    assert DEFAULT_COUNCIL == "Wolverhampton"
    assert england.council(DEFAULT_COUNCIL).region == "West Midlands"
    assert "Birmingham" in neighbours(DEFAULT_COUNCIL)
    assert DEFAULT_COUNCIL not in neighbours(DEFAULT_COUNCIL)
    assert all(england.council(n).region == "West Midlands" for n in neighbours("wolverhampton"))
    assert england.council("Bristol").name == "Bristol, City of"  # Ofsted's spelling
    with pytest.raises(ValueError):
        england.council("Atlantis")


def test_council_table_covers_englands_regions_and_councils():
    assert len(england.COUNCILS) == 153
    assert {c.region for c in england.COUNCILS} == set(england.REGIONS)
    assert "Yorkshire and The Humber" in england.REGIONS
    assert len({c.name for c in england.COUNCILS}) == len(england.COUNCILS)


def test_council_names_are_cqc_and_ofsted_spellings(shared_data):
    with open(
        shared_data / "cqc" / "cqc_latest_ratings_locations_2021-02.csv", encoding="utf-8-sig"
    ) as f:
        reader = csv.DictReader(f)
        cqc_names = {(row["Location Local Authority"], row["Location Region"]) for row in reader}
    reorganised = {"Northamptonshire", "Cumbria"}
    successors = {"North Northamptonshire", "West Northamptonshire", "Cumberland"}
    successors.add("Westmorland and Furness")
    ours = {(c.name, c.region) for c in england.COUNCILS}
    assert {pair for pair in cqc_names if pair[0] not in reorganised} == {
        pair for pair in ours if pair[0] not in successors
    }
    with open(
        shared_data / "ofsted" / "ofsted_csc_providers_at_31_march_2023.csv", encoding="utf-8-sig"
    ) as f:
        lines = list(csv.reader(f))
    header = lines[3]
    column = header.index("Local authority")
    ofsted_names = {row[column] for row in lines[4:] if len(row) > column and row[column]}
    missing = {c.ofsted for c in england.COUNCILS if c.ofsted not in ofsted_names}
    # Cumbria split after March 2023; Westminster had no children's settings.
    assert missing <= {"Cumberland", "Westmorland and Furness", "Westminster"}
    assert tuple(header) == ofsted.HEADER


def test_national_counts_add_up_to_englands_register():
    pools = Pools(1)
    totals = Counter()
    for council in england.COUNCILS:
        totals.update(CouncilBuilder(pools, council, SNAPSHOT.toordinal(), 1).counts())
    assert 14_500 < totals["care_home"] < 16_000
    assert 13_000 < totals["community"] < 15_000
    assert 48_000 < sum(totals.values()) < 52_000


# --- the register's shape ----------------------------------------------------------------


@pytest.fixture(scope="module")
def region_register():
    """The West Midlands in full: about a tenth of England, enough for proportions."""
    return build_register(3, SNAPSHOT, england.region_councils("West Midlands"), 1)


def test_care_homes_beds_and_service_mix(region_register):
    day = region_register.snapshot
    active = [loc for loc in region_register.locations if loc.active_on(day)]
    homes = [loc for loc in active if loc.kind.care_home]
    nursing = [loc for loc in homes if loc.kind.key == "nursing"]
    assert 0.2 < len(nursing) / len(homes) < 0.33
    assert 24 < sum(loc.beds for loc in homes) / len(homes) < 36
    kinds = Counter(loc.kind.key for loc in active)
    assert kinds["dentist"] and kinds["gp"] and kinds["nhs_acute"] and kinds["shared_lives"]
    assert 0.25 < len(homes) / len(active) < 0.36
    sectors = Counter(loc.kind.type_sector for loc in active)
    assert set(sectors) >= {"Social Care Org", "Primary Medical Services", "Primary Dental Care"}


def test_ratings_shares_are_englands(region_register):
    day = region_register.snapshot
    asc = [
        loc
        for loc in region_register.locations
        if loc.active_on(day) and loc.kind.directorate == "Adult social care"
    ]
    current = Counter((event.overall if (event := loc.rating_on(day)) else None) for loc in asc)
    rated = len(asc) - current[None]
    assert 0.03 < current[None] / len(asc) < 0.11  # not yet rated
    assert 0.025 < current[cqc.OUT] / rated < 0.07
    assert 0.72 < current[cqc.GOOD] / rated < 0.84
    assert 0.11 < current[cqc.RI] / rated < 0.2
    assert 0.005 < current[cqc.INAD] / rated < 0.03


def test_about_a_third_rerated_each_year_and_services_open_and_close(region_register):
    day = region_register.snapshot
    year_ago = day - 365
    both = [
        loc
        for loc in region_register.locations
        if loc.active_on(day) and loc.active_on(year_ago) and loc.rating_on(year_ago)
    ]
    rerated = sum(loc.rating_on(day) is not loc.rating_on(year_ago) for loc in both)
    assert 0.25 < rerated / len(both) < 0.42
    closed = [
        loc
        for loc in region_register.locations
        if loc.active_on(year_ago) and not loc.active_on(day)
    ]
    opened = [
        loc
        for loc in region_register.locations
        if loc.active_on(day) and not loc.active_on(year_ago)
    ]
    assert closed and opened


def test_key_questions_agree_with_the_overall_rating():
    import random

    rng = random.Random(5)
    for overall in range(4):
        for _ in range(300):
            kq = cqc.key_questions(rng, overall)
            assert len(kq) == 5
            if overall == cqc.OUT:
                assert kq.count(cqc.OUT) >= 2
            if overall == cqc.GOOD:
                assert kq.count(cqc.RI) + kq.count(cqc.INAD) <= 1
            if overall == cqc.RI:
                assert kq.count(cqc.RI) + kq.count(cqc.INAD) >= 2
            if overall == cqc.INAD:
                assert cqc.INAD in kq


def test_provider_structure_has_chains_brands_and_single_homes(region_register):
    homes = [loc for loc in region_register.locations if loc.kind.care_home]
    per_provider = Counter(loc.provider.provider_id for loc in homes)
    assert sum(1 for n in per_provider.values() if n == 1) > len(per_provider) * 0.7
    assert max(per_provider.values()) >= 8
    brands = {loc.provider.brand_name for loc in homes} - {"-"}
    assert brands and all(b.startswith("BRAND ") for b in brands)
    providers = {loc.provider.provider_id: loc.provider for loc in region_register.locations}
    numbers = [p.companies_house for p in providers.values() if p.companies_house]
    assert numbers and all(re.fullmatch(r"\d{8}", n) for n in numbers)
    assert any(n.startswith("0") for n in numbers)
    assert any(p.charity for p in providers.values())


# --- the HSCA layout ---------------------------------------------------------------------


def test_hsca_csv_has_the_exact_header_and_valid_cells(council_files):
    header, rows = _hsca(council_files)
    assert tuple(header) == layouts.HSCA_HEADER
    assert len(header) == 122
    flag_columns = [
        h
        for h in header
        if h.startswith(
            (
                layouts.HSCA_ACTIVITY_PREFIX,
                layouts.HSCA_SERVICE_TYPE_PREFIX,
                layouts.HSCA_USER_BAND_PREFIX,
            )
        )
    ]
    assert len(flag_columns) == 59
    for row in rows:
        assert re.fullmatch(r"1-\d{9,11}", row["Location ID"])
        assert re.fullmatch(r"1-\d{9,11}", row["Provider ID"])
        assert {row[h] for h in flag_columns} <= {"Y", ""}
        assert row["Care home?"] in ("Y", "N")
        assert row["Dormant (Y/N)"] in ("Y", "N")
        assert row["Location Latest Overall Rating"] in RATING_WORDS | {""}
        assert row["Inherited Rating (Y/N)"] in ({"Y", "N"} if row["Publication Date"] else {""})
        assert re.fullmatch(r"\d\d/\d\d/\d{4}", row["Location HSCA start date"])
        assert row["Location Dual Registered"] in ("Dual Registration", "")
        assert row["Location Type/Sector"] in {
            "Social Care Org",
            "Primary Medical Services",
            "Primary Dental Care",
            "Independent Healthcare Org",
            "Independent Ambulance",
            "NHS Healthcare Organisation",
        }
        assert row["Brand ID"] == "-" or row["Brand Name"].startswith("BRAND ")
        if row["Care home?"] == "Y":
            assert int(row["Care homes beds"]) > 0
        assert re.fullmatch(r"[A-Z]{1,2}\d{1,2} \d[A-Z]{2}", row["Location Postal Code"])
    assert len({row["Location ID"] for row in rows}) == len(rows)


def test_council_scale_is_the_council_in_full_and_a_sample_of_its_region(council_files):
    _, rows = _hsca(council_files)
    assert 250 < len(rows) < 1000
    councils = Counter(row["Location Local Authority"] for row in rows)
    assert councils.most_common(1)[0][0] == DEFAULT_COUNCIL
    assert set(councils) <= {DEFAULT_COUNCIL, *neighbours(DEFAULT_COUNCIL)}
    assert {row["Location Region"] for row in rows} == {"West Midlands"}
    ours = [row for row in rows if row["Location Local Authority"] == DEFAULT_COUNCIL]
    homes = [row for row in ours if row["Care home?"] == "Y"]
    assert 50 < len(homes) < 100  # Wolverhampton had 71 care homes in CQC's 2021 file
    directorates = Counter(row["Location Inspection Directorate"] for row in ours)
    assert directorates["Adult social care"] > directorates["Primary medical services"] > 0
    assert directorates["Hospitals"] > 0


def test_earlier_years_differ_realistically(council_files):
    _, now = _hsca(council_files)
    _, before = _hsca(council_files, SNAPSHOT.replace(year=2025))
    now_ids = {row["Location ID"]: row for row in now}
    before_ids = {row["Location ID"]: row for row in before}
    assert set(before_ids) - set(now_ids), "some services closed"
    assert set(now_ids) - set(before_ids), "some services are new"
    for row in now:
        start = datetime.datetime.strptime(row["Location HSCA start date"], "%d/%m/%Y").date()
        if start > SNAPSHOT.replace(year=2025):
            assert row["Location ID"] not in before_ids
    both = set(now_ids) & set(before_ids)
    changed = sum(now_ids[i]["Publication Date"] != before_ids[i]["Publication Date"] for i in both)
    assert 0.15 < changed / len(both) < 0.55


# --- the ratings layout ------------------------------------------------------------------


def test_ratings_are_long_and_agree_with_the_hsca_file(council_files):
    header, rows = _csv_rows(_named(council_files["csv"], "cqc_ratings").path)
    assert tuple(header) == layouts.RATINGS_LOCATIONS_HEADER
    _, hsca = _hsca(council_files)
    by_id = {row["Location ID"]: row for row in hsca}
    rows = [dict(zip(header, row, strict=True)) for row in rows]
    overall = [r for r in rows if r["Service / Population Group"] == "Overall"]
    domains = {}
    for r in overall:
        domains.setdefault(r["Location ID"], []).append(r["Domain"])
        assert r["Latest Rating"] in RATING_WORDS
        assert r["Location ID"] in by_id
    assert all(d == list(layouts.RATINGS_DOMAINS) for d in domains.values())
    for location_id, hsca_row in by_id.items():
        if hsca_row["Location Latest Overall Rating"]:
            assert location_id in domains
    for r in overall:
        if r["Domain"] == "Overall":
            hsca_row = by_id[r["Location ID"]]
            assert r["Latest Rating"] == hsca_row["Location Latest Overall Rating"]
            assert r["Publication Date"] == hsca_row["Publication Date"]
            assert r["Provider ID"] == hsca_row["Provider ID"]
    groups = {r["Service / Population Group"] for r in rows}
    assert "Families, children and young people" in groups  # GPs' population groups


# --- the Ofsted layout -------------------------------------------------------------------


def test_ofsted_file_follows_the_2023_layout(council_files):
    path = _named(council_files["csv"], "ofsted_providers", datetime.date(2026, 3, 31)).path
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text
    lines = list(csv.reader(io.StringIO(text)))
    assert (
        lines[0][0]
        == "Children's social care data in England 2026 - Provider level as at 31 March 2026"
    )
    assert len(lines[0]) == len(ofsted.HEADER)
    assert tuple(lines[3]) == ofsted.HEADER
    rows = [dict(zip(ofsted.HEADER, row, strict=True)) for row in lines[4:] if row[1]]
    assert not any(lines[-1])  # trailing empty rows, as Ofsted's files have
    kinds = Counter(r["Provision type"] for r in rows)
    assert kinds.most_common(1)[0][0] == "Children's home"
    for r in rows:
        assert re.fullmatch(r"SC\d{6}|\d{7}", r["URN"])
        assert r["Overall experiences and progress of children and young people"] in OFSTED_WORDS
        assert r["The effectiveness of leaders and managers"] in OFSTED_WORDS
        assert r["Sector"] in {"Private", "Local Authority", "Voluntary", "Health Authority"}
        if r["Provision type"] == "Children's home":
            assert r["Name"] == "REDACTED" and r["Places"].isdigit()
    assert {r["Local authority"] for r in rows} >= {DEFAULT_COUNCIL}


def test_ofsted_national_shape():
    settings = ofsted.build_settings(4, 2026, england.COUNCILS, 0)
    kinds = Counter(s.provision.name for s in settings)
    assert 2_700 < kinds["Children's home"] < 3_300
    assert 250 < kinds["Independent Fostering Agency"] < 350
    day = datetime.date(2026, 3, 31).toordinal()
    latest = [s.latest_on(day) for s in settings if s.provision.name == "Children's home"]
    judged = Counter(ofsted.JUDGEMENTS[i.judgements[0]] for i in latest if i)
    assert judged.most_common(1)[0][0] == "Good"
    assert sum(1 for i in latest if i is None) > 0  # some not yet inspected


# --- ODS and XLSX ------------------------------------------------------------------------


def _ods_tables(path, max_rows=5):
    """A minimal streaming ODS reader: {sheet: first rows}, repeated cells expanded."""
    tables, current, rows = {}, None, []
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        for event, elem in iterparse(content, events=("start", "end")):
            if event == "start" and elem.tag == f"{TABLE}table":
                current, rows = elem.get(f"{TABLE}name"), []
                tables[current] = rows
            elif event == "end" and elem.tag == f"{TABLE}table-row":
                if len(rows) < max_rows:
                    cells = []
                    for cell in elem:
                        repeat = min(int(cell.get(f"{TABLE}number-columns-repeated", "1")), 200)
                        value = cell.get(f"{OFFICE}date-value") or cell.get(f"{OFFICE}value")
                        if value is None:
                            value = "\n".join("".join(p.itertext()) for p in cell.iter(f"{TEXT}p"))
                        cells += [(value, cell.get(f"{OFFICE}value-type"))] * repeat
                    rows.append(cells)
                elem.clear()
    return tables


def test_ods_is_a_valid_streamable_spreadsheet(council_files):
    path = _named(council_files["ods"], "cqc_hsca").path
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert not first.extra
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        assert {"META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"} <= set(
            archive.namelist()
        )
        assert archive.testzip() is None
    with open(path, "rb") as handle:
        assert handle.read(38)[30:38] == b"mimetype"  # readable by 'file' and friends
    tables = _ods_tables(path)
    assert list(tables) == ["README", layouts.HSCA_SHEET, "Dual_Registration_Locations"]
    readme = [row[0][0] for row in tables["README"] if row and row[0][0]]
    assert readme[0] == layouts.HSCA_README_TITLE
    assert "Source: CQC database as at 1 November 2026" in readme
    header = [value for value, _ in tables[layouts.HSCA_SHEET][0]]
    assert tuple(header[:122]) == layouts.HSCA_HEADER
    first_row = dict(zip(layouts.HSCA_HEADER, tables[layouts.HSCA_SHEET][1], strict=False))
    value, kind = first_row["Location HSCA start date"]
    assert kind == "date" and re.fullmatch(r"\d{4}-\d\d-\d\d", value)
    assert first_row["Location Latitude"][1] == "float"
    assert first_row["Location ID"][1] == "string"
    ratings = _ods_tables(_named(council_files["ods"], "cqc_ratings").path, max_rows=2)
    assert list(ratings) == ["README", "Locations", "Providers"]
    assert tuple(v for v, _ in ratings["Locations"][0][:28]) == layouts.RATINGS_LOCATIONS_HEADER
    assert tuple(v for v, _ in ratings["Providers"][0][:21]) == layouts.RATINGS_PROVIDERS_HEADER


def test_xlsx_has_the_sheets_headers_and_typed_dates(council_files):
    from openpyxl import load_workbook

    path = _named(council_files["xlsx"], "cqc_hsca").path
    book = load_workbook(path, read_only=True)
    try:
        assert book.sheetnames == ["README", layouts.HSCA_SHEET, "Dual_Registration_Locations"]
        rows = book[layouts.HSCA_SHEET].iter_rows(max_row=2, values_only=True)
        header, first = next(rows), next(rows)
        assert tuple(header) == layouts.HSCA_HEADER
        row = dict(zip(header, first, strict=False))  # read-only rows stop at the last value
        assert isinstance(row["Location HSCA start date"], datetime.datetime)
        assert isinstance(row["Location ID"], str)
        assert book.properties.created == datetime.datetime(2026, 11, 1)
    finally:
        book.close()
    ratings = load_workbook(_named(council_files["xlsx"], "cqc_ratings").path, read_only=True)
    try:
        assert ratings.sheetnames == ["README", "Locations", "Providers"]
    finally:
        ratings.close()


# --- round trip through the parsers ------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "ods", "xlsx"])
def test_generated_files_parse(council_files, fmt):
    parsers = pytest.importorskip("careqa.regulators.parsers")
    for item in council_files[fmt]:
        parsed = parsers.parse_file(item.path)
        assert parsed.layout == item.layout, item.path.name
        assert parsed.rows == item.rows, item.path.name
        assert parsed.snapshot_date == item.snapshot, item.path.name
        assert parsed.services, item.path.name
        assert parsed.rejected == 0, item.path.name
