"""Figures on the real Ofsted files (31 March 2015-2025), checked against the raw files.

All twelve files are imported in order once for the module. The test then reads the same
files again with nothing but csv and its own reading of their words, and works out what
each area's figures must be, on each file's date and on dates between:

- on a file's date: the settings that file lists, with the type, council, region and
  judgement it gives them (for 31 March 2018, the provider list of 'part 2', with the
  judgements of the main file);
- between two files: the earlier file's settings, each with the earlier file's judgement
  unless some file gives a later inspection of it published by that date.
"""

import csv
import datetime
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from careqa.areas.models import Council, Region
from careqa.areas.names import council_key
from careqa.factories import UserFactory
from careqa.insights.actions import create_comparator_group
from careqa.insights.areas import area_of_group, councils_named, england
from careqa.insights.asat import register_as_at
from careqa.insights.figures import rating_figures
from careqa.providers.models import Service
from careqa.regulators.actions import import_file

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

WEST_MIDLANDS_SEVEN = (
    "Wolverhampton",
    "Dudley",
    "Walsall",
    "Sandwell",
    "Birmingham",
    "Solihull",
    "Coventry",
)
# Councils that kept their name in every file, and two that did not exist throughout.
COUNCILS = (
    *WEST_MIDLANDS_SEVEN,
    "Leeds",
    "Kent",
    "Manchester",
    "Northamptonshire",  # until 2020
    "West Northamptonshire",  # from 2021
)
REGIONS = ("West Midlands", "London", "North West", "South East", "Yorkshire and The Humber")
TYPES = {"children's home": "childrens_home", "independent fostering agency": "fostering"}
# Ofsted's words for its four grades over the years (grade 3 was 'Adequate' until 2015).
WORDS = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement": "requires_improvement",
    "requires improvement to be good": "requires_improvement",
    "adequate": "requires_improvement",
    "satisfactory": "requires_improvement",
    "inadequate": "inadequate",
}
ROWS = ("outstanding", "good", "requires_improvement", "inadequate", "not_yet_inspected")
NOT_KNOWN = "not_known"
BETWEEN = (
    datetime.date(2016, 9, 30),
    datetime.date(2017, 8, 31),  # the date of the 2018 report's Appendix Two
    datetime.date(2019, 10, 1),
    datetime.date(2020, 12, 31),
    datetime.date(2022, 1, 15),
    datetime.date(2023, 6, 30),
    datetime.date(2024, 11, 30),
    datetime.date(2025, 9, 30),
)


def _ofsted_files():
    folder = Path(settings.CAREQA_SHARED_DATA) / "ofsted"
    return sorted(folder.glob("ofsted_csc_providers_at_31_march_*.csv"))


# -- the raw files, read independently ------------------------------------------------------


def _fold(text):
    return " ".join((text or "").replace("\u2019", "'").split()).lower()


def _read(path):
    """(header, rows) of one file: utf-8 (with BOM) or cp1252, header on the URN row."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    rows = list(csv.reader(io.StringIO(text)))
    for index, row in enumerate(rows):
        if any(cell.strip() == "URN" for cell in row):
            return [_fold(cell) for cell in row], rows[index + 1 :]
    raise AssertionError(f"no header in {path.name}")


def _column(header, *names):
    for name in names:
        if name in header:
            return header.index(name)
    return None


def _date(text):
    text = text.strip()
    return datetime.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def _judgement(cells, overall, inspected, published):
    if overall is None:
        return None
    word = _fold(cells[overall])
    if not word:
        return None
    return {
        "rating": WORDS[word],
        "inspected": _date(cells[inspected]) if inspected is not None else None,
        "published": _date(cells[published]) if published is not None else None,
    }


def _read_file(path):
    """{URN: {type, council, region, judgement, previous}} and whether it gives judgements."""
    header, rows = _read(path)
    at = {
        "urn": _column(header, "urn"),
        "type": _column(header, "provision type"),
        "council": _column(header, "local authority"),
        "region": _column(header, "government office region", "region"),
        "overall": _column(
            header,
            "overall effectiveness",
            "overall experiences and progress of children and young people",
            "latest full inspection overall experiences and progress of children and young people",
        ),
        "registered": _column(header, "registration date"),
        "inspected": _column(header, "inspection date", "latest full inspection date"),
        "published": _column(header, "publication date", "latest full inspection publication date"),
        "previous": _column(
            header, "previous overall experiences and progress of children and young people"
        ),
        "previous_inspected": _column(header, "previous full inspection event date"),
        "previous_published": _column(header, "previous full inspection publication date"),
    }
    settings_ = {}
    for cells in rows:
        if len(cells) <= at["urn"] or not cells[at["urn"]].strip():
            continue
        settings_[cells[at["urn"]].strip()] = {
            "type": TYPES.get(_fold(cells[at["type"]])),
            "council": cells[at["council"]].strip(),
            "region": cells[at["region"]].strip(),
            "registered": _date(cells[at["registered"]]) if at["registered"] is not None else None,
            "judgement": _judgement(cells, at["overall"], at["inspected"], at["published"]),
            "previous": _judgement(
                cells, at["previous"], at["previous_inspected"], at["previous_published"]
            ),
        }
    return settings_, at["overall"] is not None


def _raw_register():
    """{date: {URN: setting}} as each file's date, and every inspection's standing date."""
    snapshots = {}
    published_on = {}  # (URN, inspection date) -> publication date given by the latest file
    first_given = {}  # (URN, inspection date) -> the judgement as the first file gave it
    for path in _ofsted_files():
        year = int(re.search(r"(20\d\d)", path.name).group(1))
        on = datetime.date(year, 3, 31)
        listed, judged = _read_file(path)
        if on in snapshots:
            # 'part 2' of 2018 lists every setting but gives no judgements: those of the
            # main file of that date stand.
            assert not judged
            earlier = snapshots[on]
            for urn, setting in listed.items():
                setting["judgement"] = earlier[urn]["judgement"] if urn in earlier else None
        snapshots[on] = listed
        for urn, setting in listed.items():
            for judgement in (setting["judgement"], setting["previous"]):
                if judgement is None:
                    continue
                key = (urn, judgement["inspected"])
                if judgement["published"]:
                    published_on[key] = judgement["published"]
                first_given.setdefault(key, judgement["rating"])

    def standing(urn, judgement):
        key = (urn, judgement["inspected"])
        return published_on.get(key) or judgement["inspected"]

    return snapshots, published_on, first_given, standing


@pytest.fixture(scope="module")
def raw():
    if not _ofsted_files():
        pytest.skip(f"{settings.CAREQA_SHARED_DATA} has no Ofsted files")
    return _raw_register()


def _listed_late(raw, as_at, last):
    """{URN: (type, council, region, rating)} of settings no file dated by `as_at` listed,
    that a later file gives a registration date on or before it: registered then. Their
    rating then: the latest of theirs standing by then; with only later ones, NOT_KNOWN
    (an earlier one no file shows may have stood); with none, not yet inspected (None)."""
    snapshots, _, first_given, standing = raw
    seen_by_then = {urn for d, listed in snapshots.items() if d <= as_at for urn in listed}
    found = {}
    first_listing, registered, judgements = {}, {}, {}
    for d in sorted(snapshots):
        if d <= as_at:
            continue
        for urn, setting in snapshots[d].items():
            if urn in seen_by_then:
                continue
            first_listing.setdefault(urn, setting)
            if setting["registered"]:
                registered[urn] = setting["registered"]  # the latest file's date stands
            for judgement in (setting["judgement"], setting["previous"]):
                if judgement:
                    judgements.setdefault(urn, set()).add(
                        (standing(urn, judgement), first_given[(urn, judgement["inspected"])])
                    )
    for urn, setting in first_listing.items():
        if not (registered.get(urn) and registered[urn] <= as_at):
            continue
        held = judgements.get(urn, set())
        by_then = [j for j in held if j[0] <= as_at]
        rating = max(by_then)[1] if by_then else (NOT_KNOWN if held else None)
        found[urn] = (setting["type"], setting["council"], setting["region"], rating)
    return found


def _expected_register(raw, as_at):
    """{URN: (type, council, region, rating or None)} registered on `as_at`, from the files."""
    snapshots, _, first_given, standing = raw
    earlier = [d for d in snapshots if d <= as_at]
    last = max(earlier)
    register = dict(_listed_late(raw, as_at, last))
    for urn, setting in snapshots[last].items():
        judgement = setting["judgement"]
        best = (standing(urn, judgement), judgement["rating"]) if judgement else None
        if as_at > last:
            # A later inspection published after the last file and by the date.
            for later in (d for d in snapshots if d > last):
                other = snapshots[later].get(urn)
                for candidate in (other or {}).get("judgement"), (other or {}).get("previous"):
                    if not candidate:
                        continue
                    stood_from = standing(urn, candidate)
                    if last < stood_from <= as_at and (best is None or stood_from > best[0]):
                        rating = first_given[(urn, candidate["inspected"])]
                        best = (stood_from, rating)
        register[urn] = (
            setting["type"],
            setting["council"],
            setting["region"],
            best[1] if best else None,
        )
    return register


def _counts(register, service_type, keep=lambda setting: True):
    """Count per row; the ratings not known are outside the rows, under NOT_KNOWN."""
    found = Counter(
        rating or "not_yet_inspected"
        for kind, council, region, rating in register.values()
        if kind == service_type and keep((kind, council, region, rating))
    )
    counts = {row: found.get(row, 0) for row in ROWS}
    counts[NOT_KNOWN] = found.get(NOT_KNOWN, 0)
    return counts


def _percent(part, whole):
    """Half-up to two decimals in whole numbers of hundredths, as a string."""
    if not whole:
        return "0.00"
    hundredths = (20000 * part + whole) // (2 * whole)
    return f"{hundredths // 100}.{hundredths % 100:02d}"


# -- the app's figures ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """All twelve files imported in order, once; rolled back after the module."""
    files = _ofsted_files()
    if not files:
        pytest.skip(f"{settings.CAREQA_SHARED_DATA} has no Ofsted files")
    with django_db_blocker.unblock():
        with transaction.atomic():
            for path in files:
                import_file(path, by=None, regulator="ofsted")
            seven = Council.objects.in_bulk(councils_named(WEST_MIDLANDS_SEVEN).council_ids)
            group = create_comparator_group(
                name="West Midlands seven",
                councils=[seven[pk] for pk in councils_named(WEST_MIDLANDS_SEVEN).council_ids],
                by=UserFactory(),
            )
            # Check the deferred foreign keys now, once: PostgreSQL would otherwise check
            # the whole import again at the end of every test.
            connection.check_constraints()
            yield area_of_group(group)
            transaction.set_rollback(True)


def _app_counts(distribution):
    return {row: distribution.row(row).count for row in ROWS} | {NOT_KNOWN: distribution.not_known}


def _check(distribution, expected, label):
    assert _app_counts(distribution) == expected, label
    total = sum(n for row, n in expected.items() if row != NOT_KNOWN)
    rated = total - expected["not_yet_inspected"]
    refused = expected[NOT_KNOWN] and expected[NOT_KNOWN] >= total
    for row in ROWS:
        figure = distribution.row(row)
        if refused:
            assert figure.pct_incl_nyi is None and figure.pct_excl_nyi is None, (label, row)
            continue
        assert str(figure.pct_incl_nyi) == _percent(expected[row], total), (label, row)
        if row != "not_yet_inspected":
            assert str(figure.pct_excl_nyi) == _percent(expected[row], rated), (label, row)
    assert distribution.total == total


SNAPSHOTS = [datetime.date(year, 3, 31) for year in range(2015, 2026)]


@pytest.mark.parametrize("as_at", SNAPSHOTS + list(BETWEEN), ids=str)
@pytest.mark.parametrize("service_type", ["childrens_home", "fostering"])
def test_figures_equal_the_files(imported, raw, as_at, service_type):
    register = _expected_register(raw, as_at)
    group = imported

    by_council = rating_figures(service_type, england(), by="council", as_at=as_at)
    _check(by_council.whole, _counts(register, service_type), "England")
    councils = {d.group: d for d in by_council.groups}
    for name in COUNCILS:
        expected = _counts(register, service_type, lambda s, n=name: s[1] == n)
        if name in councils:
            _check(councils[name], expected, name)
        else:
            assert sum(expected.values()) == 0, name

    by_region = rating_figures(service_type, england(), by="region", as_at=as_at)
    regions = {d.group: d for d in by_region.groups}
    for name in REGIONS:
        if as_at.year == 2015 and name == "Yorkshire and The Humber":
            continue  # the 2015 file gives only Ofsted's joint region for it
        expected = _counts(register, service_type, lambda s, n=name: s[2] == n)
        _check(regions[name], expected, name)

    seven = rating_figures(service_type, group, by="council", as_at=as_at)
    expected = _counts(register, service_type, lambda s: s[1] in WEST_MIDLANDS_SEVEN)
    _check(seven.whole, expected, "West Midlands seven")
    assert [d.group for d in seven.groups] == list(WEST_MIDLANDS_SEVEN)


def test_the_register_on_each_files_date_is_that_file_setting_by_setting(imported, raw):
    """Every setting of every kind: listed, its judgement, type, council and region."""
    urns = dict(Service.objects.values_list("pk", "location_id"))
    council_keys = dict(Council.objects.values_list("pk", "key"))
    region_names = dict(Region.objects.values_list("pk", "name"))
    for as_at in SNAPSHOTS:
        expected = _expected_register(raw, as_at)
        app = {urns[s.id]: s for s in register_as_at(as_at)}
        assert set(app) == set(expected), as_at
        for urn, (kind, council, region, rating) in expected.items():
            service = app[urn]
            if rating == NOT_KNOWN:
                assert not service.rating_known, (as_at, urn)
            else:
                assert service.rating_known and service.rating == rating, (as_at, urn)
            if kind:
                assert service.offers(kind), (as_at, urn)
            else:
                assert not any(service.offers(t) for t in TYPES.values()), (as_at, urn)
            assert council_keys[service.council_id] == council_key(council), (as_at, urn)
            if region and "," not in region:
                assert region_names[service.region_id] == region, (as_at, urn)


# -- Appendix Two's date by the official statistics' convention -------------------------------

APPENDIX_TWO_DAY = datetime.date(2017, 8, 31)
# Appendix Two: Wolverhampton 8, Dudley 9, Walsall 11, Sandwell 9, Birmingham 49, Solihull 1,
# Coventry 7: 94, all with a judgement (none not yet inspected).
APPENDIX_TWO_TOTALS = (8, 9, 11, 9, 49, 1, 7)


def _independent_count_by_statistics(raw, as_at):
    """{council: (judged, not known)} of the seven's children's homes on `as_at`, from the
    raw files alone: the settings the last file by then lists, and those a later file gives a
    registration date by then; a judgement counts from its inspection date if published by
    the end of the next month; a home whose judgements are all later is not known."""
    snapshots, _, first_given, _ = raw
    cutoff = datetime.date(2017, 9, 30)
    last = max(d for d in snapshots if d <= as_at)
    seen_by_then = {urn for d, listed in snapshots.items() if d <= as_at for urn in listed}
    registered, council_of, judgements = {}, {}, {}
    for d in sorted(snapshots):
        for urn, setting in snapshots[d].items():
            if d > as_at and urn not in seen_by_then and setting["registered"]:
                registered[urn] = setting["registered"]
            council_of.setdefault(urn, (d, setting))
            for judgement in (setting["judgement"], setting["previous"]):
                if judgement and judgement["inspected"]:
                    judgements.setdefault(urn, set()).add(
                        (
                            judgement["inspected"],
                            judgement["published"],
                            first_given[(urn, judgement["inspected"])],
                        )
                    )
    homes = {urn for urn, s in snapshots[last].items() if s["type"] == "childrens_home"}
    late = {
        urn
        for urn, day in registered.items()
        if day <= as_at and council_of[urn][1]["type"] == "childrens_home"
    }
    found = {name: [0, 0] for name in WEST_MIDLANDS_SEVEN}
    for urn in homes | late:
        setting = snapshots[last].get(urn) or council_of[urn][1]
        if setting["council"] not in found:
            continue
        standing = [
            j for j in judgements.get(urn, ()) if j[0] <= as_at and (not j[1] or j[1] <= cutoff)
        ]
        if urn in homes or standing or not judgements.get(urn):
            found[setting["council"]][0] += 1
        else:
            found[setting["council"]][1] += 1
    return {name: tuple(n) for name, n in found.items()}


def test_appendix_two_day_by_the_official_statistics_convention(imported, raw):
    """31 August 2017, the seven West Midlands councils' children's homes.

    The report's 94 cannot be had exactly from these files: the files of 31 March carry
    only each home's latest inspection and no home that closed between them, and the 2015-18
    files give no registration dates. What they give, worked out here again from the raw files:
    108 homes registered (88 that the 2017 file lists, 20 that later files show registered by
    then), 98 of them with a judgement standing on the day and 10 whose rating is not known.
    Five councils' counts equal the report's; Walsall has 12 (11) and Sandwell 12 (9).
    """
    figures = rating_figures(
        "childrens_home", imported, by="council", as_at=APPENDIX_TWO_DAY, convention="statistics"
    )
    expected = _independent_count_by_statistics(raw, APPENDIX_TWO_DAY)
    app = {d.group: (d.total, d.not_known) for d in figures.groups}
    assert app == expected
    assert (figures.whole.total, figures.whole.not_known) == (98, 10)
    assert figures.whole.row("not_yet_inspected").count == 0  # as the report's table
    totals = tuple(app[name][0] for name in WEST_MIDLANDS_SEVEN)
    same = [
        n
        for n, (ours, theirs) in zip(
            WEST_MIDLANDS_SEVEN, zip(totals, APPENDIX_TWO_TOTALS, strict=True), strict=True
        )
        if ours == theirs
    ]
    assert same == ["Wolverhampton", "Dudley", "Birmingham", "Solihull", "Coventry"]
    # By publication dates, CareQA's default, Solihull's one home was inspected but its
    # report not yet published: 97 judged.
    by_publication = rating_figures(
        "childrens_home", imported, as_at=APPENDIX_TWO_DAY, convention="publication"
    )
    assert by_publication.whole.total == 97
    assert any("official statistics" in c for c in figures.caveats)
