"""The 'Quality Assurance and Compliance Update': its sections, and the report built from them.

In the shape of the 2018 report to the scrutiny panel: current CQC ratings of residential and
nursing homes against the comparator group and England, the change since a year before,
the Ofsted ratings of children's homes and fostering agencies (Appendix Two), and England's
care homes (Appendix One).
"""

import dataclasses
import datetime
import time
from dataclasses import dataclass, field

from careqa.areas.models import Council
from careqa.insights.areas import area_of_group, councils_area, england
from careqa.insights.asat import PUBLICATION, one_state_of_the_register
from careqa.insights.charts import bars_from_distributions, bars_from_table, stacked_bar_chart
from careqa.insights.figures import NOT_YET_INSPECTED, RATINGS, ROW_LABELS, bed_share
from careqa.insights.models import ComparatorGroup
from careqa.insights.reports.change import change_since_year_before, day_label, year_before
from careqa.insights.reports.sections import (
    REGISTRY,
    Block,
    ReportScope,
    Section,
    SectionContent,
    register,
)

TITLE = "Quality Assurance and Compliance Update"
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."
SOURCES = (
    "Care Quality Commission: care directory with ratings and HSCA active locations "
    "(open data), as imported into CareQA.",
    "Ofsted: children's social care providers and inspections (official statistics "
    "open data), as imported into CareQA.",
)
_WORDS = "no one two three four five six seven eight nine ten".split()


def number_words(n, noun, plural=None):
    """'One children's home', 'Three children's homes', '12 children's homes'."""
    plural = plural or noun + "s"
    word = _WORDS[n] if 0 <= n < len(_WORDS) else f"{n:,}"
    return f"{word.capitalize()} {noun if n == 1 else plural}"


def pc(value) -> str:
    """A percentage for a sentence: '12.50%', or words where the history cannot tell."""
    return "not known" if value is None else f"{value}%"


def good_or_better(distribution):
    from careqa.insights.figures import percentage

    if distribution.refused:
        return None
    rated = distribution.rated
    good = distribution.row("outstanding").count + distribution.row("good").count
    return percentage(good, rated)


def poor(distribution):
    from careqa.insights.figures import percentage

    if distribution.refused:
        return None
    rated = distribution.rated
    bad = distribution.row("requires_improvement").count + distribution.row("inadequate").count
    return percentage(bad, rated)


def default_scope(council, as_at, group=None, convention=PUBLICATION) -> ReportScope:
    """The council beside `group`; without one, a group that holds it, else its region."""
    if group is None:
        group = (
            ComparatorGroup.objects.filter(active=True, members__council=council)
            .order_by("name")
            .first()
        )
    if group is not None:
        comparators = area_of_group(group)
    else:
        councils = list(Council.objects.filter(region_id=council.region_id).order_by("name"))
        councils = councils or [council]
        label = council.region.name if council.region_id else council.name
        comparators = councils_area(councils, label=label)
    return ReportScope(
        council=council,
        council_area=councils_area([council], label=council.name),
        comparators=comparators,
        as_at=as_at,
        convention=convention,
    )


CARE_HOME_TYPES = (("residential", "residential homes"), ("nursing", "nursing homes"))


@register
class CareHomeRatings(Section):
    key = "care_homes"
    title = "Current CQC ratings of care homes"
    order = 10

    def content(self):
        s = self.scope
        content = SectionContent()
        for type_key, noun in CARE_HOME_TYPES:
            areas = [s.council_area, s.comparators, england()]
            distributions = [s.figures(type_key, a).whole for a in areas]
            caption = f"{noun.capitalize()}: {s.council.name}, {s.comparators.label} and England"
            chart = stacked_bar_chart(
                bars_from_distributions(distributions),
                title=f"Ratings of {noun}, as at {day_label(s.as_at)}",
                chart_id=f"chart-{type_key}",
            )
            content.blocks.append(Block("figures", caption, distributions, chart))
            weighted = s.figures(type_key, s.council_area, weighted=True)
            content.facts[type_key] = {
                "noun": noun,
                "ours": distributions[0],
                "group": distributions[1],
                "england": distributions[2],
                "beds": bed_share(weighted.whole),
            }
        return content

    def default_paragraphs(self, content):
        s = self.scope
        paragraphs = []
        counts = [
            f"{f['ours'].total} {f['noun']}" for f in (content.facts[k] for k, _ in CARE_HOME_TYPES)
        ]
        paragraphs.append(
            f"The quality of care provided in care homes in {s.council.name} is reflected in "
            f"the CQC ratings, as at {day_label(s.as_at)}, of the {' and the '.join(counts)} "
            f"in {s.council.name}."
        )
        for type_key, _ in CARE_HOME_TYPES:
            f = content.facts[type_key]
            ours, group, eng = f["ours"], f["group"], f["england"]
            nyi = ours.row("not_yet_inspected")
            paragraphs.append(
                f"In {f['noun']}, excluding those not yet inspected, "
                f"{pc(good_or_better(ours))} in {s.council.name} are rated 'Outstanding' or "
                f"'Good', against {pc(good_or_better(group))} in {s.comparators.label} and "
                f"{pc(good_or_better(eng))} in England; {pc(poor(ours))} are rated "
                f"'Requires improvement' or 'Inadequate' "
                f"({pc(poor(group))} in {s.comparators.label}, {pc(poor(eng))} in England). "
                f"{nyi.count} ({pc(nyi.pct_incl_nyi)}) of {s.council.name}'s {f['noun']} are "
                f"not yet inspected, against {pc(eng.row('not_yet_inspected').pct_incl_nyi)} in "
                f"England."
            )
            beds = f["beds"]
            paragraphs.append(
                f"{pc(beds.share_incl_nyi)} of the {beds.total:,} beds in {s.council.name}'s "
                f"{f['noun']} are in homes rated 'Requires improvement' or 'Inadequate'."
            )
        return paragraphs


@register
class RatingsChange(Section):
    key = "change"
    title = "Change since a year before"
    order = 20

    def content(self):
        s = self.scope
        content = SectionContent()
        for type_key, noun in (*CARE_HOME_TYPES, ("care_homes", "care homes")):
            for area in (s.council_area, england()):
                change = change_since_year_before(
                    type_key,
                    area,
                    s.as_at,
                    now_figures=s.figures(type_key, area),
                    then_figures=s.figures(type_key, area, as_at=year_before(s.as_at)),
                )
                caption = f"{noun.capitalize()} in {area.label}"
                content.blocks.append(Block("change", caption, change))
                content.facts[(type_key, area.key)] = (noun, change)
        return content

    def default_paragraphs(self, content):
        s = self.scope
        paragraphs = []
        for type_key, noun in (*CARE_HOME_TYPES, ("care_homes", "care homes")):
            _, change = content.facts[(type_key, s.council_area.key)]
            _, eng = content.facts[(type_key, "england")]
            then, now = change.good_or_better("then"), change.good_or_better("now")
            if None in (then, now):
                direction = "against"
            else:
                direction = (
                    "up from" if now > then else "down from" if now < then else "the same as"
                )
            paragraphs.append(
                f"{pc(now)} of {s.council.name}'s rated {noun} are rated 'Good' or "
                f"'Outstanding' as at {day_label(s.as_at)}, {direction} {pc(then)} on "
                f"{change.then_label} (England: {pc(eng.good_or_better('now'))}, "
                f"{pc(eng.good_or_better('then'))} a year before). These figures exclude homes "
                f"not yet inspected."
            )
        return paragraphs


OFSTED_TYPES = (
    ("childrens_home", "children's home", "children's homes", "Residential children's homes"),
    ("fostering", "fostering agency", "fostering agencies", "Independent fostering agencies"),
)


def _appendix_tables(scope):
    return {type_key: scope.comparator_table(type_key) for type_key, *_ in OFSTED_TYPES}


@register
class OfstedRatings(Section):
    key = "ofsted"
    title = "Current Ofsted ratings"
    order = 30

    def content(self):
        content = SectionContent()
        content.facts["tables"] = _appendix_tables(self.scope)
        return content

    def default_paragraphs(self, content):
        s = self.scope
        paragraphs = []
        for type_key, noun, plural, heading in OFSTED_TYPES:
            table = content.facts["tables"][type_key]
            keys = [c.key for c in table.columns]
            council_key = f"council:{s.council.pk}"
            council_key = council_key if council_key in keys else keys[0]
            ours = {row.rating: table.cell(row.rating, council_key) for row in table.rows}
            whole_key = table.columns[-1].key
            whole = {row.rating: table.cell(row.rating, whole_key) for row in table.rows}
            lines = [
                f"{number_words(ours[code].count, noun, plural)} ({pc(ours[code].percent)}) "
                f"{'is' if ours[code].count == 1 else 'are'} rated '{label}'."
                for code, label in _RATING_WORDS
                if ours[code].count
            ]
            paragraphs.append(
                f"{heading}: Appendix Two shows the ratings, as at {day_label(s.as_at)}, of "
                f"the {ours['total'].count} {plural if ours['total'].count != 1 else noun} "
                f"in {s.council.name}. " + " ".join(lines)
            )
            region = ", ".join(
                f"{pc(whole[code].percent)} '{label}'"
                for code, label in _RATING_WORDS
                if whole[code].count
            )
            paragraphs.append(
                f"There are {whole['total'].count} {plural} in {s.comparators.label} "
                f"({', '.join(c.label for c in table.columns[:-1])}). Across the group, "
                f"{region or 'none are rated'}."
            )
        return paragraphs


# The vocabulary's own labels, never a re-typed or lower-cased copy.
_RATING_WORDS = tuple((code, ROW_LABELS[code]) for code in (*RATINGS, NOT_YET_INSPECTED))


@register
class AppendixOne(Section):
    key = "appendix_one"
    title = "Appendix One: care homes in England"
    order = 90
    appendix = True

    def content(self):
        s = self.scope
        content = SectionContent()
        eng = s.figures("care_homes", england())
        beds = s.figures("care_homes", england(), weighted=True)
        ours = s.figures("care_homes", s.council_area)
        content.facts = {"homes": eng.whole.total, "beds": beds.whole.total}
        chart = stacked_bar_chart(
            bars_from_distributions([ours.whole, eng.whole]),
            title=f"Ratings of care homes, as at {day_label(s.as_at)}",
            chart_id="chart-appendix-one",
        )
        content.blocks.append(
            Block(
                "figures",
                f"Care homes: {s.council.name} and England",
                [ours.whole, eng.whole],
                chart,
            )
        )
        return content

    def default_paragraphs(self, content):
        return [
            f"Number of care homes in England: {content.facts['homes']:,}. "
            f"Number of beds: {content.facts['beds']:,}."
        ]


@register
class AppendixTwo(Section):
    key = "appendix_two"
    title = "Appendix Two: Ofsted ratings across the comparator group"
    order = 95
    appendix = True

    def content(self):
        s = self.scope
        content = SectionContent()
        for type_key, _noun, _plural, heading in OFSTED_TYPES:
            table = s.comparator_table(type_key)
            chart = stacked_bar_chart(
                bars_from_table(table),
                title=f"{heading}: Ofsted ratings, as at {day_label(s.as_at)}",
                chart_id=f"chart-{type_key}",
            )
            content.blocks.append(Block("appendix", heading, table, chart, split_table(table)))
        return content

    def default_paragraphs(self, content):
        s = self.scope
        return [
            f"{s.comparators.label} Ofsted ratings (as of {day_label(s.as_at)}). Percentages are "
            f"of all services, including those not yet inspected, to two decimal places."
        ]


def split_table(table, size=7):
    """A wide Appendix Two table as several of at most `size` columns; the whole last."""
    if len(table.columns) <= size + 1:
        return [table]
    councils = list(range(len(table.columns) - 1))
    chunks = [councils[i : i + size] for i in range(0, len(councils), size)]
    chunks[-1].append(len(table.columns) - 1)
    parts = []
    for chunk in chunks:
        rows = tuple(
            dataclasses.replace(row, cells=tuple(row.cells[i] for i in chunk)) for row in table.rows
        )
        columns = tuple(table.columns[i] for i in chunk)
        parts.append(dataclasses.replace(table, columns=columns, rows=rows))
    return parts


@dataclass
class BuiltSection:
    number: int | None  # None for an appendix
    key: str
    title: str
    content: SectionContent
    paragraphs: list[str]


@dataclass
class ScrutinyReport:
    scope: ReportScope
    sections: list[BuiltSection] = field(default_factory=list)
    created: datetime.date = field(default_factory=datetime.date.today)
    seconds: float = 0.0

    title = TITLE
    sources = SOURCES
    licence = OGL

    @property
    def caveats(self) -> list[str]:
        """Every figure's caveats, once each: the convention used, what is not known."""
        return self.scope.caveats()

    @property
    def numbered(self):
        return [s for s in self.sections if s.number is not None]

    @property
    def appendices(self):
        return [s for s in self.sections if s.number is None]


def build_report(scope: ReportScope, narrative=None, progress=None) -> ScrutinyReport:
    """Every registered section's figures, with `narrative` ({key: [paragraphs]}) or defaults.

    `progress(done, total)`, if given, is called as each section is finished.
    """
    started = time.monotonic()
    report = ScrutinyReport(scope=scope)
    with one_state_of_the_register():
        _build_sections(report, scope, narrative, progress)
    report.seconds = time.monotonic() - started
    return report


def _build_sections(report, scope, narrative, progress=None):
    number = 0
    for done, cls in enumerate(REGISTRY):
        if progress:
            progress(done, len(REGISTRY))
        section = cls(scope)
        content = section.content()
        paragraphs = (narrative or {}).get(cls.key)
        if paragraphs is None:
            paragraphs = section.default_paragraphs(content)
        if not cls.appendix:
            number += 1
        report.sections.append(
            BuiltSection(
                number=None if cls.appendix else number,
                key=cls.key,
                title=cls.title,
                content=content,
                paragraphs=list(paragraphs),
            )
        )


def default_narrative(scope: ReportScope) -> dict:
    """{section key: (title, [default paragraphs])}, for the form before the PDF."""
    found = {}
    with one_state_of_the_register():
        for cls in REGISTRY:
            section = cls(scope)
            found[cls.key] = (cls.title, section.default_paragraphs(section.content()))
    return found
