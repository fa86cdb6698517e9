"""The SVG charts: well-formed, titled and described, with the table's numbers."""

from decimal import Decimal
from xml.etree import ElementTree

from careqa.insights.charts import Bar, bars_from_distributions, stacked_bar_chart
from careqa.insights.figures import distribution

SVG = "{http://www.w3.org/2000/svg}"


class _S:
    def __init__(self, id, rating):
        self.id, self.rating = id, rating


def _dist(name, ratings):
    return distribution(name, name.lower(), [_S(i, r) for i, r in enumerate(ratings)])


def test_chart_is_well_formed_with_title_desc_and_the_tables_numbers():
    ours = _dist("Dudley", ["good", "good", "outstanding", "inadequate", None])
    england = _dist("England", ["good"] * 7 + ["requires_improvement"] * 3)
    svg = stacked_bar_chart(bars_from_distributions([ours, england]), title="Care <homes>")
    root = ElementTree.fromstring(str(svg))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Care <homes>"
    desc = root.find(f"{SVG}desc").text
    assert "Dudley: 5 services" in desc and "Good 2 (40.00%)" in desc
    drawn = {}
    for rect in root.iter(f"{SVG}rect"):
        if rect.get("data-count"):
            drawn.setdefault(rect.get("data-rating"), []).append(int(rect.get("data-count")))
    assert drawn["good"] == [ours.row("good").count, england.row("good").count]
    assert drawn["not_yet_inspected"] == [1]
    totals = [int(t.get("data-total")) for t in root.iter(f"{SVG}text") if t.get("data-total")]
    assert totals == [ours.total, england.total]


def test_bars_fill_the_width_in_proportion():
    svg = stacked_bar_chart([Bar("A", {"good": 1, "inadequate": 3}, 4)], title="t")
    root = ElementTree.fromstring(str(svg))
    widths = [Decimal(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("data-count")]
    assert widths == [Decimal("105.00"), Decimal("315.00")]


def test_an_empty_group_draws_no_bar():
    svg = stacked_bar_chart([Bar("Nowhere", {}, 0)], title="t")
    root = ElementTree.fromstring(str(svg))
    assert not [r for r in root.iter(f"{SVG}rect") if r.get("data-count")]
    assert "none" in str(svg)


def test_long_labels_are_drawn_in_full_inside_the_chart():
    long = "Bournemouth, Christchurch & Poole (comparator group of councils)"
    svg = stacked_bar_chart([Bar(long, {"good": 1}, 1), Bar("Dudley", {"good": 1}, 1)], title="t")
    root = ElementTree.fromstring(str(svg))
    labels = [t for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert labels[0].text == long  # never cut short with an ellipsis
    # The label ends where the bars start, and the column holds it at ~7.5px a character.
    first_bar = min(Decimal(r.get("x")) for r in root.iter(f"{SVG}rect") if r.get("data-count"))
    assert Decimal(labels[0].get("x")) - len(long) * Decimal("7.5") >= 0
    assert first_bar > Decimal(labels[0].get("x"))
    assert int(root.get("width")) >= first_bar + 420


def test_a_group_whose_ratings_are_mostly_not_known_draws_no_shares():
    from types import SimpleNamespace

    services = [SimpleNamespace(id=1, rating="good", rating_known=True)] + [
        SimpleNamespace(id=i, rating=None, rating_known=False) for i in range(2, 5)
    ]
    refused = distribution("Dudley", "council:1", services)
    svg = str(stacked_bar_chart(bars_from_distributions([refused]), title="t"))
    root = ElementTree.fromstring(svg)
    assert not [r for r in root.iter(f"{SVG}rect") if r.get("data-count")]
    assert "ratings not known" in svg and "%" not in root.find(f"{SVG}desc").text
