"""The share of green services month by month as a server-rendered SVG column chart, in
the manner of careqa.insights.charts: no script, no style attributes, a title and a
description with every figure, and the same numbers in the table beside it."""

from xml.sax.saxutils import escape

from django.utils.safestring import mark_safe

from careqa.insights.charts import FONT, TEXT

GREEN = "#00703c"  # GOV.UK green, 6.2:1 against white
GRID = "#b1b4b6"
WIDTH, HEIGHT, LEFT, TOP, BOTTOM = 640, 220, 40, 12, 40


def green_share_chart(dates, counts, *, title, chart_id="compliance-chart"):
    """One column per date: the per cent of our services green on it."""
    n = max(1, len(dates))
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - TOP - BOTTOM
    slot = plot_w / n
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    desc = " ".join(
        f"{day:%B %Y}: "
        + (f"{c.share_green}% green ({c.green} of {c.total})." if c.total else "no services.")
        for day, c in zip(dates, counts, strict=True)
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="careqa-chart" role="img" '
        f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="{FONT}" font-size="11">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
    ]
    for tick in (0, 50, 100):
        y = TOP + plot_h - plot_h * tick / 100
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - 8}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="1"></line><text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT}">{tick}%</text>'
        )
    for index, (day, count) in enumerate(zip(dates, counts, strict=True)):
        x = LEFT + index * slot + slot * 0.15
        share = float(count.share_green or 0)
        h = plot_h * share / 100
        parts.append(
            f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{h:.1f}" fill="{GREEN}" data-share="{share}">'
            f"<title>{day:%B %Y}: {share}% green</title></rect>"
        )
        if index % 6 == 0 or index == n - 1:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                f'text-anchor="middle" fill="{TEXT}">{day:%b %Y}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
