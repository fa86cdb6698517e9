"""Recognising a file's layout from its content: which sheet, which header row, which parser.

File names say nothing reliable (uploads are saved under temporary names), so each sheet's
first rows are compared with the headers of every layout CareQA reads.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from careqa.providers.vocab import Regulator
from careqa.regulators.parsers import cqc_directory, cqc_hsca, cqc_ratings, ofsted
from careqa.regulators.parsers.sheets import BAD_TEXT, Table, bad_text_error
from careqa.regulators.parsers.values import fold

SCAN_ROWS = 30  # rows with text looked at for a header, per sheet
MIN_SCORE = 3  # known column names a header row must have
_SHOWN = 15
_README = re.compile(r"^read[ _]?me$", re.IGNORECASE)


@dataclass(frozen=True)
class Spec:
    parse: Callable
    layout: str
    regulator: str
    label: str
    anchor: str  # the id column, as published
    known: frozenset
    markers: frozenset
    key: Callable = fold
    marker_prefixes: tuple = ()
    anchored: Callable | None = None

    def score(self, cells):
        keys = {self.key(cell) for cell in cells if cell.strip()}
        anchored = self.anchored(keys) if self.anchored else fold(self.anchor) in keys
        score = len(keys & self.known) + 10 * len(keys & self.markers)
        if self.marker_prefixes and any(key.startswith(self.marker_prefixes) for key in keys):
            score += 10
        return score, anchored


SPECS = (
    Spec(
        parse=cqc_hsca.parse,
        layout=cqc_hsca.LAYOUT,
        regulator=Regulator.CQC.value,
        label=cqc_hsca.LABEL,
        anchor="Location ID",
        known=cqc_hsca.KNOWN,
        markers=cqc_hsca.MARKERS,
        marker_prefixes=cqc_hsca.MARKER_PREFIXES,
    ),
    Spec(
        parse=cqc_ratings.parse,
        layout=cqc_ratings.LAYOUT,
        regulator=Regulator.CQC.value,
        label=cqc_ratings.LABEL,
        anchor="Location ID",
        known=cqc_ratings.KNOWN,
        markers=cqc_ratings.MARKERS,
    ),
    Spec(
        parse=cqc_directory.parse,
        layout=cqc_directory.LAYOUT,
        regulator=Regulator.CQC.value,
        label=cqc_directory.LABEL,
        anchor="CQC Location ID (for office use only)",
        known=cqc_directory.KNOWN,
        markers=cqc_directory.MARKERS,
        anchored=cqc_directory.anchored,
    ),
    Spec(
        parse=ofsted.parse,
        layout=ofsted.LAYOUT,
        regulator=Regulator.OFSTED.value,
        label=ofsted.LABEL,
        anchor="URN",
        known=ofsted.KNOWN,
        markers=ofsted.MARKERS,
        key=ofsted.column_key,
    ),
)

WHAT_WE_READ = (
    "CQC's care directory CSV, its 'care directory with filters' (HSCA active locations) or "
    "'care directory with ratings' (Latest ratings) as CSV, XLSX or ODS, or Ofsted's "
    "children's social care providers CSV"
)


def best_match(cells):
    """(score, anchored, spec) of the layout whose header these cells most look like."""
    best = (0, False, None)
    for spec in SPECS:
        score, anchored = spec.score(cells)
        if (anchored, score) > (best[1], best[0]):
            best = (score, anchored, spec)
    return best


def choose(sheets, ctx):
    """(Spec, Table) of the first sheet whose header row names a layout's columns."""
    near_miss = None  # (score, spec, row number, cells, sheet name)
    first_text = None
    for sheet in sheets:
        ctx.sheet_name = sheet.name
        readme = sheet.name is not None and _README.match(sheet.name.strip())
        rows = iter(sheet.rows)
        seen = []
        for number, cells in rows:
            joined = "".join(cells)
            if not joined.strip():
                continue
            if sheet.check_text and BAD_TEXT.search(joined):
                raise bad_text_error(ctx, number, cells)
            if first_text is None:
                first_text = (number, cells, sheet.name)
            if not readme:
                score, anchored, spec = best_match(cells)
                if anchored and score >= MIN_SCORE:
                    _note(ctx, seen)
                    ctx.header = cells
                    return spec, Table(
                        sheet=sheet, header=cells, header_row=number, rows=rows, preamble=seen
                    )
                if score >= MIN_SCORE and (near_miss is None or score > near_miss[0]):
                    near_miss = (score, spec, number, cells, sheet.name)
            seen.append((number, cells))
            if len(seen) >= SCAN_ROWS:
                break
        # A README or notes sheet: its text may still say which date the file describes.
        _note(ctx, seen)
    raise _not_recognised(ctx, near_miss, first_text)


def check_regulator(spec, table, ctx):
    if ctx.regulator and ctx.regulator != spec.regulator:
        given = Regulator(ctx.regulator).label
        found = Regulator(spec.regulator).label
        said = (
            f"this is {spec.label}: {a_or_an(found)} {found} file, "
            f"not {a_or_an(given)} {given} file"
        )
        return ctx.error(
            f"{said}. Choose {found} as the regulator and import it again",
            row=table.header_row,
            command_line=f"{said}. Import it with: careqa import-{spec.regulator}",
        )
    return None


def a_or_an(word):
    """'an Ofsted', 'a CQC': by the sound of the first letter as the word is said."""
    # Letters said with a vowel sound first when spelt out (F = 'eff', S = 'ess', ...).
    vowel_sound = "AEIOU" if not word.isupper() else "AEFHILMNORSX"
    return "an" if word[:1].upper() in vowel_sound else "a"


def _note(ctx, rows):
    for _, cells in rows:
        ctx.notes.extend(cell for cell in cells if cell.strip())


def _not_recognised(ctx, near_miss, first_text):
    if near_miss is not None:
        _, spec, number, cells, sheet_name = near_miss
        ctx.sheet_name = sheet_name
        return ctx.error(
            f"this looks like {spec.label}, but its header row has no '{spec.anchor}' column "
            f"(renamed or missing). The header has: {_shown(cells)}",
            row=number,
            column=spec.anchor,
        )
    if first_text is None:
        ctx.sheet_name = None
        return ctx.error("the file is empty: it has no rows with text", row=1)
    number, cells, sheet_name = first_text
    ctx.sheet_name = sheet_name
    return ctx.error(
        f"this is not a file CareQA can read. It reads {WHAT_WE_READ}, with their published "
        f"column names; no header row of any of them was found (a reshaped or filtered "
        f"extract with other column names cannot be imported). The first row with text has: "
        f"{_shown(cells)}",
        row=number,
    )


def _shown(cells):
    found = [" ".join(cell.split()) for cell in cells if cell.strip()]
    shown = ", ".join(f"'{cell[:60]}'" for cell in found[:_SHOWN])
    if len(found) > _SHOWN:
        shown += f" and {len(found) - _SHOWN} more"
    return shown
