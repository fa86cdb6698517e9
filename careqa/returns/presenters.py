"""Shaping returns for pages: the figures' chart (an inline SVG, its numbers also in a
table for those who cannot see it) and a return's values in words."""

from careqa.returns import rules

STATUS_TAGS = {
    rules.UPCOMING: "govuk-tag--grey",
    rules.DUE: "govuk-tag--blue",
    rules.SUBMITTED: "govuk-tag--green",
    rules.LATE: "govuk-tag--yellow",
    rules.MISSED: "govuk-tag--red",
}


def number_words(value) -> str:
    if value is None:
        return ""
    value = float(value)
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def chart(rows, *, width=600, height=200) -> dict:
    """Points for the quartile band, the median line and the service's own line."""
    numbers = [v for r in rows for v in (r.value, r.lower, r.median, r.upper) if v is not None]
    if not numbers:
        return {}
    top = max(numbers) or 1.0
    step = width / max(1, len(rows) - 1)

    def y(value):
        return round(height - value * height / top, 1)

    def line(attr):
        return " ".join(
            f"{round(i * step, 1)},{y(getattr(r, attr))}"
            for i, r in enumerate(rows)
            if getattr(r, attr) is not None
        )

    upper = [
        f"{round(i * step, 1)},{y(r.upper)}" for i, r in enumerate(rows) if r.upper is not None
    ]
    lower = [
        f"{round(i * step, 1)},{y(r.lower)}" for i, r in enumerate(rows) if r.lower is not None
    ]
    return {
        "width": width,
        "height": height,
        "top": number_words(top),
        "band": " ".join(upper + lower[::-1]),
        "median": line("median"),
        "own": line("value"),
    }


def value_words(spec, value) -> str:
    if value is None or value == "":
        return "Not given"
    if spec.options:
        return dict(spec.options).get(value, str(value))
    if spec.kind == rules.PERCENTAGE:
        return f"{value}%"
    if spec.kind in rules.NUMERIC and spec.unit:
        return f"{value} {spec.unit}"
    return str(value)


def values_list(template, values) -> list[dict]:
    return [
        {"label": spec.label, "value": value_words(spec, values.get(spec.code))}
        for spec in template.specs
    ]
