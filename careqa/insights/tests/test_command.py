"""`careqa figures`: one row per group and rating, as CSV or a table, and clear errors."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from careqa.areas.models import CouncilProfile
from careqa.cli import main as careqa
from careqa.factories import (
    CouncilFactory,
    PublishedRatingFactory,
    RegionFactory,
    ServiceFactory,
    UserFactory,
)
from careqa.insights.actions import create_comparator_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def homes():
    west_midlands = RegionFactory(name="West Midlands")
    london = RegionFactory(name="London")
    dudley = CouncilFactory(name="Dudley", region=west_midlands)
    walsall = CouncilFactory(name="Walsall", region=west_midlands)
    camden = CouncilFactory(name="Camden", region=london)
    for council, rating, beds, sector in [
        (dudley, "good", 40, "private"),
        (dudley, "good", 20, "voluntary"),
        (dudley, "requires_improvement", 30, "private"),
        (dudley, None, 10, "private"),
        (walsall, "outstanding", 50, "private"),
        (walsall, "inadequate", 25, "local_authority"),
        (camden, "good", 60, "private"),
    ]:
        service = ServiceFactory(
            council=council,
            service_types=" residential ",
            rating=rating,
            beds=beds,
            sector=sector,
            registration_start=datetime.date(2015, 1, 1),
        )
        if rating:
            PublishedRatingFactory(
                service=service, rated_on=datetime.date(2020, 6, 1), overall=rating
            )
    ServiceFactory(council=dudley, service_types=" nursing ", rating="inadequate")
    return {"dudley": dudley, "walsall": walsall, "camden": camden}


def _csv(*args):
    out = io.StringIO()
    call_command("figures", *args, "--format", "csv", stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_csv_has_one_row_per_group_and_rating_with_both_percentages(homes):
    rows = _csv("--service-type", "residential", "--areas", "Dudley, Walsall", "--by", "council")
    assert list(rows[0]) == [
        "area",
        "group",
        "rating",
        "measure",
        "count",
        "pct_incl_nyi",
        "pct_excl_nyi",
    ]
    assert [(r["group"], r["rating"]) for r in rows[:6]] == [
        ("Dudley", "Outstanding"),
        ("Dudley", "Good"),
        ("Dudley", "Requires improvement"),
        ("Dudley", "Inadequate"),
        ("Dudley", "Not yet inspected"),
        ("Dudley", "Total"),
    ]
    good = rows[1]
    assert (good["count"], good["pct_incl_nyi"], good["pct_excl_nyi"]) == ("2", "50.00", "66.67")
    nyi = rows[4]
    assert (nyi["count"], nyi["pct_incl_nyi"], nyi["pct_excl_nyi"]) == ("1", "25.00", "")
    # Walsall, then both councils together.
    assert [r["group"] for r in rows[6:]] == ["Walsall"] * 6 + ["Dudley, Walsall"] * 6
    total = rows[-1]
    assert (total["count"], total["pct_incl_nyi"]) == ("6", "100.00")
    assert {r["area"] for r in rows} == {"Dudley, Walsall"}


def test_by_sector_and_by_region(homes):
    rows = _csv("--service-type", "residential", "--england", "--by", "sector")
    totals = {r["group"]: r["count"] for r in rows if r["rating"] == "Total"}
    assert totals == {"Private": "5", "Voluntary": "1", "Local authority": "1", "England": "7"}
    rows = _csv("--service-type", "residential", "--england", "--by", "region")
    totals = {r["group"]: r["count"] for r in rows if r["rating"] == "Total"}
    assert totals == {"London": "1", "West Midlands": "6", "England": "7"}


def test_a_region_a_group_and_our_area(homes):
    rows = _csv("--service-type", "residential", "--region", "west midlands")
    assert rows[-1]["count"] == "6" and rows[-1]["group"] == "West Midlands"

    create_comparator_group(
        name="Black Country", councils=[homes["walsall"], homes["dudley"]], by=UserFactory()
    )
    rows = _csv("--service-type", "residential", "--group", "black country", "--by", "council")
    assert [r["group"] for r in rows if r["rating"] == "Total"] == [
        "Walsall",
        "Dudley",
        "Black Country",
    ]

    CouncilProfile.objects.create(name="Dudley Council").our_area.set([homes["dudley"]])
    rows = _csv("--service-type", "residential")
    assert rows[-1]["group"] == "Dudley Council" and rows[-1]["count"] == "4"


def test_as_at_a_date_from_the_rating_history(homes):
    rows = _csv("--service-type", "residential", "--england", "--as-at", "2020-05-31")
    counts = {r["rating"]: r["count"] for r in rows}
    assert counts["Not yet inspected"] == "7"
    rows = _csv("--service-type", "residential", "--england", "--as-at", "2020-06-01")
    counts = {r["rating"]: r["count"] for r in rows}
    assert counts["Good"] == "3" and counts["Not yet inspected"] == "1"


def test_beds_weigh_each_home_and_give_the_share_in_poorly_rated_homes(homes):
    rows = _csv("--service-type", "residential", "--areas", "Dudley", "--beds")
    assert {r["measure"] for r in rows} == {"beds"}
    counts = {r["rating"]: (r["count"], r["pct_incl_nyi"], r["pct_excl_nyi"]) for r in rows}
    assert counts["Good"] == ("60", "60.00", "66.67")
    assert counts["Total"] == ("100", "100.00", "100.00")
    assert counts["Requires improvement or Inadequate"] == ("30", "30.00", "33.33")


def test_the_table_format_lines_up(homes):
    out = io.StringIO()
    call_command("figures", "--service-type", "residential", "--areas", "Walsall", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == [
        "area",
        "group",
        "rating",
        "measure",
        "count",
        "pct_incl_nyi",
        "pct_excl_nyi",
    ]
    assert len({len(line) for line in lines if "Not yet" not in line}) == 1
    assert "Outstanding" in lines[1] and lines[1].endswith("50.00")


def test_the_careqa_command_spells_it_with_hyphens(homes, capsys):
    careqa(["careqa", "figures", "--service-type", "care-homes", "--england", "--format", "csv"])
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "England,England,Total,services,8,100.00,100.00"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--areas", "Dudly"], "No council called 'Dudly'. Did you mean: Dudley?"),
        (["--areas", "Dudley,Walsal"], "No council called 'Walsal'. Did you mean: Walsall?"),
        (["--region", "West Midland"], "No region called 'West Midland'. Did you mean: West Mid"),
        (["--group", "Black County"], "No comparator group called 'Black County'."),
        (["--england", "--as-at", "31/03/2020"], "--as-at '31/03/2020' is not a date"),
        ([], "This installation's area is not set"),
    ],
)
def test_unknown_names_are_named_with_close_matches(homes, args, message):
    with pytest.raises(CommandError) as error:
        call_command("figures", "--service-type", "residential", *args, stdout=io.StringIO())
    assert message in str(error.value)


def test_an_unknown_service_type_lists_close_ones(homes):
    with pytest.raises(CommandError) as error:
        call_command("figures", "--service-type", "nursng", "--england", stdout=io.StringIO())
    assert "No service type called 'nursng'. Did you mean: nursing?" in str(error.value)


def test_an_areas_key_names_it_again_for_links(homes):
    from careqa.insights.areas import UnknownName, area_from_key, councils_named, region_named
    from careqa.insights.figures import rating_figures, services_behind

    for area in (councils_named("Walsall, Dudley"), region_named("London")):
        assert area_from_key(area.key) == area
    assert area_from_key("england").label == "England"
    for bad in ("councils:999999", "region:x", "group:1", "nowhere", ""):
        with pytest.raises(UnknownName):
            area_from_key(bad)

    area = councils_named("Dudley, Walsall")
    figures = rating_figures("residential", area, by="council")
    dudley = f"council:{homes['dudley'].pk}"
    behind = services_behind("residential", area_from_key(area.key), dudley, "good", by="council")
    assert behind == figures.service_ids(dudley, "good")
    assert len(behind) == 2
