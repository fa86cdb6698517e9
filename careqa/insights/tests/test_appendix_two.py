"""Appendix Two of the 2018 'Quality Assurance and Compliance Update', reproduced exactly.

'West Midlands Regional Ofsted Ratings (as of 31/08/2017)': the children's homes and the
independent fostering agencies of seven councils, by rating, with the region as a whole.
The services are built one by one with the published counts; every published number and
percentage must come out of the table as printed.
"""

import datetime

import pytest

from careqa.factories import (
    CouncilFactory,
    PublishedRatingFactory,
    RegionFactory,
    ServiceFactory,
    UserFactory,
)
from careqa.insights.actions import create_comparator_group
from careqa.insights.tables import comparator_table
from careqa.providers.vocab import Regulator

pytestmark = pytest.mark.django_db

COUNCILS = ("Wolverhampton", "Dudley", "Walsall", "Sandwell", "Birmingham", "Solihull", "Coventry")
ROWS = ("outstanding", "good", "requires_improvement", "inadequate", "not_yet_inspected", "total")
AS_OF = datetime.date(2017, 8, 31)

# As printed: for each row, (number, % of services) for each council, then REGION.
CHILDRENS_HOMES = {
    "outstanding": "1 12.50 2 22.22 1 9.09 0 0.00 5 10.20 0 0.00 1 14.29 10 10.64",
    "good": "3 37.50 5 55.56 6 54.55 8 88.89 31 63.27 0 0.00 5 71.43 58 61.70",
    "requires_improvement": "4 50.00 2 22.22 4 36.36 1 11.11 9 18.37 1 100.00 1 14.29 22 23.40",
    "inadequate": "0 0.00 0 0.00 0 0.00 0 0.00 4 8.16 0 0.00 0 0.00 4 4.26",
    "not_yet_inspected": "0 0.00 0 0.00 0 0.00 0 0.00 0 0.00 0 0.00 0 0.00 0 0.00",
    "total": "8 100.00 9 100.00 11 100.00 9 100.00 49 100.00 1 100.00 7 100.00 94 100.00",
}
FOSTERING_AGENCIES = {
    "outstanding": "0 0.00 0 0.00 0 0.00 0 0.00 0 0.00 0 0.00 0 0.00 0 0.00",
    "good": "2 66.67 1 100.00 1 100.00 1 25.00 3 50.00 1 50.00 1 100.00 10 55.56",
    "requires_improvement": "0 0.00 0 0.00 0 0.00 3 75.00 3 50.00 1 50.00 0 0.00 7 38.89",
    "inadequate": "1 33.33 0 0.00 0 0.00 0 0.00 0 0.00 0 0.00 0 0.00 1 5.56",
    "not_yet_inspected": "0 0.00 0 0.00 0 0.00 0 0.00 0 0.00 0 0.00 0 0.00 0 0.00",
    "total": "3 100.00 1 100.00 1 100.00 4 100.00 6 100.00 2 100.00 1 100.00 18 100.00",
}


def _published(table_text):
    """{row: [(number, percent), …]} from the printed rows."""
    found = {}
    for row, text in table_text.items():
        cells = text.split()
        found[row] = [(int(cells[i]), cells[i + 1]) for i in range(0, len(cells), 2)]
    return found


@pytest.fixture
def west_midlands():
    region = RegionFactory(name="West Midlands")
    councils = [CouncilFactory(name=name, region=region) for name in COUNCILS]
    group = create_comparator_group(
        name="West Midlands metropolitan councils",
        councils=councils,
        description="The seven councils the 2018 report calls the West Midlands region.",
        by=UserFactory(),
    )
    return group, councils


def _build(service_type, published, councils):
    """One Ofsted-registered service per published count, with its rating on record."""
    counts = _published(published)
    for index, council in enumerate(councils):
        for rating in ROWS[:5]:
            for _ in range(counts[rating][index][0]):
                current = None if rating == "not_yet_inspected" else rating
                service = ServiceFactory(
                    regulator=Regulator.OFSTED,
                    council=council,
                    service_types=f" {service_type} ",
                    care_home=False,
                    beds=None,
                    places=4,
                    rating=current,
                    rating_published=datetime.date(2017, 5, 2) if current else None,
                )
                if current:
                    PublishedRatingFactory(
                        service=service,
                        regulator=Regulator.OFSTED,
                        rated_on=datetime.date(2017, 5, 2),
                        overall=current,
                    )
                    # An earlier judgement, superseded before 31 August 2017.
                    PublishedRatingFactory(
                        service=service,
                        regulator=Regulator.OFSTED,
                        rated_on=datetime.date(2016, 1, 12),
                        overall="inadequate" if current != "inadequate" else "good",
                    )


def _noise(councils):
    """Services the table must leave out: another council, another type, closed, too new."""
    elsewhere = CouncilFactory(name="Staffordshire", region=councils[0].region)
    ServiceFactory(regulator=Regulator.OFSTED, council=elsewhere, service_types=" childrens_home ")
    ServiceFactory(regulator=Regulator.OFSTED, council=councils[0], service_types=" other ")
    ServiceFactory(council=councils[4], service_types=" residential ")  # a CQC care home
    ServiceFactory(
        regulator=Regulator.OFSTED,
        council=councils[1],
        service_types=" childrens_home ",
        active=False,
        deactivated_on=datetime.date(2017, 3, 31),
    )
    ServiceFactory(
        regulator=Regulator.OFSTED,
        council=councils[2],
        service_types=" fostering ",
        active=False,
        deactivated_on=datetime.date(2017, 3, 31),
    )


def _check(table, published):
    counts = _published(published)
    assert [c.label for c in table.columns] == [*COUNCILS, "REGION"]
    for row in ROWS:
        printed = [(cell.count, str(cell.percent)) for cell in table.rows[ROWS.index(row)].cells]
        assert printed == counts[row], row


@pytest.mark.parametrize(
    "service_type, published",
    [("childrens_home", CHILDRENS_HOMES), ("fostering", FOSTERING_AGENCIES)],
    ids=["childrens-homes", "fostering-agencies"],
)
def test_appendix_two_from_current_ratings(west_midlands, service_type, published):
    group, councils = west_midlands
    _build(service_type, published, councils)
    _noise(councils)
    table = comparator_table(service_type, group, whole_label="REGION")
    _check(table, published)
    # Every count leads to the services behind it.
    birmingham = table.columns[4].key
    assert len(table.cell("good", birmingham).service_ids) == _published(published)["good"][4][0]


@pytest.mark.parametrize(
    "service_type, published",
    [("childrens_home", CHILDRENS_HOMES), ("fostering", FOSTERING_AGENCIES)],
    ids=["childrens-homes", "fostering-agencies"],
)
def test_appendix_two_as_of_31_august_2017_from_the_rating_history(
    west_midlands, service_type, published
):
    group, councils = west_midlands
    _build(service_type, published, councils)
    _noise(councils)
    table = comparator_table(service_type, group, as_at=AS_OF, whole_label="REGION")
    _check(table, published)


def test_the_regions_percentages_are_those_of_the_reports_paragraphs(west_midlands):
    """Paragraphs 3.11 and 3.14 quote the REGION column."""
    group, councils = west_midlands
    _build("childrens_home", CHILDRENS_HOMES, councils)
    _build("fostering", FOSTERING_AGENCIES, councils)
    homes = comparator_table("childrens_home", group, whole_label="REGION")
    agencies = comparator_table("fostering", group, whole_label="REGION")
    region = homes.columns[-1].key
    assert [str(homes.cell(r, region).percent) for r in ROWS[:4]] == [
        "10.64",
        "61.70",
        "23.40",
        "4.26",
    ]
    assert [str(agencies.cell(r, region).percent) for r in ROWS[1:4]] == [
        "55.56",
        "38.89",
        "5.56",
    ]
    wolverhampton = homes.columns[0].key
    assert homes.cell("total", wolverhampton).count == 8
    assert agencies.cell("total", region).count == 18
