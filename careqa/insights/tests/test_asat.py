"""The register as at any date, rebuilt from small Ofsted files imported in order.

Each home below lives one story the real files tell (a home that moved council, a judgement
Ofsted revised, a judgement no longer given, a home that left and came back, a report
published after the file's date); the reconstruction on each file's date must be what that
file said, and between files what the files imply.
"""

import csv
import datetime

import pytest

from careqa.factories import PublishedRatingFactory, ServiceFactory
from careqa.insights.areas import councils_named, england
from careqa.insights.asat import rating_stood, register_as_at, stood
from careqa.insights.figures import rating_figures
from careqa.insights.revisions import ImportHistory
from careqa.providers.models import PublishedRating, Service
from careqa.providers.vocab import Regulator
from careqa.regulators.actions import import_file

pytestmark = pytest.mark.django_db

D = datetime.date
HEADER = (
    "URN",
    "Provision type",
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
HOME = "Children's home"
SCHOOL = "Residential special school (registered as a children's home)"
# One agency in each English region, so that each file reads as the full register.
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


def _row(urn, council, judgement=None, provision=HOME, places="4"):
    inspected, published, word = judgement or ("", "", "")
    return [
        urn,
        provision,
        "Active",
        f"Home {urn}",
        council,
        "West Midlands",
        "Private",
        places,
        "Full inspection" if word else "",
        inspected,
        published,
        word,
    ]


GOOD_2018 = ("01/03/2018", "10/04/2018", "Good")

# Year -> the rows of the file dated 31 March that year.
FILES = {
    2019: [
        _row("SC000001", "Dudley", GOOD_2018),  # steady
        _row("SC000002", "Dudley", GOOD_2018),  # moves to Walsall in 2021
        _row("SC000003", "Sandwell", GOOD_2018),  # judgement revised in 2021
        _row("SC000004", "Sandwell", GOOD_2018),  # no judgement in 2020, back in 2021
        _row("SC000005", "Walsall", GOOD_2018),  # gone in 2020, back in 2021
        _row("SC000006", "Walsall", GOOD_2018),  # a report the 2020 file missed
        _row("SC000007", "Dudley", ("20/02/2019", "05/04/2019", "Outstanding")),  # April
        _row("SC000008", "Dudley", GOOD_2018),  # a residential special school from 2021
    ],
    2020: [
        _row("SC000001", "Dudley", GOOD_2018),
        _row("SC000002", "Dudley", GOOD_2018, places="5"),
        _row(
            "SC000003", "Sandwell", ("01/06/2019", "01/07/2019", "Requires improvement to be good")
        ),
        _row("SC000004", "Sandwell"),
        _row("SC000006", "Walsall", GOOD_2018),
        _row("SC000007", "Dudley", ("20/02/2019", "05/04/2019", "Outstanding")),
        _row("SC000008", "Dudley", GOOD_2018),
    ],
    2021: [
        _row("SC000001", "Dudley", ("01/09/2020", "01/10/2020", "Inadequate")),
        _row("SC000002", "Walsall", GOOD_2018, places="5"),
        _row("SC000003", "Sandwell", ("01/06/2019", "01/07/2019", "Good")),
        _row("SC000004", "Sandwell", GOOD_2018),
        _row("SC000005", "Walsall", GOOD_2018),
        _row("SC000006", "Walsall", ("01/02/2020", "01/03/2020", "Inadequate")),
        _row("SC000007", "Dudley", ("20/02/2019", "05/04/2019", "Outstanding")),
        _row("SC000008", "Dudley", GOOD_2018, provision=SCHOOL),
        _row("SC000009", "Dudley"),  # new, not yet inspected
    ],
}

# URN -> the rating (or None) each file's date must show, and None for "not registered".
EXPECTED = {
    D(2019, 3, 31): {
        "SC000001": "good",
        "SC000002": "good",
        "SC000003": "good",
        "SC000004": "good",
        "SC000005": "good",
        "SC000006": "good",
        "SC000007": "outstanding",
        "SC000008": "good",
    },
    D(2020, 3, 31): {
        "SC000001": "good",
        "SC000002": "good",
        "SC000003": "requires_improvement",
        "SC000004": "nyi",
        "SC000006": "good",
        "SC000007": "outstanding",
        "SC000008": "good",
    },
    D(2021, 3, 31): {
        "SC000001": "inadequate",
        "SC000002": "good",
        "SC000003": "good",
        "SC000004": "good",
        "SC000005": "good",
        "SC000006": "inadequate",
        "SC000007": "outstanding",
        "SC000008": "good",
        "SC000009": "nyi",
    },
}


@pytest.fixture
def imported(tmp_path):
    for year, rows in FILES.items():
        path = tmp_path / f"ofsted_csc_providers_at_31_march_{year}.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(rows)
            for urn, region, council in FILLERS:
                row = _row(urn, council, GOOD_2018, provision="Independent fostering agency")
                row[5] = region
                writer.writerow(row)
        run = import_file(path, by=None, regulator="ofsted")
        assert run.full_register, run.warnings
    return {s.location_id: s.pk for s in Service.objects.all()}


def _then(as_at, ids):
    urns = {pk: urn for urn, pk in ids.items()}
    return {
        urns[s.id]: s
        for s in register_as_at(as_at)
        if s.offers("childrens_home") or urns[s.id].startswith("SC")
    }


@pytest.mark.parametrize("as_at", list(EXPECTED), ids=str)
def test_on_each_files_date_the_register_is_what_that_file_said(imported, as_at):
    services = _then(as_at, imported)
    assert {urn: s.rating or "nyi" for urn, s in services.items()} == EXPECTED[as_at]


def test_a_home_that_moved_council_counts_where_it_was(imported):
    before, after = _then(D(2020, 3, 31), imported), _then(D(2021, 3, 31), imported)
    dudley = councils_named("Dudley").council_ids[0]
    walsall = councils_named("Walsall").council_ids[0]
    assert before["SC000002"].council_id == dudley
    assert after["SC000002"].council_id == walsall
    # And its places as they were: 4 in 2019, 5 from 2020.
    assert _then(D(2019, 3, 31), imported)["SC000002"].places == 4
    assert before["SC000002"].places == 5


def test_a_home_ofsted_now_calls_a_school_was_a_childrens_home_then(imported):
    assert _then(D(2020, 3, 31), imported)["SC000008"].offers("childrens_home")
    assert not _then(D(2021, 3, 31), imported)["SC000008"].offers("childrens_home")
    figures = rating_figures("childrens_home", england(), as_at=D(2020, 3, 31))
    assert figures.whole.total == 7


def test_between_files_a_report_counts_from_its_publication(imported):
    # Published 10 October 2020, first carried by the 2021 file.
    assert _then(D(2020, 9, 30), imported)["SC000001"].rating == "good"
    assert _then(D(2020, 10, 1), imported)["SC000001"].rating == "inadequate"
    # Published 5 April 2019 but carried by the file of 31 March 2019.
    # The day before the first file: no file gives these homes' registration dates, so
    # whether they were registered then is not known (never counted as inspected or not).
    before = _then(D(2019, 3, 30), imported)
    assert before and all(not s.rating_known and s.rating is None for s in before.values())
    assert _then(D(2019, 4, 1), imported)["SC000007"].rating == "outstanding"


def test_a_report_the_next_file_missed_counts_again_from_the_file_that_carried_it(imported):
    # Published 1 March 2020, after the file of 31 March 2019: it counts from publication…
    assert _then(D(2020, 2, 29), imported)["SC000006"].rating == "good"
    assert _then(D(2020, 3, 2), imported)["SC000006"].rating == "inadequate"
    # …but the file of 31 March 2020 still gave Good, and the register is what it said
    # until the next file carried the report.
    assert _then(D(2020, 3, 31), imported)["SC000006"].rating == "good"
    assert _then(D(2020, 6, 30), imported)["SC000006"].rating == "good"
    assert _then(D(2021, 3, 31), imported)["SC000006"].rating == "inadequate"


def test_a_home_that_left_and_came_back_is_missing_only_in_between(imported):
    assert "SC000005" in _then(D(2019, 12, 31), imported)
    assert "SC000005" not in _then(D(2020, 3, 31), imported)
    assert "SC000005" not in _then(D(2020, 12, 31), imported)
    assert "SC000005" in _then(D(2021, 3, 31), imported)


def test_figures_by_council_follow_the_history(imported):
    area = councils_named("Dudley, Walsall, Sandwell")
    figures = rating_figures("childrens_home", area, by="council", as_at=D(2020, 3, 31))
    counts = {d.group: {r.rating: r.count for r in d.rows if r.count} for d in (*figures.groups,)}
    assert counts == {
        "Dudley": {"good": 3, "outstanding": 1, "total": 4},
        "Walsall": {"good": 1, "total": 1},
        "Sandwell": {"requires_improvement": 1, "not_yet_inspected": 1, "total": 2},
    }
    assert figures.whole.total == 7


def test_the_current_register_matches_the_reconstruction_on_the_latest_files_date(imported):
    now = {s.id: s for s in register_as_at(None)}
    then = {s.id: s for s in register_as_at(D(2021, 3, 31))}
    assert now == then


def test_the_database_rule_and_the_plain_rule_agree():
    """rating_stood (SQL) and stood (Python) decide alike over a grid of cases."""
    dates = [D(2019, 1, 1), D(2019, 3, 31), D(2019, 6, 1), D(2020, 3, 31), D(2020, 9, 1)]
    optional = [None, *dates]
    cases = {}
    for rated_on in dates:
        for listed_on in optional:
            for withdrawn_on in optional:
                rating = PublishedRatingFactory(
                    service=ServiceFactory(regulator=Regulator.OFSTED),
                    regulator=Regulator.OFSTED,
                    rated_on=rated_on,
                    listed_on=listed_on,
                    withdrawn_on=withdrawn_on,
                )
                cases[rating.pk] = (rated_on, listed_on, withdrawn_on)
    for as_at in [*dates, D(2019, 12, 31)]:
        for last_full in (None, D(2019, 3, 31), D(2020, 3, 31)):
            files = (last_full,) if last_full else ()
            history = ImportHistory(snapshots={"ofsted": files}, full_snapshots={"ofsted": files})
            by_database = set(
                PublishedRating.objects.filter(rating_stood(as_at, history)).values_list(
                    "pk", flat=True
                )
            )
            by_rule = {
                pk
                for pk, (rated_on, listed_on, withdrawn_on) in cases.items()
                if stood(
                    rated_on=rated_on,
                    listed_on=listed_on,
                    withdrawn_on=withdrawn_on,
                    as_at=as_at,
                    last_full_file=history.last_full_snapshot("ofsted", as_at),
                )
            }
            assert by_database == by_rule, (as_at, last_full)
