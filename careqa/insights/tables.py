"""Rating tables in the shape of the 2018 report's Appendix Two.

Rows are the four ratings, Not yet inspected and Total; columns are each council of a
comparator group and then the group as a whole, each with the number and percentage of
services (percentages of all services, not yet inspected included, to two decimals).
"""

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal

from careqa.insights.areas import Area, area_of_group
from careqa.insights.asat import PUBLICATION
from careqa.insights.figures import ROWS, Distribution, Figures, day, rating_figures


@dataclass(frozen=True)
class TableColumn:
    key: str  # the group key of its figures: "council:12", "group:3"
    label: str


@dataclass(frozen=True)
class TableCell:
    count: int
    percent: Decimal | None  # None: too few ratings known to give it
    service_ids: tuple[int, ...]


@dataclass(frozen=True)
class TableRow:
    rating: str  # a Rating code, "not_yet_inspected" or "total"
    label: str
    cells: tuple[TableCell, ...]  # one per column


@dataclass(frozen=True)
class RatingTable:
    title: str
    service_type: str  # its label: "Children's homes"
    as_at: datetime.date | None
    measure: str  # "services", or "beds" / "places" for a weighted table
    columns: tuple[TableColumn, ...]
    rows: tuple[TableRow, ...]
    caveats: tuple[str, ...] = ()  # the convention used, ratings not known
    refused: bool = False  # most ratings not known: no percentages

    def cell(self, rating, column_key) -> TableCell:
        row = self.rows[ROWS.index(rating)]
        return row.cells[[c.key for c in self.columns].index(column_key)]


def table_from_distributions(
    title, service_type, columns: list[Distribution], *, as_at=None, whole_label=None
) -> RatingTable:
    """The table of these distributions, side by side; the last is the whole.

    `whole_label` renames the last column ("REGION" in the 2018 report).
    """
    heads = [TableColumn(key=d.group_key, label=d.group) for d in columns]
    if whole_label and heads:
        heads[-1] = TableColumn(key=heads[-1].key, label=whole_label)
    rows = []
    for index, code in enumerate(ROWS):
        cells = tuple(
            TableCell(
                count=d.rows[index].count,
                percent=d.rows[index].pct_incl_nyi,
                service_ids=d.rows[index].service_ids,
            )
            for d in columns
        )
        rows.append(TableRow(rating=code, label=columns[0].rows[index].label, cells=cells))
    return RatingTable(
        title=title,
        service_type=service_type,
        as_at=as_at,
        measure=columns[0].measure if columns else "services",
        columns=tuple(heads),
        rows=tuple(rows),
        refused=bool(columns) and columns[-1].refused,
    )


def table_from_figures(figures: Figures, *, title=None, whole_label=None) -> RatingTable:
    """One column per group of a broken-down figure, then the whole area."""
    table = table_from_distributions(
        title or table_title(figures.service_type.label, figures.area.label, figures.as_at),
        figures.service_type.label,
        [*figures.groups, figures.whole],
        as_at=figures.as_at,
        whole_label=whole_label,
    )
    return dataclasses.replace(table, caveats=tuple(figures.caveats))


def comparator_table(
    service_type,
    area_or_group,
    *,
    as_at=None,
    whole_label=None,
    weighted=False,
    convention=PUBLICATION,
) -> RatingTable:
    """Appendix Two: each council of a comparator group (or list of councils), then all.

    `area_or_group` is a ComparatorGroup or an Area with a list of councils.
    """
    area = area_or_group if isinstance(area_or_group, Area) else area_of_group(area_or_group)
    if area.council_ids is None:
        raise ValueError("A comparator table needs a list of councils, not a region or England")
    figures = rating_figures(
        service_type, area, by="council", as_at=as_at, weighted=weighted, convention=convention
    )
    # Only the chosen councils have columns: a service counted in the group has its council.
    figures = Figures(
        service_type=figures.service_type,
        area=figures.area,
        as_at=figures.as_at,
        by=figures.by,
        measure=figures.measure,
        whole=figures.whole,
        groups=figures.groups[: len(area.council_ids)],
        convention=figures.convention,
    )
    return table_from_figures(figures, whole_label=whole_label)


def table_title(service_type_label, area_label, as_at) -> str:
    when = f"as at {day(as_at)}" if as_at else "current ratings"
    return f"{service_type_label}: ratings in {area_label}, {when}"
