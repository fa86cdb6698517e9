"""Shaping figures for the insight pages: each count with the link to its services."""

import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from careqa.insights.asat import PUBLICATION
from careqa.insights.charts import bars_from_distributions, bars_from_table, stacked_bar_chart
from careqa.insights.figures import NOT_KNOWN
from careqa.insights.reports.change import day_label

# Beyond this many groups a chart would be taller than a page is useful; the table has all.
MOST_BARS = 40


def services_href(
    service_type, area, *, group_key, rating, by=None, as_at=None, convention=PUBLICATION
) -> str:
    """The page listing the services behind one count."""
    return _figure_href(service_type, area, by, as_at, convention) + _count_query(group_key, rating)


@functools.lru_cache(maxsize=256)
def _figure_href(service_type, area, by, as_at, convention):
    """The part of a count's link that all counts of one figure share, worked out once."""
    query = {"type": service_type.key, "area": area.key}
    if by:
        query["by"] = by
    if as_at:
        query["as_at"] = as_at.isoformat()
    if convention != PUBLICATION:
        query["convention"] = convention
    return reverse("insights:services") + "?" + urlencode(query)


def _count_query(group_key, rating):
    return "&" + urlencode({"group": group_key, "rating": rating})


def not_known_link(figures):
    """(count, href) of the services left out because their rating then is not known."""
    if not figures.whole.not_known:
        return None
    href = services_href(
        figures.service_type,
        figures.area,
        group_key=figures.whole.group_key,
        rating=NOT_KNOWN,
        by=figures.by,
        as_at=figures.as_at,
        convention=figures.convention,
    )
    return figures.whole.not_known, href


@dataclass
class Cell:
    count: int
    pct: object
    excl: object
    href: str


@dataclass
class GroupLine:
    label: str
    key: str
    cells: list  # Cell per row of ROWS
    is_whole: bool


def distribution_lines(figures):
    lines = []
    for d in (*figures.groups, figures.whole):
        cells = [
            Cell(
                count=row.count,
                pct=row.pct_incl_nyi,
                excl=row.pct_excl_nyi,
                href=services_href(
                    figures.service_type,
                    figures.area,
                    group_key=d.group_key,
                    rating=row.rating,
                    by=figures.by,
                    as_at=figures.as_at,
                    convention=figures.convention,
                ),
            )
            for row in d.rows
        ]
        lines.append(GroupLine(d.group, d.group_key, cells, d is figures.whole))
    return lines


def when(as_at):
    return f"as at {day_label(as_at)}" if as_at else "current ratings"


def distribution_chart(figures, chart_id):
    distributions = [*figures.groups, figures.whole]
    shown = distributions if len(distributions) <= MOST_BARS else [figures.whole]
    chart = stacked_bar_chart(
        bars_from_distributions(shown),
        title=f"{figures.service_type.label} in {figures.area.label}: "
        f"ratings, {when(figures.as_at)}",
        measure=figures.measure,
        chart_id=chart_id,
    )
    return chart, len(shown) < len(distributions)


def comparator_lines(table, service_type, area, as_at, convention=PUBLICATION):
    """Appendix Two rows, each cell with its link (columns are councils, then the group)."""
    lines = []
    for row in table.rows:
        cells = [
            Cell(
                count=cell.count,
                pct=cell.percent,
                excl=None,
                href=services_href(
                    service_type,
                    area,
                    group_key=column.key,
                    rating=row.rating,
                    by="council",
                    as_at=as_at,
                    convention=convention,
                ),
            )
            for cell, column in zip(row.cells, table.columns, strict=True)
        ]
        lines.append((row, cells))
    return lines


def comparator_chart(table, chart_id):
    return stacked_bar_chart(
        bars_from_table(table), title=table.title, measure=table.measure, chart_id=chart_id
    )


def bed_share_lines(shares, service_type, area, as_at, convention=PUBLICATION):
    return [
        (
            share,
            services_href(
                service_type,
                area,
                group_key=share.group_key,
                rating="poor",
                by="council",
                as_at=as_at,
                convention=convention,
            ),
        )
        for share in shares
    ]


def change_links(change, area):
    """Per rating row of a change table, the links behind its 'then' and 'now' counts."""
    service_type = change.now_figures.service_type
    group_key = change.now_figures.whole.group_key
    convention = change.now_figures.convention

    def href(rating, as_at):
        return services_href(
            service_type,
            area,
            group_key=group_key,
            rating=rating,
            as_at=as_at,
            convention=convention,
        )

    return [
        (line, href(line.rating, change.then), href(line.rating, change.now))
        for line in change.lines
    ]
