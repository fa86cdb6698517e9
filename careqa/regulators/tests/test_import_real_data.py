"""Importing the regulators' real files end to end, checked against counts made in the test.

The expected figures are computed here with the csv module straight from the raw files,
independently of the parsers, so a parser and a writer that agree on a mistake still fail.
"""

import csv
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careqa.audit.models import AuditEvent
from careqa.providers.models import ChangeEvent, Provider, PublishedRating, Service
from careqa.regulators import bulk
from careqa.regulators.actions import import_file
from careqa.regulators.models import ImportRun
from careqa.regulators.records import ImportFileError

pytestmark = pytest.mark.django_db

RATING_WORDS = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement": "requires_improvement",
    "requires improvement to be good": "requires_improvement",
    # Grade 3 of Ofsted's earlier frameworks.
    "adequate": "requires_improvement",
    "satisfactory": "requires_improvement",
    "inadequate": "inadequate",
    "insufficient evidence to rate": "not_rated",
    "not rated": "not_rated",
}


def _rating(word):
    word = " ".join(word.split()).lower()
    return RATING_WORDS[word] if word else None


# -- CQC: the national Latest ratings file of February 2021 ------------------------------


ADULT_SOCIAL_CARE_CATEGORIES = {
    "Residential social care",
    "Community based adult social care services",
}


def _cqc_in_scope(row):
    """CQC's own flags, read raw: a care home, adult social care, whoever runs it."""
    return (
        row["Care Home?"] == "Y"
        or row["Location Type"] == "Social Care Org"
        or row["Location Primary Inspection Category"] in ADULT_SOCIAL_CARE_CATEGORIES
    )


def _cqc_locations(path):
    """{Location ID: its first row} of the adult social care locations in the raw file."""
    locations = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if _cqc_in_scope(row):
                locations.setdefault(row["Location ID"], row)
    return locations


def _cqc_expected(path):
    """Adult social care locations by (council, overall rating), from the raw rows."""
    locations = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if not _cqc_in_scope(row):
                continue
            entry = locations.setdefault(
                row["Location ID"], [row["Location Local Authority"], None]
            )
            if row["Service / Population Group"] == "Overall" and row["Domain"] == "Overall":
                entry[1] = _rating(row["Latest Rating"])
    return Counter((council, rating) for council, rating in locations.values()), len(locations)


@pytest.mark.slow
def test_national_cqc_ratings_file_imports_with_the_counts_of_the_raw_file(shared_data):
    path = shared_data / "cqc" / "cqc_latest_ratings_locations_2021-02.csv"
    expected, locations = _cqc_expected(path)

    run = import_file(path, by=None, regulator="cqc")

    assert run.status == ImportRun.Status.SUCCEEDED
    assert run.rows == 74184
    assert run.created == locations == Service.objects.count()
    got = Counter(Service.objects.values_list("council__name", "rating"))
    assert got == expected
    assert Counter(c for c, _ in got.elements()) == Counter(c for c, _ in expected.elements())
    care_homes = sum(1 for _ in Service.objects.filter(care_home=True))
    with open(path, encoding="utf-8-sig", newline="") as handle:
        raw_care_homes = {
            r["Location ID"] for r in csv.DictReader(handle) if r["Care Home?"] == "Y"
        }
    assert care_homes == len(raw_care_homes)
    assert Service.objects.filter(council__name="Wirral", care_home=True).count() == 117
    assert PublishedRating.objects.count() == Service.objects.exclude(rating=None).count()

    again = import_file(path, by=None, regulator="cqc")
    assert (again.created, again.updated, again.new_ratings) == (0, 0, 0)
    assert again.unchanged == locations


@pytest.mark.slow
def test_care_homes_of_nhs_trusts_and_independent_providers_count_as_cqc_counts_them(
    shared_data,
):
    """England 14,840 care homes, Surrey 406, Staffordshire's home care 114 (Feb 2021).

    Counted here from the raw file with the csv module: a location is a care home when
    CQC's 'Care Home?' says Y, and home care when it is not a care home and its primary
    inspection category is community-based adult social care, whoever runs it.
    """
    path = shared_data / "cqc" / "cqc_latest_ratings_locations_2021-02.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        every = {}
        for row in csv.DictReader(handle):
            every.setdefault(row["Location ID"], row)
    raw_homes = {i for i, r in every.items() if r["Care Home?"] == "Y"}
    raw_surrey = {i for i in raw_homes if every[i]["Location Local Authority"] == "Surrey"}
    raw_staffs_home_care = {
        i
        for i, r in every.items()
        if r["Care Home?"] == "N"
        and r["Location Primary Inspection Category"]
        == "Community based adult social care services"
        and r["Location Local Authority"] == "Staffordshire"
    }
    assert (len(raw_homes), len(raw_surrey), len(raw_staffs_home_care)) == (14840, 406, 114)
    # The Location Type alone ('Social Care Org') finds fewer: NHS and independent providers.
    assert sum(1 for i in raw_homes if every[i]["Location Type"] == "Social Care Org") == 14801

    import_file(path, by=None, regulator="cqc")

    homes = Service.objects.filter(regulator="cqc", care_home=True)
    assert set(homes.values_list("location_id", flat=True)) == raw_homes
    assert homes.filter(council__name="Surrey").count() == 406
    staffs = Service.objects.filter(council__name="Staffordshire", care_home=False).of_type(
        "domiciliary"
    )
    assert set(staffs.values_list("location_id", flat=True)) == raw_staffs_home_care
    assert set(_cqc_locations(path)) == set(Service.objects.values_list("location_id", flat=True))


# -- Ofsted: all twelve yearly files, in order ------------------------------------------


def _ofsted_rows(path):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    start = next(i for i, row in enumerate(rows) if "URN" in [c.strip() for c in row])
    header = [" ".join(c.split()).lower() for c in rows[start]]
    overall = next(
        (
            i
            for i, h in enumerate(header)
            if h.endswith("overall effectiveness")
            or h.endswith("overall experiences and progress of children and young people")
        ),
        None,
    )
    if overall is not None and header[overall].startswith("previous"):
        overall = None
    columns = {name: header.index(name) for name in ("urn", "provision type", "local authority")}
    for row in rows[start + 1 :]:
        if not any(cell.strip() for cell in row):
            continue
        yield {
            "urn": row[columns["urn"]].strip(),
            "type": row[columns["provision type"]].strip().lower(),
            "council": row[columns["local authority"]].strip(),
            "rating": _rating(row[overall]) if overall is not None else "absent",
        }


OFSTED_FILES = [
    "ofsted_csc_providers_at_31_march_2015.csv",
    "ofsted_csc_providers_at_31_march_2016.csv",
    "ofsted_csc_providers_at_31_march_2017.csv",
    "ofsted_csc_providers_at_31_march_2018.csv",
    "ofsted_csc_providers_at_31_march_2018_part2.csv",
    "ofsted_csc_providers_at_31_march_2019.csv",
    "ofsted_csc_providers_at_31_march_2020.csv",
    "ofsted_csc_providers_at_31_march_2021.csv",
    "ofsted_csc_providers_at_31_march_2022.csv",
    "ofsted_csc_providers_at_31_march_2023.csv",
    "ofsted_csc_providers_at_31_march_2024.csv",
    "ofsted_csc_providers_at_31_march_2025.csv",
]


@pytest.mark.slow
def test_all_twelve_ofsted_files_import_in_order_and_match_each_file(shared_data):
    for name in OFSTED_FILES:
        path = shared_data / "ofsted" / name
        raw = list(_ofsted_rows(path))
        run = import_file(path, by=None, regulator="ofsted")
        assert run.status == ImportRun.Status.SUCCEEDED, name
        assert run.rows == len(raw), name

        # The register is exactly the file's settings: all active, every other inactive.
        active = set(
            Service.objects.filter(regulator="ofsted", active=True).values_list(
                "location_id", flat=True
            )
        )
        assert active == {r["urn"] for r in raw}, name

        # Children's homes by council and judgement, where the file gives judgements.
        if raw[0]["rating"] != "absent":
            expected = Counter(
                (r["council"], r["rating"])
                for r in raw
                if r["type"] == "children's home" and r["rating"] is not None
            )
            got = Counter(
                Service.objects.filter(regulator="ofsted", active=True)
                .of_type("childrens_home")
                .exclude(rating=None)
                .filter(location_id__in=[r["urn"] for r in raw if r["rating"] is not None])
                .values_list("council__name", "rating")
            )
            assert _by_council_key(got) == _by_council_key(expected), name

    # The yearly snapshots built a history: many homes have several dated ratings.
    assert PublishedRating.objects.values("service").distinct().count() > 3000
    assert ChangeEvent.objects.filter(kind="rating_down").exists()
    assert ChangeEvent.objects.filter(kind="deregistered").exists()
    assert ChangeEvent.objects.filter(kind="registered").exists()


def _by_council_key(counter):
    from careqa.areas.names import council_key

    folded = Counter()
    for (council, rating), count in counter.items():
        folded[(council_key(council), rating)] += count
    return folded


# -- all or nothing ----------------------------------------------------------------------


def _state():
    return (
        list(Service.objects.order_by("pk").values()),
        list(Provider.objects.order_by("pk").values()),
        list(PublishedRating.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
        ChangeEvent.objects.count(),
    )


def test_a_failure_while_writing_leaves_the_register_as_it_was(shared_data, monkeypatch):
    import_file(shared_data / "ofsted" / OFSTED_FILES[0], by=None, regulator="ofsted")
    before = _state()

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(bulk, "update", explode)
    with pytest.raises(RuntimeError):
        import_file(shared_data / "ofsted" / OFSTED_FILES[1], by=None, regulator="ofsted")

    assert _state() == before
    failed = ImportRun.objects.get(status=ImportRun.Status.FAILED)
    assert "stopped unexpectedly" in failed.error


def test_a_bad_row_rejects_the_whole_file_with_file_row_and_column(shared_data, tmp_path):
    import_file(shared_data / "ofsted" / OFSTED_FILES[0], by=None, regulator="ofsted")
    before = _state()
    text = (shared_data / "ofsted" / OFSTED_FILES[1]).read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    lines[1500] = lines[1500].replace(",Good,", ",Splendid,", 1)
    assert "Splendid" in lines[1500]
    broken = tmp_path / "broken_2016.csv"
    broken.write_text("".join(lines), encoding="utf-8")

    with pytest.raises(ImportFileError) as caught:
        import_file(broken, by=None, regulator="ofsted")

    message = str(caught.value)
    assert "broken_2016.csv" in message and "row 1501" in message and "Splendid" in message
    assert _state() == before


def test_the_command_exits_non_zero_and_says_nothing_changed(tmp_path):
    bad = tmp_path / "not_a_regulator_file.csv"
    bad.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import_cqc", str(bad))
    assert "nothing was changed" in str(caught.value)
    assert "not_a_regulator_file.csv" in str(caught.value)
    assert not Service.objects.exists()


def test_the_command_reports_counts(shared_data, capsys):
    path = shared_data / "ofsted" / OFSTED_FILES[-1]
    settings_listed = len({row["urn"] for row in _ofsted_rows(path)})
    call_command("import_ofsted", str(path))
    out = capsys.readouterr().out
    assert f"created {settings_listed}," in out
    assert "rejected 0" in out
