"""The retention registry: which records hold personal details, how long each kind is kept
after its case or visit closes, and where copies of those details live.

An app whose records carry personal details registers them from its AppConfig.ready(), as
careqa/visits/retention.py does for people's views:

    retention.register(retention.Retained(
        key="visits.personview",
        category="people_views",          # the period: settings.CAREQA_RETENTION_DAYS[category]
        label="people's views",
        fields=("said",),                 # text fields whose values are replaced
        records=views_with_closing_day,   # a queryset annotated with `closed_on` (NULL: open)
        copies=redact_views_in_reports,   # optional: redacts copies kept elsewhere
    ))

`careqa apply-retention` (careqa.operations.actions.apply_retention) does the redacting.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet

from careqa.operations.rules import REDACTED_PREFIX

REGISTRY: dict[str, "Retained"] = {}


@dataclass(frozen=True)
class Retained:
    key: str
    category: str
    label: str
    fields: tuple[str, ...]
    records: Callable[[], QuerySet]
    # copies(records, *, on, by, note, dry_run) -> [str]: redacts (or, dry, only describes)
    # copies of these records' details held elsewhere, inside the caller's transaction.
    copies: Callable[..., list[str]] | None = None

    def keep_days(self, periods: dict | None = None) -> int:
        periods = settings.CAREQA_RETENTION_DAYS if periods is None else periods
        if self.category not in periods:
            raise LookupError(
                f"No retention period for {self.label}: add {self.category!r} to "
                "CAREQA_RETENTION_DAYS"
            )
        return int(periods[self.category])

    def candidates(self, cutoff: datetime.date) -> QuerySet:
        """Records closed on or before `cutoff` with something in their fields to redact."""
        left = Q()
        for name in self.fields:
            left |= ~(Q(**{f"{name}__startswith": REDACTED_PREFIX}) | Q(**{name: ""}))
        return self.records().filter(closed_on__lte=cutoff).filter(left).order_by("pk")


def register(retained: Retained) -> Retained:
    REGISTRY[retained.key] = retained
    return retained
