"""The risk score: 0 to 100 and a band, from a plain snapshot of what we know about a
service and a set of weights, with every point explained in words. Pure: no database,
`today` passed in (ADR 0003); docs/adr/0011-risk-score-and-sharing-levels.md explains the defaults.

The score is the sum of its reasons, exactly: each reason is a sentence and its points,
and where the sum passes 100 a last reason ("Capped at 100") takes the excess off.
"""

from dataclasses import dataclass, field, fields
from datetime import date

# The bands' lower bounds; below MEDIUM_FROM is low. 75 is also the programme's "high
# risk score" (careqa.visits.rules.needs.HIGH_RISK_SCORE): one more visit.
MAX_SCORE = 100

RATING_WORDS = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
    "not_rated": "Not rated",
}


@dataclass(frozen=True)
class Weights:
    """Points for each kind of evidence; a manager may change them (RiskWeight rows)."""

    rated_inadequate: int = 30
    rated_requires_improvement: int = 15
    key_question_inadequate: int = 5  # each key question
    key_question_requires_improvement: int = 2  # each key question
    not_yet_inspected: int = 10
    inspection_older_than_months: int = 30  # the age at which an inspection is "old"
    old_inspection: int = 10
    visit_inadequate: int = 20
    visit_requires_improvement: int = 10
    visit_older_than_months: int = 12
    no_recent_visit: int = 5
    overdue_action: int = 4  # each, as many as there are
    response_overdue: int = 8
    open_section_42: int = 10  # each
    open_care_concern: int = 3  # each
    recent_section_42: int = 3  # each closed in the last 12 months
    risk_remains: int = 5  # each enquiry closed in the last 12 months with the risk remaining
    intelligence_high: int = 10  # each open entry
    intelligence_medium: int = 5
    intelligence_low: int = 2
    intelligence_older_than_days: int = 90
    intelligence_unresolved: int = 2  # each open entry older than that, on top
    suspended: int = 25
    in_default: int = 15
    open_provider_concern: int = 25  # a provider concern (organisational safeguarding) open
    missed_return: int = 3  # each data return missed in the last 12 months (careqa.returns)
    medium_from: int = 25
    high_from: int = 50
    very_high_from: int = 75

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    # Not points but thresholds: a manager changes them too, on the same page.
    THRESHOLDS = (
        "inspection_older_than_months",
        "visit_older_than_months",
        "intelligence_older_than_days",
        "medium_from",
        "high_from",
        "very_high_from",
    )


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class IntelligenceFact:
    severity: str  # low, medium, high
    received_on: date


@dataclass(frozen=True)
class EnquiryFact:
    kind: str  # s42 or care_concern
    opened_on: date
    closed_on: date | None = None
    outcome: str = ""  # removed, reduced, remains


@dataclass(frozen=True)
class RiskInputs:
    """What the score is computed from, as plain values (careqa.risk.inputs reads them)."""

    service_id: int = 0
    rating: str | None = None  # the regulator's overall rating; None: not yet inspected
    rated_on: date | None = None
    key_question_ratings: tuple[str, ...] = ()  # the latest rating's key questions
    visit_judgement: str | None = None  # the council's latest issued visit judgement
    judged_on: date | None = None  # the day of that visit
    visited_on: date | None = None  # our latest visit carried out, reported or not
    overdue_actions: int = 0
    response_overdue: bool = False
    enquiries: tuple[EnquiryFact, ...] = ()
    intelligence: tuple[IntelligenceFact, ...] = ()  # open entries only
    suspended: bool = False
    in_default: bool = False
    commissioned: bool = True  # the "no recent visit" reason applies only to our services
    provider_concern: bool = False  # open about the service or its provider
    missed_returns: int = 0  # data returns missed in the last 12 months


@dataclass(frozen=True)
class Reason:
    words: str
    points: int

    def __str__(self):
        sign = "+" if self.points >= 0 else ""
        return f"{self.words} {sign}{self.points}"


@dataclass(frozen=True)
class RiskResult:
    score: int
    band: str
    reasons: tuple[Reason, ...] = field(default_factory=tuple)
    enough_evidence: bool = True


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (0 if later is not after)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(0, months)


def _ago(day: date, today: date) -> str:
    months = months_between(day, today)
    if months == 0:
        return "this month"
    return f"{months} month{'s' if months != 1 else ''} ago"


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def band_for(score: int, weights: Weights = DEFAULT_WEIGHTS) -> str:
    if score >= weights.very_high_from:
        return "very_high"
    if score >= weights.high_from:
        return "high"
    if score >= weights.medium_from:
        return "medium"
    return "low"


def _rating_reasons(inputs, w, today):
    reasons = []
    if inputs.rating is None:
        reasons.append(Reason("Not yet inspected by the regulator", w.not_yet_inspected))
        return reasons
    points = {
        "inadequate": w.rated_inadequate,
        "requires_improvement": w.rated_requires_improvement,
    }.get(inputs.rating, 0)
    when = f" {_ago(inputs.rated_on, today)}" if inputs.rated_on else ""
    if points:
        reasons.append(Reason(f"Rated {RATING_WORDS[inputs.rating]}{when}", points))
    inadequate = sum(1 for r in inputs.key_question_ratings if r == "inadequate")
    ri = sum(1 for r in inputs.key_question_ratings if r == "requires_improvement")
    if inadequate:
        reasons.append(
            Reason(
                f"{_count(inadequate, 'key question')} rated Inadequate",
                inadequate * w.key_question_inadequate,
            )
        )
    if ri:
        reasons.append(
            Reason(
                f"{_count(ri, 'key question')} rated Requires improvement",
                ri * w.key_question_requires_improvement,
            )
        )
    if inputs.rated_on and months_between(inputs.rated_on, today) > w.inspection_older_than_months:
        reasons.append(
            Reason(
                f"Last rated {_ago(inputs.rated_on, today)} "
                f"(more than {w.inspection_older_than_months} months)",
                w.old_inspection,
            )
        )
    return reasons


def _visit_reasons(inputs, w, today):
    reasons = []
    points = {
        "inadequate": w.visit_inadequate,
        "requires_improvement": w.visit_requires_improvement,
    }.get(inputs.visit_judgement or "", 0)
    if points:
        reasons.append(
            Reason(
                f"Our visit judged it {RATING_WORDS[inputs.visit_judgement]} "
                f"{_ago(inputs.judged_on or inputs.visited_on or today, today)}",
                points,
            )
        )
    if inputs.commissioned:
        if inputs.visited_on is None:
            reasons.append(Reason("Never visited by us", w.no_recent_visit))
        elif months_between(inputs.visited_on, today) >= w.visit_older_than_months:
            reasons.append(
                Reason(f"Last visited by us {_ago(inputs.visited_on, today)}", w.no_recent_visit)
            )
    return reasons


def _plan_reasons(inputs, w):
    reasons = []
    if inputs.overdue_actions:
        reasons.append(
            Reason(
                f"{_count(inputs.overdue_actions, 'overdue action')} on the action plan",
                inputs.overdue_actions * w.overdue_action,
            )
        )
    if inputs.response_overdue:
        reasons.append(Reason("The provider's action plan response is overdue", w.response_overdue))
    return reasons


def _enquiry_reasons(inputs, w, today):
    open_s42 = sum(1 for e in inputs.enquiries if e.closed_on is None and e.kind == "s42")
    open_cc = sum(1 for e in inputs.enquiries if e.closed_on is None and e.kind != "s42")
    recent = [
        e
        for e in inputs.enquiries
        if e.closed_on is not None and months_between(e.closed_on, today) < 12
    ]
    recent_s42 = sum(1 for e in recent if e.kind == "s42")
    remains = sum(1 for e in recent if e.outcome == "remains")
    reasons = []
    if open_s42:
        reasons.append(
            Reason(
                f"{_count(open_s42, 'open safeguarding enquiry', 'open safeguarding enquiries')}"
                " (section 42)",
                open_s42 * w.open_section_42,
            )
        )
    if open_cc:
        reasons.append(
            Reason(f"{_count(open_cc, 'open care concern')}", open_cc * w.open_care_concern)
        )
    if recent_s42:
        reasons.append(
            Reason(
                f"{_count(recent_s42, 'section 42 enquiry', 'section 42 enquiries')} "
                "closed in the last 12 months",
                recent_s42 * w.recent_section_42,
            )
        )
    if remains:
        reasons.append(
            Reason(
                f"{_count(remains, 'enquiry', 'enquiries')} closed in the last 12 months "
                "with the risk remaining",
                remains * w.risk_remains,
            )
        )
    return reasons


def _intelligence_reasons(inputs, w, today):
    reasons = []
    for severity, points in (
        ("high", w.intelligence_high),
        ("medium", w.intelligence_medium),
        ("low", w.intelligence_low),
    ):
        n = sum(1 for i in inputs.intelligence if i.severity == severity)
        if n:
            reasons.append(
                Reason(
                    f"{_count(n, 'open intelligence entry', 'open intelligence entries')} "
                    f"of {severity} severity",
                    n * points,
                )
            )
    old = sum(
        1
        for i in inputs.intelligence
        if (today - i.received_on).days > w.intelligence_older_than_days
    )
    if old:
        reasons.append(
            Reason(
                f"{_count(old, 'intelligence entry', 'intelligence entries')} open for more than "
                f"{w.intelligence_older_than_days} days",
                old * w.intelligence_unresolved,
            )
        )
    return reasons


def _contract_reasons(inputs, w):
    reasons = []
    if inputs.suspended:
        reasons.append(Reason("New placements suspended", w.suspended))
    if inputs.in_default:
        reasons.append(Reason("Contract in default", w.in_default))
    return reasons


def _concern_reasons(inputs, w):
    if inputs.provider_concern:
        return [Reason("Open provider concern", w.open_provider_concern)]
    return []


def _return_reasons(inputs, w):
    if not inputs.missed_returns:
        return []
    return [
        Reason(
            f"{_count(inputs.missed_returns, 'missed data return')} in the last 12 months",
            inputs.missed_returns * w.missed_return,
        )
    ]


def enough_evidence(inputs: RiskInputs) -> bool:
    """A service neither rated by its regulator nor judged on a visit of ours is too new
    to call safe: its band says so unless what we do know is already bad."""
    return inputs.rating is not None or inputs.visit_judgement is not None


def score(inputs: RiskInputs, *, today: date, weights: Weights = DEFAULT_WEIGHTS) -> RiskResult:
    reasons = [
        *_rating_reasons(inputs, weights, today),
        *_visit_reasons(inputs, weights, today),
        *_plan_reasons(inputs, weights),
        *_enquiry_reasons(inputs, weights, today),
        *_intelligence_reasons(inputs, weights, today),
        *_contract_reasons(inputs, weights),
        *_concern_reasons(inputs, weights),
        *_return_reasons(inputs, weights),
    ]
    reasons = [r for r in reasons if r.points]
    total = sum(r.points for r in reasons)
    if total > MAX_SCORE:
        reasons.append(Reason(f"Capped at {MAX_SCORE}", MAX_SCORE - total))
        total = MAX_SCORE
    band = band_for(total, weights)
    evidence = enough_evidence(inputs)
    if not evidence and band in ("low", "medium"):
        band = "not_enough_evidence"
    return RiskResult(score=total, band=band, reasons=tuple(reasons), enough_evidence=evidence)


def reasons_text(reasons) -> str:
    """The CSV's form: `words:+points` joined by `; `."""
    return "; ".join(f"{r.words}:{'+' if r.points >= 0 else ''}{r.points}" for r in reasons)
