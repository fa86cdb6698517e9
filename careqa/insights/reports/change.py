"""The change in an area's ratings since the same date a year before."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from careqa.insights.asat import PUBLICATION
from careqa.insights.figures import NOT_YET_INSPECTED, RATINGS, ROWS, percentage, rating_figures


def year_before(date: datetime.date) -> datetime.date:
    """The same date a year earlier; 29 February becomes the 28th."""
    try:
        return date.replace(year=date.year - 1)
    except ValueError:
        return date.replace(year=date.year - 1, day=28)


def day_label(date) -> str:
    return f"{date.day} {date:%B %Y}"


@dataclass(frozen=True)
class ChangeLine:
    rating: str
    label: str
    then_count: int
    then_pct: Decimal | None  # of those rated; None in the Not yet inspected row
    now_count: int
    now_pct: Decimal | None
    points: Decimal | None  # now_pct - then_pct


@dataclass(frozen=True)
class Change:
    area_label: str
    service_type_label: str
    then: datetime.date
    now: datetime.date | None  # None: the current register
    then_figures: object
    now_figures: object
    lines: tuple[ChangeLine, ...]

    @property
    def caveats(self) -> list[str]:
        """Each date's caveats, once each (the convention is the same on both)."""
        found = []
        for figures in (self.then_figures, self.now_figures):
            for sentence in figures.caveats:
                if sentence not in found:
                    found.append(sentence)
        return found

    @property
    def refused(self) -> bool:
        return self.then_figures.whole.refused or self.now_figures.whole.refused

    @property
    def then_label(self):
        return day_label(self.then)

    @property
    def now_label(self):
        return day_label(self.now) if self.now else "Now"

    def good_or_better(self, which) -> Decimal | None:
        """% of those rated that were Good or Outstanding, 'then' or 'now' (None: not known)."""
        d = (self.then_figures if which == "then" else self.now_figures).whole
        if d.refused:
            return None
        good = d.row("outstanding").count + d.row("good").count
        return percentage(good, d.rated)


def change_since_year_before(
    service_type, area, as_at=None, *, now_figures=None, then_figures=None, convention=PUBLICATION
) -> Change:
    today = as_at or datetime.date.today()
    then = year_before(today)
    now_figures = now_figures or rating_figures(
        service_type, area, as_at=as_at, convention=convention
    )
    then_figures = then_figures or rating_figures(
        service_type, area, as_at=then, convention=convention
    )
    lines = []
    for code in ROWS:
        before, after = then_figures.whole.row(code), now_figures.whole.row(code)
        points = None
        if code in RATINGS and None not in (after.pct_excl_nyi, before.pct_excl_nyi):
            points = after.pct_excl_nyi - before.pct_excl_nyi
        lines.append(
            ChangeLine(
                rating=code,
                label=after.label,
                then_count=before.count,
                then_pct=None if code == NOT_YET_INSPECTED else before.pct_excl_nyi,
                now_count=after.count,
                now_pct=None if code == NOT_YET_INSPECTED else after.pct_excl_nyi,
                points=points,
            )
        )
    return Change(
        area_label=area.label,
        service_type_label=now_figures.service_type.label,
        then=then,
        now=as_at,
        then_figures=then_figures,
        now_figures=now_figures,
        lines=tuple(lines),
    )
