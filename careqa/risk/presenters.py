"""Shaping risk and safeguarding for pages and downloads."""

from careqa.risk.rules.sharing import level_label
from careqa.risk.vocab import Band, EnquiryKind

BAND_TAGS = {
    "not_enough_evidence": "govuk-tag--grey",
    "low": "govuk-tag--green",
    "medium": "govuk-tag--yellow",
    "high": "govuk-tag--orange",
    "very_high": "govuk-tag--red",
}


def level_words(level) -> str:
    return level_label(level)


def band_label(band) -> str:
    return Band(band).label if band in Band.values else band


def reasons_of(risk) -> list[tuple[str, str]]:
    """(words, signed points) of a ServiceRisk's reasons."""
    return [(words, f"{'+' if points >= 0 else ''}{points}") for words, points in risk.reasons]


def counts_by_year(enquiries) -> list[dict]:
    """Per service and year opened: section 42 enquiries, care concerns and each type of
    risk, as true counts (suppression is for what is published)."""
    rows = {}
    for e in enquiries.order_by("service_id", "opened_on"):
        row = rows.setdefault(
            (e.service_id, e.opened_on.year),
            {
                "service": e.service,
                "year": e.opened_on.year,
                EnquiryKind.SECTION_42: 0,
                EnquiryKind.CARE_CONCERN: 0,
                "types": {},
            },
        )
        row[e.kind] += 1
        for t in e.risk_types:
            row["types"][t] = row["types"].get(t, 0) + 1
    return list(rows.values())


def trend_points(history, *, width=300, height=60) -> dict:
    """An inline SVG polyline of the scores over time (0 at the bottom, 100 at the top),
    with the same figures in a table beside it for those who cannot see it."""
    history = list(history)
    if not history:
        return {"points": "", "width": width, "height": height}
    step = width / max(1, len(history) - 1)
    points = " ".join(
        f"{round(i * step, 1)},{round(height - h.score * height / 100, 1)}"
        for i, h in enumerate(history)
    )
    return {"points": points, "width": width, "height": height}
