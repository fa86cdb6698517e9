"""Applying the retention policy: redacting personal details that have been kept long enough.

Rows are never deleted: the chosen text fields are replaced with "[redacted under the
retention policy on DATE]", so counts, dates, roles and sentiments still add up. The values
the audit trail holds for those fields are redacted too (they are copies of the same
details), and each redaction writes an audit event of its own, in the same transaction.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from careqa.audit.actions import build_event, record_type_of
from careqa.audit.models import AuditEvent
from careqa.operations import retention
from careqa.operations.rules import (
    is_due_for_redaction,
    is_redacted,
    redacted,
    redaction_cutoff,
    redaction_due_on,
)

POLICY_ACTOR = "Retention policy"
# What a redaction event shows as the value it replaced (the value itself is gone).
REMOVED = "(removed under the retention policy)"


@dataclass(frozen=True)
class Redaction:
    retained: retention.Retained
    record: object
    closed_on: datetime.date
    due_on: datetime.date
    fields: tuple[str, ...]


@dataclass
class RetentionRun:
    today: datetime.date
    dry_run: bool
    redactions: list[Redaction] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)


def due_redactions(*, today: datetime.date, periods: dict | None = None) -> list[Redaction]:
    """Every registered record whose retention period has run out and that still holds
    details to redact, oldest closing first within each kind."""
    due = []
    for retained in retention.REGISTRY.values():
        keep_days = retained.keep_days(periods)
        for record in retained.candidates(redaction_cutoff(today, keep_days)):
            closed_on = record.closed_on
            if not is_due_for_redaction(closed_on, keep_days=keep_days, today=today):
                continue
            fields = tuple(f for f in retained.fields if not is_redacted(getattr(record, f)))
            if fields:
                due.append(
                    Redaction(
                        retained=retained,
                        record=record,
                        closed_on=closed_on,
                        due_on=redaction_due_on(closed_on, keep_days),
                        fields=fields,
                    )
                )
    return due


def apply_retention(
    *, today: datetime.date, by=POLICY_ACTOR, dry_run=False, periods: dict | None = None
) -> RetentionRun:
    """Redact what is due on `today` (all or nothing); `dry_run` only lists it."""
    run = RetentionRun(today=today, dry_run=dry_run)
    with transaction.atomic():
        run.redactions = due_redactions(today=today, periods=periods)
        by_kind: dict[str, list[Redaction]] = {}
        for redaction in run.redactions:
            by_kind.setdefault(redaction.retained.key, []).append(redaction)
        for redactions in by_kind.values():
            retained = redactions[0].retained
            note = _note(retained, periods)
            if not dry_run:
                _redact(redactions, on=today, by=by, note=note)
            if retained.copies is not None:
                run.copies += retained.copies(
                    [r.record for r in redactions], on=today, by=by, note=note, dry_run=dry_run
                )
    return run


def _note(retained, periods):
    return (
        f"Redacted under the retention policy: {retained.label} are kept "
        f"{retained.keep_days(periods)} days after the case or visit closes"
    )[:300]


def _redact(redactions, *, on, by, note):
    model = type(redactions[0].record)
    record_type = record_type_of(redactions[0].record)
    events = []
    for redaction in redactions:
        record = redaction.record
        for name in redaction.fields:
            setattr(record, name, redacted(getattr(record, name), on))
        # update_fields: nothing else about the record changes (no auto_now dates either).
        model.objects.filter(pk=record.pk).update(
            **{f: getattr(record, f) for f in redaction.fields}
        )
        events.append(
            build_event(
                obj=record,
                action=AuditEvent.Action.CHANGED,
                changes={name: (REMOVED, getattr(record, name)) for name in redaction.fields},
                by=by,
                note=note,
                sensitive={},
            )
        )
    fields_of = {r.record.pk: r.fields for r in redactions}
    redact_audit_values(record_type, fields_of, on=on)
    AuditEvent.objects.bulk_create(events)


def redact_audit_values(record_type: str, fields_of: dict, *, on: datetime.date) -> int:
    """Redact the values of `fields_of[record_id]` in the audit trail of those records: the
    events stay (who did what, when), the personal details in them go."""
    changed = []
    events = AuditEvent.objects.filter(record_type=record_type, record_id__in=list(fields_of))
    for event in events.iterator():
        changes = dict(event.changes or {})
        touched = False
        for name in fields_of[event.record_id]:
            if name in changes:
                old = changes[name]
                new = [redacted(v, on) for v in old] if isinstance(old, list) else redacted(old, on)
                if new != old:
                    changes[name] = new
                    touched = True
        if touched:
            event.changes = changes
            changed.append(event)
    AuditEvent.objects.bulk_update(changed, ["changes"], batch_size=500)
    return len(changed)
