"""The report's section registry and the shape each section takes."""

import datetime
from dataclasses import dataclass, field

REGISTRY: list[type["Section"]] = []


def register(cls):
    """Class decorator: include this section in every scrutiny report, in `order`."""
    if cls not in REGISTRY:
        REGISTRY.append(cls)
        REGISTRY.sort(key=lambda c: c.order)
    return cls


@dataclass(frozen=True)
class ReportScope:
    """What a report is about: a council, on a date, beside a comparator group and England."""

    council: object  # careqa.areas.models.Council
    council_area: object  # Area of the council alone
    comparators: object  # Area with the comparator group's councils
    as_at: datetime.date
    convention: str = "publication"  # when a rating counts: see insights.asat.CONVENTIONS
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    def figures(self, service_type, area, *, as_at=..., weighted=False):
        """rating_figures(…) for this report, each computed once however many sections ask."""
        from careqa.insights.figures import rating_figures

        when = self.as_at if as_at is ... else as_at
        key = ("figures", service_type, area.key, when, weighted)
        if key not in self._memo:
            self._memo[key] = rating_figures(
                service_type, area, as_at=when, weighted=weighted, convention=self.convention
            )
        return self._memo[key]

    def comparator_table(self, service_type):
        from careqa.insights.tables import comparator_table

        key = ("comparator", service_type)
        if key not in self._memo:
            self._memo[key] = comparator_table(
                service_type,
                self.comparators,
                as_at=self.as_at,
                whole_label=self.comparators.label,
                convention=self.convention,
            )
        return self._memo[key]

    def caveats(self) -> list[str]:
        """The caveats of every figure computed for the report so far, once each."""
        found = []
        for value in self._memo.values():
            for sentence in value.caveats:
                if sentence not in found:
                    found.append(sentence)
        return found


@dataclass
class Block:
    """One thing a section shows: a table (with its chart) under a caption."""

    kind: str  # "figures" (areas side by side), "appendix" (Appendix Two), "change"
    caption: str
    data: object
    chart: str = ""
    parts: list = field(default_factory=list)  # a wide table split to fit the page


@dataclass
class SectionContent:
    blocks: list[Block] = field(default_factory=list)
    facts: dict = field(default_factory=dict)  # the numbers the default paragraphs quote


class Section:
    """A numbered part of the report: a title, default paragraphs, and tables and charts.

    Subclasses set `key`, `title` and `order`, and implement `content()` (figures from the
    data) and `default_paragraphs(content)` (narrative a person may edit before the PDF).
    `appendix` sections print after the numbered ones.
    """

    key = ""
    title = ""
    order = 100
    appendix = False

    def __init__(self, scope: ReportScope):
        self.scope = scope

    def content(self) -> SectionContent:
        return SectionContent()

    def default_paragraphs(self, content: SectionContent) -> list[str]:
        return []
