"""From a visit's findings to judgements: one published rule, shown beside every result.

**An area's judgement** (one of CQC's 5 key questions, or one of Ofsted's 3 areas) comes
from the answers to its questions. Each applicable answer scores: met 1, partly met ½,
not met 0; "not applicable" answers are left out. The score is the total as a percentage
of the applicable questions, rounded half up to a whole number (87.5 becomes 88), and the
whole number is banded:

| Score     | Judgement            |
|-----------|----------------------|
| 88 to 100 | Outstanding          |
| 63 to 87  | Good                 |
| 39 to 62  | Requires improvement |
| 0 to 38   | Inadequate           |

There is no judgement while any question is unanswered, nor when none applies.

**The overall judgement** follows CQC's published principles for aggregating key
questions' ratings into an overall rating, applied in this order:

1. Any key question not judged yet: no overall judgement.
2. Two or more key questions Inadequate: Inadequate.
3. One key question Inadequate, or two or more Requires improvement: Requires improvement.
4. Two or more key questions Outstanding and the rest Good: Outstanding.
5. Otherwise (at most one Requires improvement, no Inadequate): Good.

CareQA applies the same principles to Ofsted's three areas. The officer may depart from
either rule's result with a reason (`departure_needs_reason`), and a judgement of
Requires improvement or Inadequate must be backed by evidence (`evidence_required`).
"""

import math
from dataclasses import dataclass
from enum import StrEnum

from careqa.providers.vocab import CQC_KEY_QUESTIONS, KEY_QUESTION_LABELS, RATING_RANK, Rating


class Answer(StrEnum):
    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"


ANSWER_LABELS = {
    Answer.MET: "Met",
    Answer.PARTLY_MET: "Partly met",
    Answer.NOT_MET: "Not met",
    Answer.NOT_APPLICABLE: "Not applicable",
}

# The lowest whole-number score of each band, best first.
BANDS = (
    (88, 100, Rating.OUTSTANDING),
    (63, 87, Rating.GOOD),
    (39, 62, Rating.REQUIRES_IMPROVEMENT),
    (0, 38, Rating.INADEQUATE),
)
JUDGEMENTS = (Rating.OUTSTANDING, Rating.GOOD, Rating.REQUIRES_IMPROVEMENT, Rating.INADEQUATE)

RULE_TEXT = (
    "Each area's judgement comes from its questions: met scores 1, partly met a half and "
    "not met 0; questions that do not apply are left out. The score is the percentage of "
    "the applicable questions, rounded half up to a whole number: 88 to 100 is "
    "Outstanding, 63 to 87 Good, 39 to 62 Requires improvement and 0 to 38 Inadequate. "
    "There is no judgement until every question is answered. "
    "The overall judgement follows CQC's principles: two or more areas Inadequate make it "
    "Inadequate; one Inadequate, or two or more Requires improvement, make it Requires "
    "improvement; two or more Outstanding with the rest Good make it Outstanding; "
    "otherwise it is Good. There is no overall judgement until every area is judged. "
    "An officer may depart from either result, giving a reason."
)


@dataclass(frozen=True)
class AreaResult:
    score: int | None  # 0 to 100, rounded half up; None: no judgement
    judgement: str | None  # a Rating value
    explanation: str
    percentage: float | None = None  # before rounding
    met: int = 0
    partly_met: int = 0
    not_met: int = 0
    not_applicable: int = 0
    unanswered: int = 0


@dataclass(frozen=True)
class OverallResult:
    judgement: str | None  # a Rating value
    explanation: str


def _label(judgement: str) -> str:
    return Rating(judgement).label


def band(score: int) -> str:
    """The judgement for a whole-number score from 0 to 100."""
    for low, high, judgement in BANDS:
        if low <= score <= high:
            return judgement.value
    raise ValueError(f"a score runs from 0 to 100, not {score}")


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _shown(percentage: float, score: int) -> str:
    """The percentage to one decimal place, or more where one would mislead.

    62.47 to one place reads 62.5, which seems to round to 63, not 62.
    """
    for places in range(1, 6):
        shown = f"{percentage:.{places}f}"
        if math.floor(float(shown) + 0.5) == score:
            break
    return shown.rstrip("0").removesuffix(".")


def area_judgement(answers: list[str | None]) -> AreaResult:
    """The judgement an area's answers lead to, with the working in words.

    An answer of None or "" is a question not answered yet.
    """
    counts = {answer: 0 for answer in Answer}
    unanswered = 0
    for answer in answers:
        if answer is None or answer == "":
            unanswered += 1
        else:
            counts[Answer(answer)] += 1
    met, partly, not_met, na = (counts[a] for a in Answer)
    tally = {
        "met": met,
        "partly_met": partly,
        "not_met": not_met,
        "not_applicable": na,
        "unanswered": unanswered,
    }
    if not answers:
        return AreaResult(None, None, "No questions to answer: no judgement", **tally)
    if unanswered:
        return AreaResult(
            None,
            None,
            f"{unanswered} of {_count(len(answers), 'question')} not answered yet: no "
            "judgement until every question is answered",
            **tally,
        )
    applicable = met + partly + not_met
    if not applicable:
        return AreaResult(None, None, "No question applies: no judgement", **tally)
    # Whole numbers only: twice the points over twice the questions, rounded half up.
    score = (200 * met + 100 * partly + applicable) // (2 * applicable)
    percentage = (200 * met + 100 * partly) / (2 * applicable)
    judgement = band(score)
    low, high = next((lo, hi) for lo, hi, j in BANDS if j == judgement)
    words = f"{met} of {_count(applicable, 'question')} met"
    if partly:
        words += f", {partly} partly met"
    if not_met:
        words += f", {not_met} not met"
    if na:
        words += f" ({na} not applicable)"
    shown = _shown(percentage, score)
    words += f": {shown}%"
    if percentage != score:
        words += f", rounded to {score}"
    words += f", which is {_label(judgement)} ({low} to {high})"
    return AreaResult(score, judgement, words, percentage, **tally)


def _names(keys: list[str]) -> str:
    labels = [KEY_QUESTION_LABELS.get(key, key) for key in keys]
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _are(keys: list[str], what: str) -> str:
    return f"{_names(keys)} {'is' if len(keys) == 1 else 'are'} {what}"


def overall_judgement(area_judgements: dict[str, str | None]) -> OverallResult:
    """The overall judgement the areas' judgements lead to, with the reason in words.

    Keys are CQC's key questions or Ofsted's areas (`CQC_KEY_QUESTIONS`, `OFSTED_AREAS`),
    in the order they are shown; values are Rating values, or None if not judged yet.
    """
    kind = "key question" if set(area_judgements) <= set(CQC_KEY_QUESTIONS) else "area"
    if not area_judgements:
        return OverallResult(None, f"No {kind}s have been judged yet")
    for key, judgement in area_judgements.items():
        if judgement is not None and judgement not in JUDGEMENTS:
            raise ValueError(f"{key}: {judgement!r} is not a judgement")
    unjudged = [key for key, j in area_judgements.items() if j is None]
    if unjudged:
        verb = "has" if len(unjudged) == 1 else "have"
        return OverallResult(None, f"{_names(unjudged)} {verb} not been judged yet")

    def those(rating):
        return [key for key, j in area_judgements.items() if j == rating]

    inadequate = those(Rating.INADEQUATE)
    requires = those(Rating.REQUIRES_IMPROVEMENT)
    outstanding = those(Rating.OUTSTANDING)
    if len(inadequate) >= 2:
        return OverallResult(
            Rating.INADEQUATE.value,
            f"{_are(inadequate, 'Inadequate')}: two or more {kind}s Inadequate make the "
            "overall judgement Inadequate",
        )
    if inadequate:
        return OverallResult(
            Rating.REQUIRES_IMPROVEMENT.value,
            f"{_are(inadequate, 'Inadequate')}: one {kind} Inadequate makes the overall "
            "judgement Requires improvement",
        )
    if len(requires) >= 2:
        return OverallResult(
            Rating.REQUIRES_IMPROVEMENT.value,
            f"{_are(requires, 'Requires improvement')}: two or more {kind}s Requires "
            "improvement make the overall judgement Requires improvement",
        )
    if len(outstanding) >= 2 and not requires:
        return OverallResult(
            Rating.OUTSTANDING.value,
            f"{_are(outstanding, 'Outstanding')} and the rest Good: two or more {kind}s "
            "Outstanding, with the rest Good, make the overall judgement Outstanding",
        )
    if requires:
        return OverallResult(
            Rating.GOOD.value,
            f"{_are(requires, 'Requires improvement')} and none is Inadequate: one {kind} "
            "Requires improvement alone leaves the overall judgement Good",
        )
    return OverallResult(
        Rating.GOOD.value,
        f"Every {kind} is Good or Outstanding, fewer than two Outstanding: the overall "
        "judgement is Good",
    )


def departure_needs_reason(rule: str | None, chosen: str | None) -> bool:
    """Whether the officer's chosen judgement departs from the rule's, needing a reason."""
    return chosen is not None and chosen != rule


def evidence_required(judgement: str | None) -> bool:
    """Whether a judgement must be backed by evidence: Requires improvement or worse."""
    return judgement in (Rating.REQUIRES_IMPROVEMENT, Rating.INADEQUATE)


def rank(judgement: str | None) -> int:
    """Higher is better (Inadequate 1 to Outstanding 4); 0 for no judgement."""
    return RATING_RANK.get(judgement, 0) if judgement is not None else 0
