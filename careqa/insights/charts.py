"""Server-rendered SVG charts of rating distributions: one stacked bar per group.

Each bar is a group (a council, the comparator group, England) split into the share of its
services holding each rating. No script and no style attributes: colours are SVG
presentation attributes, so the pages' Content Security Policy and WeasyPrint both take
them. Every chart has a title and a description; the same numbers are always in a table
beside it.
"""

import math
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.safestring import mark_safe

from careqa.insights.figures import NOT_YET_INSPECTED, RATINGS, ROW_LABELS, percentage

# GOV.UK palette colours, each at least 3:1 against white (WCAG 1.4.11), and told apart by
# the white gap between segments and by the legend's words, not by colour alone.
COLOURS = {
    "outstanding": "#1d70b8",  # blue, 5.2:1
    "good": "#00703c",  # green, 6.2:1
    "requires_improvement": "#a35100",  # dark orange, 5.6:1
    "inadequate": "#d4351c",  # red, 4.9:1
    NOT_YET_INSPECTED: "#6f777b",  # grey, 4.6:1
}
SEGMENTS = (*RATINGS, NOT_YET_INSPECTED)
TEXT = "#0b0c0c"
FONT = "system-ui, Arial, sans-serif"

# The label column fits the longest label: at 13px a character of the system sans-serif is
# at most about 7.5px wide (capitals, "W"); a margin of 12px each side of it.
CHAR_WIDTH = 7.5
LABEL_MARGIN = 12
MIN_LABEL_WIDTH = 120
BAR_WIDTH = 420
VALUE_WIDTH = 70
BAR_HEIGHT = 20
BAR_GAP = 10
LEGEND_ROW = 22


@dataclass(frozen=True)
class Bar:
    """One group's counts by rating (the four ratings and not yet inspected)."""

    label: str
    counts: dict  # rating code -> count
    total: int
    known: bool = True  # False: too few ratings known to draw shares (no bar, words instead)

    def share(self, code) -> Decimal:
        return percentage(self.counts.get(code, 0), self.total)


def bars_from_distributions(distributions) -> list[Bar]:
    return [
        Bar(label=d.group, counts={}, total=0, known=False)
        if d.refused
        else Bar(
            label=d.group,
            counts={code: d.row(code).count for code in SEGMENTS},
            total=d.total,
        )
        for d in distributions
    ]


def bars_from_table(table) -> list[Bar]:
    """One bar per column of a RatingTable (Appendix Two shape)."""
    bars = []
    for index, column in enumerate(table.columns):
        counts = {row.rating: row.cells[index].count for row in table.rows}
        known = table.rows[-1].cells[index].percent is not None
        bars.append(
            Bar(
                label=column.label,
                counts=counts if known else {},
                total=counts["total"] if known else 0,
                known=known,
            )
        )
    return bars


def stacked_bar_chart(bars, *, title, description="", measure="services", chart_id="chart"):
    """An SVG of 100% stacked horizontal bars, one per group, with a legend above."""
    legend_height = LEGEND_ROW * 2 + 8
    top = legend_height
    height = top + len(bars) * (BAR_HEIGHT + BAR_GAP) + 24
    label_width = label_column_width(bar.label for bar in bars)
    width = label_width + BAR_WIDTH + VALUE_WIDTH
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    desc = description or describe(bars, measure)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="careqa-chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="{FONT}" font-size="13">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
    ]
    parts.extend(_legend())
    for index, bar in enumerate(bars):
        y = top + index * (BAR_HEIGHT + BAR_GAP)
        parts.append(
            f'<text x="{label_width - LABEL_MARGIN}" y="{y + BAR_HEIGHT * 0.7:.1f}" '
            f'text-anchor="end" fill="{TEXT}">{escape(bar.label)}</text>'
        )
        x = Decimal(label_width)
        for code in SEGMENTS:
            count = bar.counts.get(code, 0)
            if not count or not bar.total:
                continue
            w = Decimal(BAR_WIDTH) * count / bar.total
            parts.append(
                f'<rect x="{x:.2f}" y="{y}" width="{w:.2f}" height="{BAR_HEIGHT}" '
                f'fill="{COLOURS[code]}" stroke="#ffffff" stroke-width="1" '
                f'data-rating="{code}" data-count="{count}">'
                f"<title>{escape(bar.label)}: {escape(ROW_LABELS[code])} {count} "
                f"({bar.share(code)}%)</title></rect>"
            )
            x += w
        if not bar.total:
            parts.append(
                f'<text x="{label_width + 4}" y="{y + BAR_HEIGHT * 0.7:.1f}" fill="{TEXT}">'
                f"{'none' if bar.known else 'ratings not known'}</text>"
            )
        parts.append(
            f'<text x="{width - 4}" y="{y + BAR_HEIGHT * 0.7:.1f}" text-anchor="end" '
            f'fill="{TEXT}" data-total="{bar.total}">{bar.total:,}</text>'
        )
    axis_y = top + len(bars) * (BAR_HEIGHT + BAR_GAP) + 14
    for tick in (0, 50, 100):
        tx = label_width + BAR_WIDTH * tick / 100
        anchor = {0: "start", 50: "middle", 100: "end"}[tick]
        parts.append(
            f'<text x="{tx:.0f}" y="{axis_y}" text-anchor="{anchor}" fill="{TEXT}" '
            f'font-size="11">{tick}%</text>'
        )
    parts.append(
        f'<text x="{width - 4}" y="{axis_y}" text-anchor="end" fill="{TEXT}" '
        f'font-size="11">{escape(measure.capitalize())}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above


def describe(bars, measure="services") -> str:
    """A sentence per bar: the numbers the chart shows, for a screen reader."""
    sentences = []
    for bar in bars:
        if not bar.known:
            sentences.append(f"{bar.label}: too few ratings are known on this date.")
            continue
        pieces = [
            f"{ROW_LABELS[code]} {bar.counts.get(code, 0)} ({bar.share(code)}%)"
            for code in SEGMENTS
        ]
        sentences.append(f"{bar.label}: {bar.total} {measure}; " + ", ".join(pieces) + ".")
    return " ".join(sentences)


def _legend():
    parts = []
    per_row = 3
    for index, code in enumerate(SEGMENTS):
        col, row = index % per_row, index // per_row
        x = 4 + col * 200
        y = 6 + row * LEGEND_ROW
        parts.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" fill="{COLOURS[code]}"></rect>'
            f'<text x="{x + 20}" y="{y + 12}" fill="{TEXT}">{escape(ROW_LABELS[code])}</text>'
        )
    return parts


def label_column_width(labels) -> int:
    """Room for the longest label in full, never cut: the table beside has the same names."""
    longest = max((len(label) for label in labels), default=0)
    return max(MIN_LABEL_WIDTH, math.ceil(longest * CHAR_WIDTH) + 2 * LABEL_MARGIN)
