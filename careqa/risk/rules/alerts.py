"""When the team is told: a fall in rating, a rise in risk band, a review date passed.
Pure: the triggers in careqa.risk.alerts read the records and ask these."""

import datetime

from careqa.providers.vocab import RATING_RANK, Rating
from careqa.risk.vocab import Band

# "Not enough evidence" is no reassurance: a rise from it to medium or above is news, as
# a rise from low is (careqa.risk.rules.score marks a new service so, not as safe).
BAND_RANK = {
    Band.NOT_ENOUGH_EVIDENCE: 0,
    Band.LOW: 0,
    Band.MEDIUM: 1,
    Band.HIGH: 2,
    Band.VERY_HIGH: 3,
}
_BY_LABEL = {label: code for code, label in Rating.choices}


def rating_code(value: str) -> str:
    """A rating as the change events keep it (its label) or as a code, as a code."""
    return _BY_LABEL.get(value, value)


def rating_fell(old, new) -> bool:
    """The new overall rating is worse than the previous one; "not rated" or none on
    either side is no fall (a first rating is not a fall)."""
    old_rank, new_rank = RATING_RANK.get(rating_code(old)), RATING_RANK.get(rating_code(new))
    return old_rank is not None and new_rank is not None and new_rank < old_rank


def band_rose(old, new) -> bool:
    return old in BAND_RANK and new in BAND_RANK and BAND_RANK[new] > BAND_RANK[old]


def tell_managers_of_band(new) -> bool:
    """A rise to very high reaches the team's managers too, not only the lead officer."""
    return new == Band.VERY_HIGH


def review_passed(review_on: datetime.date | None, today: datetime.date) -> bool:
    """The review date is behind us (and no review has moved it on)."""
    return review_on is not None and review_on < today
