"""What the layout parsers share: the snapshot date, national coverage, row bookkeeping."""

import datetime
import re

from careqa.areas.names import ENGLISH_REGIONS, canonical_region
from careqa.regulators.parsers.values import BadValue, date_from_words, fold
from careqa.regulators.records import ParsedFile

PRODUCED_ON = re.compile(r"produced on\s+(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", re.IGNORECASE)
AS_AT = re.compile(r"as at\s+(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", re.IGNORECASE)
_NAME_DATE = re.compile(r"(?<![0-9])(\d{1,2})[ _.-]?([A-Za-z]{3,9})[ _.-]?(\d{4})(?![0-9])")
_ISO_DATE = re.compile(r"(?<![0-9])(\d{4})-(\d{2})-(\d{2})(?![0-9])")

# Ofsted's own regions join two English regions in one.
_REGION_COVERS = {
    "north east, yorkshire and the humber": ("North East", "Yorkshire and The Humber"),
    "north east yorkshire and the humber": ("North East", "Yorkshire and The Humber"),
}


def date_in_text(texts, pattern):
    for text in texts:
        match = pattern.search(text)
        if match:
            found = date_from_words(*match.groups())
            if found:
                return found
    return None


def date_in_name(name):
    """A date written in a file name: 16_September_2026, 01_December_2020, 2021-02-01."""
    for match in _NAME_DATE.finditer(name or ""):
        found = date_from_words(*match.groups())
        if found:
            return found
    match = _ISO_DATE.search(name or "")
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    return None


def choose_snapshot(ctx, from_content, from_name=None, fallback=None, fallback_why=""):
    """The date the file describes: its own words, else the caller's, else its name."""
    given = ctx.snapshot_date
    if from_content:
        if given and given != from_content:
            ctx.warn(
                f"The file says it describes {from_content:%d %B %Y}; that date was used "
                f"rather than the {given:%d %B %Y} given with it."
            )
        return from_content
    if given:
        return given
    if from_name:
        return from_name
    if fallback:
        ctx.warn(fallback_why)
        return fallback
    ctx.warn(
        "The file does not say which date it describes, and no snapshot date was given: "
        "the import will use today's date."
    )
    return None


def covers_england(region_names):
    """Whether services in every one of the nine English regions are listed."""
    found = set()
    for name in region_names:
        if not name:
            continue
        covered = _REGION_COVERS.get(fold(name))
        if covered:
            found.update(covered)
        else:
            found.add(canonical_region(name))
    return all(region in found for region in ENGLISH_REGIONS)


class Rows:
    """Counting rows read, out of scope and left out, and the warnings about the last."""

    SHOWN = 20

    def __init__(self, ctx):
        self.ctx = ctx
        self.read = 0
        self.skipped = 0
        self.rejected = 0
        self._reasons = {}

    def reject(self, number, reason):
        self.rejected += 1
        count = self._reasons.get(reason, 0) + 1
        self._reasons[reason] = count
        if count <= self.SHOWN:
            self.ctx.warn(f"Row {number}: {reason}; the row was left out.")

    def finish(self):
        for reason, count in self._reasons.items():
            if count > self.SHOWN:
                self.ctx.warn(f"{count - self.SHOWN} more rows left out: {reason}.")


def duplicate_error(ctx, what, value, first_row, row, column):
    return ctx.error(
        f"{what} '{value}' is listed twice, on row {first_row} and on row {row}; "
        "each must appear once in this file",
        row=row,
        column=column,
    )


class _NotRead:
    """What stands for a cell that could not be read (already noted as a problem)."""

    __slots__ = ()

    def __repr__(self):
        return "NOT_READ"

    def __bool__(self):
        return False


NOT_READ = _NotRead()
NO_RATING = (None, "")  # the fallback of a rating cell that could not be read


def convert(ctx, columns, number, cells, position, function, fallback=None):
    """function(cell) for the cell at `position`.

    A cell that is not what its column holds is noted as a problem naming its row and
    column (the file is then refused as a whole, with every problem found), and `fallback`
    stands in for it so that reading can go on.
    """
    try:
        return function(cells[position])
    except BadValue as error:
        ctx.problem(ctx.error(str(error), row=number, column=columns.name(position)))
        return fallback


def whole_register(ctx, services, regions, *, several_kinds, noun="services"):
    """Whether a file lists the whole national register, warning when it is an extract.

    Only a whole register may deactivate what it leaves out: it must cover all nine English
    regions and more than one kind of service (a national care-homes-only extract would
    otherwise deactivate every home-care agency).
    """
    if covers_england(regions) and several_kinds:
        return True
    if services:
        ctx.warn(
            f"This file does not list {noun} of every kind in all nine English regions, so it "
            f"was read as an extract: {noun} it does not list were left as they were."
        )
    return False


def whole_cqc_register(ctx, services):
    """whole_register for CQC's location files: the kinds are care homes and the rest."""
    regions = {record.region_name for record in services if record.region_name}
    kinds = {record.care_home for record in services if record.care_home in (True, False)}
    return whole_register(ctx, services, regions, several_kinds=len(kinds) > 1)


def parsed_file(ctx, *, layout, regulator, snapshot, services, providers, count, full):
    """The ParsedFile every layout returns, with the row counts and warnings it gathered."""
    return ParsedFile(
        file_name=ctx.file_name,
        layout=layout,
        regulator=regulator,
        snapshot_date=snapshot,
        services=services,
        providers=providers,
        rows=count.read,
        skipped=count.skipped,
        rejected=count.rejected,
        full_register=full,
        warnings=ctx.warnings,
    )
