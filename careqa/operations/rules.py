"""The retention policy's rules: when a record's personal details are due for redaction,
and the words that replace them. Pure functions: no database, no clock of their own."""

import datetime

REDACTED_PREFIX = "[redacted under the retention policy on "


def redaction_cutoff(today: datetime.date, keep_days: int) -> datetime.date:
    """The latest closing day whose records are due for redaction on `today`."""
    if keep_days < 0:
        raise ValueError("A retention period cannot be negative")
    return today - datetime.timedelta(days=keep_days)


def redaction_due_on(closed_on: datetime.date | None, keep_days: int) -> datetime.date | None:
    """The first day a record closed on `closed_on` is due; None while it is still open."""
    if closed_on is None:
        return None
    return closed_on + datetime.timedelta(days=keep_days)


def is_due_for_redaction(
    closed_on: datetime.date | None, *, keep_days: int, today: datetime.date
) -> bool:
    """Whether a record closed on `closed_on` (None: still open) has been kept long enough.

    A record is kept for `keep_days` whole days after it closes and redacted from then on;
    a record that has not closed is never due, however old.
    """
    return closed_on is not None and closed_on <= redaction_cutoff(today, keep_days)


def redaction_text(on: datetime.date) -> str:
    return f"{REDACTED_PREFIX}{on.day} {on:%B %Y}]"


def is_redacted(value) -> bool:
    """Whether a value holds nothing left to redact: already redacted, or empty."""
    return not value or (isinstance(value, str) and value.startswith(REDACTED_PREFIX))


def redacted(value, on: datetime.date):
    """`value` with its personal details replaced; a value redacted before keeps its date."""
    return value if is_redacted(value) else redaction_text(on)
