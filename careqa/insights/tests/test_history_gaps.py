"""What the history cannot tell: ratings before the file that first listed a service, settings
a later file shows registered earlier, and the official statistics' convention.

Each defect of issue 7 is a test here: before the first import every service used to count as
not yet inspected (100% on the demo as at 1 January 2019); a setting first listed after the
date, though registered before it, was missing.
"""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from careqa.factories import PublishedRatingFactory, ServiceFactory
from careqa.insights.areas import england
from careqa.insights.asat import (
    PUBLICATION,
    STATISTICS,
    rating_before_listing,
    rating_stood_by_statistics,
    register_as_at,
    registered_on,
    registration_not_known,
    statistics_cutoff,
    stood_by_statistics,
)
from careqa.insights.figures import distribution, rating_figures, refuse_percentages
from careqa.providers.models import PublishedRating, Service
from careqa.providers.vocab import Regulator
from careqa.regulators.actions import import_file

D = datetime.date
RATING_WORDS = ["outstanding", "good", "requires_improvement", "inadequate"]


# -- the pure rules -------------------------------------------------------------------------


def _r(rated_on, overall="good", inspected=None, published=None):
    return (rated_on, inspected, published, overall)


@pytest.mark.parametrize(
    "as_at, ratings, expected",
    [
        # No file ever gave it a rating: not yet inspected, and that is known.
        (D(2019, 1, 1), [], (None, True)),
        # The earliest file's rating is dated on or before the date: it stood then.
        (D(2019, 1, 1), [_r(D(2018, 6, 1))], ("good", True)),
        (D(2019, 1, 1), [_r(D(2019, 1, 1), "inadequate")], ("inadequate", True)),
        # Only later ratings: an earlier one no file shows may have stood.
        (D(2019, 1, 1), [_r(D(2019, 1, 2))], (None, False)),
        (D(2019, 1, 1), [_r(D(2020, 1, 1)), _r(D(2021, 1, 1))], (None, False)),
        # A file's previous judgement (Ofsted 2024-) dated by then: the latest by then stood.
        (
            D(2022, 1, 1),
            [_r(D(2021, 5, 1), "requires_improvement"), _r(D(2023, 5, 1))],
            ("requires_improvement", True),
        ),
        (
            D(2022, 1, 1),
            [_r(D(2020, 5, 1), "good"), _r(D(2021, 5, 1), "inadequate"), _r(D(2023, 5, 1))],
            ("inadequate", True),
        ),
    ],
)
def test_a_rating_before_the_first_listing(as_at, ratings, expected):
    assert rating_before_listing(as_at, ratings) == expected


def test_by_the_statistics_convention_an_inspection_counts_from_its_date_if_published_in_time():
    # Inspected 15 July, published 10 September: in the figures as at 31 August.
    ratings = [_r(D(2017, 9, 10), "good", inspected=D(2017, 7, 15), published=D(2017, 9, 10))]
    assert rating_before_listing(D(2017, 8, 31), ratings) == (None, False)
    assert rating_before_listing(D(2017, 8, 31), ratings, convention=STATISTICS) == (
        "good",
        True,
    )
    # Published after the cut-off (30 September): not in them.
    late = [_r(D(2017, 10, 2), "good", inspected=D(2017, 7, 15), published=D(2017, 10, 2))]
    assert rating_before_listing(D(2017, 8, 31), late, convention=STATISTICS) == (None, False)


@pytest.mark.parametrize(
    "as_at, cutoff",
    [
        (D(2017, 8, 31), D(2017, 9, 30)),
        (D(2017, 3, 31), D(2017, 4, 30)),
        (D(2017, 12, 31), D(2018, 1, 31)),
        (D(2024, 1, 31), D(2024, 2, 29)),
        (D(2023, 1, 15), D(2023, 2, 28)),
    ],
)
def test_the_statistics_cut_off_is_the_end_of_the_next_month(as_at, cutoff):
    assert statistics_cutoff(as_at) == cutoff


_dates = st.dates(min_value=D(2012, 1, 1), max_value=D(2026, 12, 31))
_ratings = st.lists(
    st.tuples(_dates, st.sampled_from(RATING_WORDS)), max_size=6, unique_by=lambda r: r[0]
)


@given(as_at=_dates, held=_ratings)
def test_never_not_yet_inspected_when_a_later_rating_is_all_we_hold(as_at, held):
    ratings = [_r(day, word) for day, word in held]
    rating, known = rating_before_listing(as_at, ratings)
    by_then = [(day, word) for day, word in held if day <= as_at]
    if by_then:
        assert known and rating == max(by_then)[1]
    elif held:
        assert not known and rating is None
    else:
        assert known and rating is None


@given(as_at=_dates, held=_ratings, delays=st.lists(st.integers(0, 120), min_size=6))
def test_the_statistics_convention_only_moves_a_rating_earlier(as_at, held, delays):
    """An inspection published by the cut-off counts from its (earlier) inspection date: the
    statistics never know less than the publication convention on the same date."""
    ratings = [
        _r(
            day,
            word,
            inspected=day - datetime.timedelta(days=delay),
            published=day,
        )
        for (day, word), delay in zip(held, delays, strict=False)
    ]
    _, known_by_publication = rating_before_listing(as_at, ratings)
    _, known_by_statistics = rating_before_listing(as_at, ratings, convention=STATISTICS)
    assert known_by_statistics or not known_by_publication


@given(
    as_at=_dates,
    first_import=_dates,
    after=st.integers(0, 400),
    start=st.one_of(st.none(), _dates),
    end=st.one_of(st.none(), _dates),
)
def test_before_the_first_file_a_service_is_registered_not_registered_or_not_known(
    as_at, first_import, after, start, end
):
    first_seen_on = first_import + datetime.timedelta(days=after)
    registered = registered_on(
        as_at,
        first_seen_on=first_seen_on,
        active=True,
        deactivated_on=None,
        registration_start=start,
        registration_end=end,
        first_import=first_import,
    )
    not_known = registration_not_known(
        as_at,
        first_seen_on=first_seen_on,
        registration_start=start,
        registration_end=end,
        first_import=first_import,
    )
    assert not (registered and not_known)
    if as_at < first_import and start is None and first_seen_on == first_import:
        assert not_known == (end is None or end > as_at)
    if start is not None or as_at >= first_import:
        assert not not_known


def test_a_later_files_registration_date_counts_for_earlier_dates():
    later = dict(
        first_seen_on=D(2018, 3, 31),
        active=True,
        deactivated_on=None,
        registration_end=None,
        first_import=D(2015, 3, 31),
    )
    assert registered_on(D(2017, 8, 31), registration_start=D(2017, 7, 10), **later)
    assert not registered_on(D(2017, 7, 9), registration_start=D(2017, 7, 10), **later)
    assert not registered_on(D(2017, 8, 31), registration_start=None, **later)
    # Its registration ended before the date: not registered then.
    assert not registered_on(
        D(2017, 8, 31),
        registration_start=D(2016, 1, 1),
        **{**later, "registration_end": D(2017, 1, 1)},
    )


@pytest.mark.parametrize(
    "known, not_known, refused",
    [(10, 0, False), (10, 9, False), (10, 10, True), (3, 30, True), (0, 1, True), (0, 0, False)],
)
def test_percentages_are_refused_when_most_ratings_are_not_known(known, not_known, refused):
    assert refuse_percentages(known=known, not_known=not_known) is refused


class _S:
    def __init__(self, id, rating, rating_known=True):
        self.id, self.rating, self.rating_known = id, rating, rating_known


def test_a_distribution_keeps_the_ratings_not_known_out_of_every_row():
    services = [_S(1, "good"), _S(2, None), _S(3, None, False), _S(4, "good")]
    d = distribution("Dudley", "council:1", services)
    assert d.total == 3 and d.not_known_ids == (3,)
    assert d.row("not_yet_inspected").count == 1  # never counted as not yet inspected
    assert str(d.row("good").pct_incl_nyi) == "66.67"
    most = distribution("Dudley", "council:1", [_S(1, "good"), _S(2, None, False)])
    assert most.refused
    assert all(r.pct_incl_nyi is None and r.pct_excl_nyi is None for r in most.rows)


@pytest.mark.django_db
def test_the_database_rule_and_the_plain_rule_agree_on_the_statistics_convention():
    dates = [D(2017, 6, 1), D(2017, 8, 31), D(2017, 9, 15), D(2017, 10, 5)]
    cases = {}
    for inspected in [None, *dates]:
        for published in [None, *dates]:
            for withdrawn_on in (None, D(2017, 9, 1)):
                rated_on = published or inspected or D(2017, 7, 1)
                rating = PublishedRatingFactory(
                    service=ServiceFactory(regulator=Regulator.OFSTED),
                    regulator=Regulator.OFSTED,
                    rated_on=rated_on,
                    inspected=inspected,
                    published=published,
                    withdrawn_on=withdrawn_on,
                )
                cases[rating.pk] = (inspected, rated_on, published, withdrawn_on)
    from django.db.models.functions import Coalesce

    for as_at in dates:
        cutoff = statistics_cutoff(as_at)
        by_database = set(
            PublishedRating.objects.annotate(inspection_day=Coalesce("inspected", "rated_on"))
            .filter(rating_stood_by_statistics(as_at, cutoff))
            .values_list("pk", flat=True)
        )
        by_rule = {
            pk
            for pk, (inspected, rated_on, published, withdrawn_on) in cases.items()
            if stood_by_statistics(
                inspected=inspected,
                rated_on=rated_on,
                published=published,
                withdrawn_on=withdrawn_on,
                as_at=as_at,
                cutoff=cutoff,
            )
        }
        assert by_database == by_rule, as_at


# -- the register from small files ------------------------------------------------------------

HEADER = (
    "URN",
    "Provision type",
    "Registration date",
    "Registration status",
    "Name",
    "Local authority",
    "Government Office Region",
    "Sector",
    "Places",
    "Event type",
    "Inspection date",
    "Publication date",
    "Overall experiences and progress of children and young people",
)
FILLERS = [
    ("1100001", "North East", "Newcastle upon Tyne"),
    ("1100002", "North West", "Wirral"),
    ("1100003", "Yorkshire and The Humber", "Leeds"),
    ("1100004", "East Midlands", "Derby"),
    ("1100005", "West Midlands", "Coventry"),
    ("1100006", "East of England", "Norfolk"),
    ("1100007", "London", "Camden"),
    ("1100008", "South East", "Kent"),
    ("1100009", "South West", "Devon"),
]


def _row(
    urn,
    registered="",
    judgement=None,
    provision="Children's home",
    region="West Midlands",
    council="Dudley",
):
    inspected, published, word = judgement or ("", "", "")
    return [
        urn,
        provision,
        registered,
        "Active",
        f"Home {urn}",
        council,
        region,
        "Private",
        "4",
        "Full inspection" if word else "",
        inspected,
        published,
        word,
    ]


FILES = {
    2019: [
        _row("SC000001", "01/01/2015", ("01/03/2018", "10/04/2018", "Good")),  # known then
        _row("SC000002", "01/01/2016", ("01/12/2018", "10/01/2019", "Good")),  # later only
        _row("SC000003", "01/01/2017"),  # never inspected: not yet inspected, known
        _row("SC000004", "", ("01/03/2018", "10/04/2018", "Outstanding")),  # no reg. date
    ],
    2020: [
        _row("SC000001", "01/01/2015", ("01/03/2018", "10/04/2018", "Good")),
        _row("SC000002", "01/01/2016", ("01/12/2018", "10/01/2019", "Good")),
        _row("SC000003", "01/01/2017"),
        _row("SC000004", "", ("01/03/2018", "10/04/2018", "Outstanding")),
        # Registered in 2019 before 31 August, first listed by this file.
        _row("SC000005", "01/06/2019", ("15/07/2019", "10/09/2019", "Requires improvement")),
        _row("SC000006", "01/05/2019"),
    ],
}


@pytest.fixture
def imported(tmp_path, db):
    for year, rows in FILES.items():
        path = tmp_path / f"ofsted_csc_providers_at_31_march_{year}.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(rows)
            for urn, region, council in FILLERS:
                writer.writerow(
                    _row(
                        urn,
                        "01/01/2010",
                        ("01/03/2018", "10/04/2018", "Good"),
                        provision="Independent fostering agency",
                        region=region,
                        council=council,
                    )
                )
        run = import_file(path, by=None, regulator="ofsted")
        assert run.full_register, run.warnings
    return {s.location_id: s.pk for s in Service.objects.all()}


def _then(as_at, ids, convention=PUBLICATION):
    urns = {pk: urn for urn, pk in ids.items()}
    return {
        urns[s.id]: (s.rating, s.rating_known)
        for s in register_as_at(as_at, convention=convention)
        if urns[s.id].startswith("SC")
    }


def test_before_the_first_file_ratings_are_known_or_said_to_be_not_known(imported):
    assert _then(D(2018, 6, 30), imported) == {
        "SC000001": ("good", True),
        "SC000002": (None, False),  # its earliest rating is later: not known
        "SC000003": (None, True),  # no file ever gave it a rating: not yet inspected
        "SC000004": (None, False),  # no file says when it was registered
    }


def test_a_setting_first_listed_after_the_date_counts_from_its_registration_date(imported):
    assert _then(D(2019, 8, 31), imported) == {
        "SC000001": ("good", True),
        "SC000002": ("good", True),
        "SC000003": (None, True),
        "SC000004": ("outstanding", True),
        "SC000005": (None, False),  # published 10 September: not known on 31 August
        "SC000006": (None, True),  # registered 1 May 2019, never inspected
    }
    # By the official statistics' convention, inspected 15 July and published by the
    # cut-off (30 September): it counts on 31 August.
    stats = _then(D(2019, 8, 31), imported, STATISTICS)
    assert stats["SC000005"] == ("requires_improvement", True)
    assert "SC000006" not in _then(D(2019, 4, 30), imported)


def test_figures_leave_out_and_count_the_ratings_not_known(imported):
    figures = rating_figures("childrens_home", england(), as_at=D(2018, 6, 30))
    whole = figures.whole
    assert whole.not_known == 2 and whole.total == 2
    assert whole.row("not_yet_inspected").count == 1
    assert whole.refused  # as many not known as known: no percentages
    assert all(row.pct_incl_nyi is None for row in whole.rows)
    assert any("not known" in caveat for caveat in figures.caveats)
    assert any("publication date" in caveat for caveat in figures.caveats)


def _page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


AS_AT_2018 = "service_type=childrens_home&areas=england&as_at_day=30&as_at_month=6&as_at_year=2018"


@pytest.mark.parametrize("page", ["", "comparator/?", "beds/", "change/"])
def test_the_pages_say_what_is_not_known_and_give_no_percentages(client, personas, imported, page):
    if page == "comparator/?":
        from careqa.areas.models import Region

        region = Region.objects.get(name="West Midlands")
        query = AS_AT_2018.replace("areas=england", f"areas=region:{region.pk}")
        url = f"/insights/comparator/?{query}"
    else:
        url = f"/insights/{page}?{AS_AT_2018}"
    html = _page(client, personas["qa_officer"], url)
    assert "not known" in html
    assert "data-caveats" in html
    assert "from its publication date" in html
    if page in ("", "comparator/?"):
        assert "no percentages are given" in html
        assert "100.00" not in html and "50.00" not in html


def test_the_services_not_known_are_listed_behind_their_link(client, personas, imported):
    import re
    from html import unescape

    html = _page(client, personas["qa_officer"], f"/insights/?{AS_AT_2018}")
    href, count = re.search(r'href="([^"]+)" data-not-known="(\d+)"', html).groups()
    listed = _page(client, personas["qa_officer"], unescape(href))
    assert count == "2" and listed.count("data-service-id=") == 2
    assert "Not known" in listed and "Not yet inspected" not in listed


def test_the_page_and_downloads_say_which_convention_they_used(client, personas, imported):
    query = AS_AT_2018.replace("as_at_day=30&as_at_month=6&as_at_year=2018", "") + (
        "&as_at_day=31&as_at_month=8&as_at_year=2019&convention=statistics"
    )
    html = _page(client, personas["qa_officer"], f"/insights/?{query}")
    assert "official statistics" in html and "published by 30 September 2019" in html
    response = client.get(f"/insights/download/figures.csv?{query}&only=england")
    text = response.content.decode("utf-8-sig")
    assert "published by 30 September 2019" in text
    rows = list(csv.reader(io.StringIO(text)))
    ri = [r for r in rows if r[:2] == ["England", "Requires improvement"]][0]
    assert ri[2] == "1"


def test_the_downloads_carry_the_caveat_and_no_percentages(client, personas, imported):
    client.force_login(personas["qa_officer"])
    response = client.get(f"/insights/download/figures.csv?{AS_AT_2018}&only=england")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert any("not known" in " ".join(r) for r in rows)
    figures = [r for r in rows if len(r) == 5 and r[0] == "England"]
    assert figures and all(r[3] == "" and r[4] == "" for r in figures)
    response = client.get(f"/insights/download/figures.xlsx?{AS_AT_2018}&only=england")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert any(isinstance(v, str) and "not known" in v for v in values)


def test_the_command_line_says_what_is_not_known(imported, capsys):
    call_command(
        "figures", "--service-type", "childrens_home", "--england", "--as-at", "2018-06-30"
    )
    out = capsys.readouterr().out
    assert "Note: Most ratings on 30 June 2018 are not known" in out
    assert "Note: A rating counts from its publication date" in out
    lines = [line for line in out.splitlines() if line.startswith("England")]
    assert lines and not any("100.00" in line or "50.00" in line for line in lines)
    call_command(
        "figures",
        "--service-type",
        "childrens_home",
        "--england",
        "--as-at",
        "2019-08-31",
        "--format",
        "csv",
        "--convention",
        "statistics",
    )
    captured = capsys.readouterr()
    assert "official statistics" in captured.err
    assert list(csv.reader(io.StringIO(captured.out)))[0][0] == "area"  # still one table


def test_the_pdf_notes_what_is_not_known_and_the_convention(imported, tmp_path):
    import shutil
    import subprocess

    from careqa.areas.models import Council
    from careqa.insights.reports.pdf import report_pdf
    from careqa.insights.reports.scrutiny import build_report, default_scope

    dudley = Council.objects.get(name="Dudley")
    report = build_report(default_scope(dudley, D(2018, 6, 30), None, STATISTICS))
    assert any("not known" in caveat for caveat in report.caveats)
    assert any("official statistics" in caveat for caveat in report.caveats)
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf(report))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Notes on the figures" in flat and "are not known" in flat
    assert "from its inspection date, if published by the end of the next month" in flat
