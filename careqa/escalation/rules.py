"""The ladder's rules and the policy rule: pure functions, no database, the clock passed in."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from careqa.escalation.vocab import StepKind, StepStatus
from careqa.providers.vocab import ContractStatus

NO_DEFAULT_NOTICE = (
    "A contract can only be terminated after a default notice. Record a default notice "
    "first, or give the reason for terminating without one"
)
LIFT_CONDITIONS_UNMET = (
    "Not every condition for lifting is marked met. Mark them met, or give the reason for "
    "lifting the suspension before they are"
)


def review_date_error(review_on, today: datetime.date) -> str | None:
    """A review date is required, and cannot be in the past when a step is taken."""
    if review_on is None:
        return "Enter the review date"
    if review_on < today:
        return "Review date must be today or in the future"
    return None


def termination_error(*, had_default_notice: bool, override_reason: str) -> str | None:
    """A termination needs a prior default notice, unless a manager overrides with a reason."""
    if had_default_notice or override_reason.strip():
        return None
    return NO_DEFAULT_NOTICE


def lift_error(*, conditions_met: Iterable[bool], reason: str, unmet_reason: str) -> str | None:
    """Lifting needs a reason, and the conditions marked met or a reason they need not be."""
    if not reason.strip():
        return "Enter the reason"
    if not all(conditions_met) and not unmet_reason.strip():
        return LIFT_CONDITIONS_UNMET
    return None


def contract_status_for(current_kinds: Iterable[str]) -> str:
    """What the live contract says, from the steps currently in force on its service.

    A termination ends it; an open default notice outranks a suspension, as the
    register's standing does (careqa.providers.rules.SERIOUSNESS).
    """
    kinds = set(current_kinds)
    if StepKind.TERMINATION in kinds:
        return ContractStatus.TERMINATED
    if StepKind.DEFAULT_NOTICE in kinds:
        return ContractStatus.IN_DEFAULT
    if StepKind.SUSPENSION in kinds:
        return ContractStatus.SUSPENDED
    return ContractStatus.ACTIVE


def is_suspended(steps: Iterable[tuple[str, str]]) -> bool:
    """Whether any (kind, status) pair is a suspension still in force."""
    return any(k == StepKind.SUSPENSION and s == StepStatus.CURRENT for k, s in steps)


def review_overdue(review_on, today: datetime.date) -> bool:
    return review_on is not None and review_on < today


@dataclass(frozen=True)
class Policy:
    """The policy rule's settings: how many falls, from which ratings to which, since when."""

    falls: int = 3
    from_ratings: frozenset = frozenset({"good", "outstanding"})
    to_ratings: frozenset = frozenset({"requires_improvement", "inadequate"})
    period_years: int | None = None

    def since(self, today: datetime.date) -> datetime.date | None:
        if self.period_years is None:
            return None
        try:
            return today.replace(year=today.year - self.period_years)
        except ValueError:  # 29 February
            return today.replace(year=today.year - self.period_years, day=28)


def rating_falls(history, policy: Policy, today: datetime.date) -> list[datetime.date]:
    """The dates a rating history fell from one of the policy's first ratings to one of its
    second, oldest first; `history` is (rated_on, overall) in date order, withdrawn ratings
    left out. A rating outside both sets (such as Not rated) neither counts nor resets."""
    since = policy.since(today)
    scale = policy.from_ratings | policy.to_ratings
    falls = []
    previous = None
    for rated_on, overall in history:
        if overall not in scale:
            continue
        if previous in policy.from_ratings and overall in policy.to_ratings:
            if since is None or rated_on >= since:
                falls.append(rated_on)
        previous = overall
    return falls


def flagged_for_suspension(history, policy: Policy, today: datetime.date):
    """The falls' dates if the history meets the policy rule, otherwise None."""
    falls = rating_falls(history, policy, today)
    return falls if len(falls) >= policy.falls else None
