"""Data returns' rules, pure (no database, `today` passed in): the period a day falls in,
its submission window, whether a return is due, late or missed, and the checks on each
value and between values. Templates' fields and cross-field rules are plain records
(FieldSpec, CrossRule) read from a small line format, never evaluated as code.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MONTHLY, WEEKLY, DAILY, ONE_OFF = "monthly", "weekly", "daily", "one_off"
PERIODS = (MONTHLY, WEEKLY, DAILY, ONE_OFF)

INTEGER, DECIMAL, PERCENTAGE, YES_NO, CHOICE, DATE, TEXT = (
    "integer",
    "decimal",
    "percentage",
    "yes_no",
    "choice",
    "date",
    "text",
)
KINDS = (INTEGER, DECIMAL, PERCENTAGE, YES_NO, CHOICE, DATE, TEXT)
NUMERIC = (INTEGER, DECIMAL, PERCENTAGE)
YES_NO_CHOICES = (("yes", "Yes"), ("no", "No"))
# Where a field's value is already known, so the provider is not asked again.
PREFILLS = {"beds": "the CQC register (registered beds)", "rating": "CQC (the latest rating)"}
OPERATORS = {
    "<=": (lambda a, b: a <= b, "less than or equal to"),
    "<": (lambda a, b: a < b, "less than"),
    ">=": (lambda a, b: a >= b, "greater than or equal to"),
    ">": (lambda a, b: a > b, "greater than"),
    "=": (lambda a, b: a == b, "equal to"),
}
MAX_TEXT = 2000

# Status of one service's return for one period.
UPCOMING, DUE, SUBMITTED, LATE, MISSED = "upcoming", "due", "submitted", "late", "missed"
STATUS_WORDS = {
    UPCOMING: "Not open yet",
    DUE: "Due",
    SUBMITTED: "Submitted",
    LATE: "Submitted late",
    MISSED: "Missed",
}


# ---- Periods and windows -------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """When a return is asked for. For a repeating period the window runs from day
    `opens` to day `closes` of the period (1-based: day of the month, of the week from
    Monday, or of the day itself and the next), clipped to the period's length; a one-off
    return has its own dates."""

    period: str
    opens: int = 1
    closes: int = 1
    opens_on: datetime.date | None = None  # one-off only
    closes_on: datetime.date | None = None


def period_start(schedule: Schedule, day: datetime.date) -> datetime.date:
    """The first day of the period `day` falls in."""
    if schedule.period == MONTHLY:
        return day.replace(day=1)
    if schedule.period == WEEKLY:
        return day - datetime.timedelta(days=day.weekday())
    if schedule.period == DAILY:
        return day
    return schedule.opens_on


def period_length(schedule: Schedule, start: datetime.date) -> int:
    if schedule.period == MONTHLY:
        return calendar.monthrange(start.year, start.month)[1]
    if schedule.period == WEEKLY:
        return 7
    # A daily window may run into the next day: the figures of the day, sent the morning after.
    return 2


def next_period(schedule: Schedule, start: datetime.date) -> datetime.date | None:
    if schedule.period == MONTHLY:
        return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    if schedule.period == WEEKLY:
        return start + datetime.timedelta(days=7)
    if schedule.period == DAILY:
        return start + datetime.timedelta(days=1)
    return None


def previous_period(schedule: Schedule, start: datetime.date) -> datetime.date | None:
    if schedule.period == ONE_OFF:
        return None
    return period_start(schedule, start - datetime.timedelta(days=1))


def window(schedule: Schedule, start: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(first, last day) a return for the period starting `start` may be sent on time."""
    if schedule.period == ONE_OFF:
        return schedule.opens_on, schedule.closes_on
    length = period_length(schedule, start)
    opens = min(max(schedule.opens, 1), length)
    closes = min(max(schedule.closes, opens), length)
    return (
        start + datetime.timedelta(days=opens - 1),
        start + datetime.timedelta(days=closes - 1),
    )


def status(
    schedule: Schedule,
    start: datetime.date,
    *,
    today: datetime.date,
    submitted_on: datetime.date | None = None,
) -> str:
    opens, closes = window(schedule, start)
    if submitted_on is not None:
        return LATE if submitted_on > closes else SUBMITTED
    if today < opens:
        return UPCOMING
    if today <= closes:
        return DUE
    return MISSED


def is_late(schedule: Schedule, start: datetime.date, submitted_on: datetime.date) -> bool:
    return submitted_on > window(schedule, start)[1]


def may_submit(schedule: Schedule, start: datetime.date, *, today: datetime.date) -> bool:
    """A return may be sent from its window's opening (late is accepted, and says so)."""
    return today >= window(schedule, start)[0]


def current_period(schedule: Schedule, *, today: datetime.date) -> datetime.date:
    """The period a provider is asked about today: the latest whose window has opened."""
    if schedule.period == ONE_OFF:
        return schedule.opens_on
    start = period_start(schedule, today)
    if window(schedule, start)[0] > today:
        start = previous_period(schedule, start)
    return start


def recent_periods(schedule: Schedule, *, today: datetime.date, count: int) -> list:
    """The `count` latest periods whose window has opened, newest first."""
    if schedule.period == ONE_OFF:
        return [schedule.opens_on] if schedule.opens_on <= today else []
    start = current_period(schedule, today=today)
    found = []
    while len(found) < count:
        found.append(start)
        start = previous_period(schedule, start)
    return found


def periods_between(schedule: Schedule, first: datetime.date, last: datetime.date) -> list:
    """Every period starting from `first`'s period up to `last`, oldest first."""
    if schedule.period == ONE_OFF:
        return [schedule.opens_on] if first <= schedule.opens_on <= last else []
    start, found = period_start(schedule, first), []
    while start <= last:
        found.append(start)
        start = next_period(schedule, start)
    return found


def closes_within(
    schedule: Schedule, start: datetime.date, *, today: datetime.date, days: int
) -> bool:
    """Whether the window is open today and closes in the next `days` days (reminders)."""
    opens, closes = window(schedule, start)
    return opens <= today <= closes and (closes - today).days <= days


def period_words(schedule: Schedule, start: datetime.date) -> str:
    if schedule.period == MONTHLY:
        return f"{start:%B %Y}"
    if schedule.period == WEEKLY:
        return f"week beginning {start.day} {start:%B %Y}"
    if schedule.period == DAILY:
        return f"{start.day} {start:%B %Y}"
    return "one-off"


def window_words(schedule: Schedule) -> str:
    if schedule.period == MONTHLY:
        return f"the {_ordinal(schedule.opens)} to the {_ordinal(schedule.closes)} of each month"
    if schedule.period == WEEKLY:
        names = list(calendar.day_name)
        return f"{names[schedule.opens - 1]} to {names[min(schedule.closes, 7) - 1]} each week"
    if schedule.period == DAILY:
        return "the day itself" if schedule.closes <= 1 else "the day itself or the day after"
    return f"{_date(schedule.opens_on)} to {_date(schedule.closes_on)}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _date(day):
    return f"{day.day} {day:%B %Y}" if day else "?"


# ---- Fields and values ---------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    code: str
    label: str
    kind: str
    unit: str = ""
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: tuple = ()  # ((code, label), ...) for a choice field
    required: bool = True
    help: str = ""
    # Values the council wants to hear about: outside them, an intelligence entry.
    alert_above: Decimal | None = None
    alert_below: Decimal | None = None
    prefill: str = ""  # a key of PREFILLS
    tracker: bool = False  # "from the Capacity Tracker": loaded from its export

    @property
    def options(self):
        return YES_NO_CHOICES if self.kind == YES_NO else self.choices

    @property
    def heading(self) -> str:
        """The column heading in the template's own CSV and XLSX layout."""
        return f"{self.label} ({self.unit})" if self.unit else self.label


@dataclass(frozen=True)
class CrossRule:
    """`left op right`: right is another field's code or a number."""

    left: str
    op: str
    right: str
    message: str = ""

    def text(self) -> str:
        line = f"{self.left} {self.op} {self.right}"
        return f"{line} | {self.message}" if self.message else line


def _number(text):
    cleaned = str(text).strip().replace(",", "")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1].strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _plain_number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def clean_value(spec: FieldSpec, raw) -> tuple[object, str]:
    """(the value as stored, '') or (None, the message): the same for a form and a file.

    Numbers are kept as text of a Decimal, dates as ISO text, so values survive JSON.
    """
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None, (f"Enter {spec.label.lower()}" if spec.required else "")
    if spec.kind in NUMERIC:
        value = _number(text)
        if value is None:
            return None, f"{spec.label} must be a number"
        if spec.kind == INTEGER and value != value.to_integral_value():
            return None, f"{spec.label} must be a whole number"
        low = Decimal(0) if spec.kind == PERCENTAGE and spec.minimum is None else spec.minimum
        high = Decimal(100) if spec.kind == PERCENTAGE and spec.maximum is None else spec.maximum
        unit = f" {spec.unit}" if spec.unit and spec.kind != PERCENTAGE else ""
        unit = "%" if spec.kind == PERCENTAGE else unit
        if low is not None and value < low:
            return None, f"{spec.label} must be {_plain_number(low)}{unit} or more"
        if high is not None and value > high:
            return None, f"{spec.label} must be {_plain_number(high)}{unit} or less"
        return _plain_number(value), ""
    if spec.kind in (YES_NO, CHOICE):
        folded = text.lower()
        for code, label in spec.options:
            if folded in (code.lower(), label.lower()):
                return code, ""
        if spec.kind == YES_NO and folded in ("y", "n", "true", "false"):
            return ("yes" if folded in ("y", "true") else "no"), ""
        words = ", ".join(label for _, label in spec.options)
        return None, f"{spec.label} must be one of: {words}"
    if spec.kind == DATE:
        day = _date_value(text)
        if day is None:
            return None, f"{spec.label} must be a real date, like 27 3 2026 or 2026-03-27"
        return day.isoformat(), ""
    if len(text) > MAX_TEXT:
        return None, f"{spec.label} must be {MAX_TEXT:,} characters or fewer"
    return text, ""


def _date_value(text):
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def check_rules(specs, rules, values: dict) -> dict:
    """{field code: message} for each cross-field rule the values break; a rule with a
    value missing is not checked (the missing value has its own message)."""
    labels = {s.code: s.label for s in specs}
    errors = {}
    for rule in rules:
        left = _number(values.get(rule.left)) if values.get(rule.left) is not None else None
        right_value = values.get(rule.right) if rule.right in labels else rule.right
        right = _number(right_value) if right_value is not None else None
        if left is None or right is None or rule.op not in OPERATORS:
            continue
        holds, words = OPERATORS[rule.op]
        if not holds(left, right):
            what = labels.get(rule.right, rule.right)
            errors.setdefault(
                rule.left,
                rule.message or f"{labels.get(rule.left, rule.left)} must be {words} {what}",
            )
    return errors


def validate(specs, rules, raw: dict) -> tuple[dict, dict]:
    """(cleaned values by code, errors by code): every field, then the rules between them."""
    cleaned, errors = {}, {}
    for spec in specs:
        value, message = clean_value(spec, raw.get(spec.code))
        if message:
            errors[spec.code] = message
        elif value is not None:
            cleaned[spec.code] = value
    for code, message in check_rules(specs, rules, cleaned).items():
        errors.setdefault(code, message)
    return cleaned, errors


def alerts(specs, values: dict) -> list[tuple[str, str]]:
    """[(code, sentence)] for values outside the council's thresholds."""
    found = []
    for spec in specs:
        value = _number(values[spec.code]) if spec.kind in NUMERIC and spec.code in values else None
        if value is None:
            continue
        if spec.alert_above is not None and value > spec.alert_above:
            found.append(
                (spec.code, f"{spec.label}: {values[spec.code]}, above {spec.alert_above}")
            )
        elif spec.alert_below is not None and value < spec.alert_below:
            found.append(
                (spec.code, f"{spec.label}: {values[spec.code]}, below {spec.alert_below}")
            )
    return found


# ---- The line format a manager writes a template's fields and rules in ----------------------
#
# One field a line: code | label | kind | unit | min | max | help, optional key=value parts
# after (choices=a:Label A;b:Label B, alert_above=5, alert_below=1, prefill=beds, tracker=yes,
# optional=yes). One rule a line: code op code-or-number [| message].

CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_RULE = re.compile(r"^\s*([a-z][a-z0-9_]*)\s*(<=|>=|<|>|=)\s*([a-z][a-z0-9_]*|-?\d+(?:\.\d+)?)\s*$")
_OPTIONS = ("choices", "alert_above", "alert_below", "prefill", "tracker", "optional")


class SpecError(ValueError):
    def __init__(self, errors):
        self.errors = errors  # ["line 3: ...", ...]
        super().__init__("; ".join(errors))


def parse_fields(text: str) -> tuple[FieldSpec, ...]:
    specs, errors, seen = [], [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            spec = _parse_field(line)
        except ValueError as error:
            errors.append(f"Line {number}: {error}")
            continue
        if spec.code in seen:
            errors.append(f"Line {number}: the code '{spec.code}' is used twice")
        seen.add(spec.code)
        specs.append(spec)
    if not specs and not errors:
        errors.append("Enter at least one field")
    if errors:
        raise SpecError(errors)
    return tuple(specs)


def _decimal_or_none(text, what):
    if not text.strip():
        return None
    value = _number(text)
    if value is None:
        raise ValueError(f"the {what} '{text.strip()}' is not a number")
    return value


def _parse_field(line):
    parts = [p.strip() for p in line.split("|")]
    if len(parts) < 3:
        raise ValueError("write at least code | label | kind")
    parts += [""] * (7 - len(parts))
    code, label, kind, unit, low, high, help_text, *extra = parts
    if not CODE.match(code):
        raise ValueError(f"the code '{code[:40]}' must be lower-case letters, digits and _")
    if not label:
        raise ValueError("enter a label")
    if kind not in KINDS:
        raise ValueError(f"the kind '{kind[:20]}' must be one of {', '.join(KINDS)}")
    options = {}
    for part in extra:
        if not part:
            continue
        key, _, value = part.partition("=")
        if key.strip() not in _OPTIONS:
            raise ValueError(f"'{key.strip()[:20]}' is not an option ({', '.join(_OPTIONS)})")
        options[key.strip()] = value.strip()
    choices = ()
    if kind == CHOICE:
        pairs = [c.partition(":") for c in options.get("choices", "").split(";") if c.strip()]
        choices = tuple((c.strip(), (lab or c).strip()) for c, _, lab in pairs)
        if len(choices) < 2:
            raise ValueError("a choice field needs choices=code:Label;code:Label")
    minimum, maximum = _decimal_or_none(low, "minimum"), _decimal_or_none(high, "maximum")
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValueError("the minimum is more than the maximum")
    prefill = options.get("prefill", "")
    if prefill and prefill not in PREFILLS:
        raise ValueError(f"prefill must be one of {', '.join(PREFILLS)}")
    return FieldSpec(
        code=code,
        label=label,
        kind=kind,
        unit=unit,
        minimum=minimum,
        maximum=maximum,
        choices=choices,
        required=options.get("optional", "").lower() not in ("yes", "true"),
        help=help_text,
        alert_above=_decimal_or_none(options.get("alert_above", ""), "alert_above"),
        alert_below=_decimal_or_none(options.get("alert_below", ""), "alert_below"),
        prefill=prefill,
        tracker=options.get("tracker", "").lower() in ("yes", "true"),
    )


def field_text(spec: FieldSpec) -> str:
    """A field back in the line format: parse_fields(field_text(s)) gives s again."""

    def num(value):
        return "" if value is None else _plain_number(value)

    parts = [
        spec.code,
        spec.label,
        spec.kind,
        spec.unit,
        num(spec.minimum),
        num(spec.maximum),
        spec.help,
    ]
    if spec.choices:
        parts.append("choices=" + ";".join(f"{c}:{lab}" for c, lab in spec.choices))
    if spec.alert_above is not None:
        parts.append(f"alert_above={num(spec.alert_above)}")
    if spec.alert_below is not None:
        parts.append(f"alert_below={num(spec.alert_below)}")
    if spec.prefill:
        parts.append(f"prefill={spec.prefill}")
    if spec.tracker:
        parts.append("tracker=yes")
    if not spec.required:
        parts.append("optional=yes")
    return " | ".join(parts)


def parse_rules(text: str, specs) -> tuple[CrossRule, ...]:
    codes = {s.code for s in specs}
    numeric = {s.code for s in specs if s.kind in NUMERIC}
    rules, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        expression, _, message = line.partition("|")
        found = _RULE.match(expression)
        if not found:
            errors.append(
                f"Line {number}: write a rule as 'code <= other_code' or 'code <= 10', "
                "with <, <=, =, >= or >"
            )
            continue
        left, op, right = found.groups()
        for code in (left, right):
            if code[0].isalpha() and code not in codes:
                errors.append(f"Line {number}: there is no field '{code}'")
            elif code[0].isalpha() and code not in numeric:
                errors.append(f"Line {number}: '{code}' is not a number field")
        rules.append(CrossRule(left, op, right, message.strip()))
    if errors:
        raise SpecError(errors)
    return tuple(rules)


# ---- JSON, as a template version stores them ----------------------------------------------


def spec_to_json(spec: FieldSpec) -> dict:
    return {"line": field_text(spec)}


def specs_from_json(rows) -> tuple[FieldSpec, ...]:
    return tuple(_parse_field(row["line"]) for row in rows)


def rules_from_json(rows) -> tuple[CrossRule, ...]:
    return tuple(CrossRule(r["left"], r["op"], r["right"], r.get("message", "")) for r in rows)


def rule_to_json(rule: CrossRule) -> dict:
    return {"left": rule.left, "op": rule.op, "right": rule.right, "message": rule.message}


# ---- Figures ------------------------------------------------------------------------------


def quartiles(values) -> tuple | None:
    """(lower quartile, median, upper quartile) by linear interpolation, or None if empty."""
    ordered = sorted(values)
    if not ordered:
        return None

    def at(fraction):
        position = (len(ordered) - 1) * fraction
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

    return at(0.25), at(0.5), at(0.75)


# ---- Quality-improvement programmes -------------------------------------------------------

BASELINE_PERIODS = 3


def rate_per_ten_beds(total: float, beds: int) -> float | None:
    return None if not beds else round(total * 10 / beds, 2)


def against_baseline(series, starts_on) -> dict:
    """A measure's rates [(period start, rate or None)] oldest first: the baseline is the
    mean of the last BASELINE_PERIODS periods with a rate before the programme started
    (else its first ones), the latest the mean of the last BASELINE_PERIODS with a rate."""
    known = [(p, r) for p, r in series if r is not None]
    before = [r for p, r in known if p < starts_on][-BASELINE_PERIODS:]
    baseline = before or [r for p, r in known if p >= starts_on][:BASELINE_PERIODS]
    latest = [r for p, r in known if p >= starts_on][-BASELINE_PERIODS:]
    if not baseline or not latest:
        return {"baseline": None, "latest": None, "change": None}
    # Rounded first, so that the change shown follows from the figures shown.
    base = round(sum(baseline) / len(baseline), 2)
    last = round(sum(latest) / len(latest), 2)
    change = None if base == 0 else round(100 * (last - base) / base)
    return {"baseline": base, "latest": last, "change": change}
