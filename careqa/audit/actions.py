"""Writing the audit trail, always inside the caller's transaction."""

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from careqa.audit.models import AuditEvent
from careqa.providers.subjects import subject_ids


def _plain(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return str(value)
    return value


def record_type_of(obj) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def actor_of(by):
    """(id, name) of whoever acted: a user, or a named process such as an import."""
    if by is None:
        return None, "System"
    if isinstance(by, str):
        return None, by
    return by.pk, by.get_full_name() or by.username


def diff(old: dict, new: dict) -> dict:
    return {
        field: [_plain(old.get(field)), _plain(value)]
        for field, value in new.items()
        if _plain(old.get(field)) != _plain(value)
    }


def build_event(
    *, obj, action, changes, by, import_run_id=None, note="", at=None, subject=None, sensitive=None
):
    """An unsaved event about `obj`.

    `subject` is the record the event is about when that is not `obj` itself or the
    service `obj` points at; `sensitive` maps field names to the permission needed to read
    their values (the model's AUDIT_SENSITIVE_FIELDS by default).
    """
    actor_id, actor_name = actor_of(by)
    service_id, provider_id = subject_ids(subject if subject is not None else obj)
    if sensitive is None:
        sensitive = getattr(obj, "AUDIT_SENSITIVE_FIELDS", {})
    return AuditEvent(
        occurred_at=at or timezone.now(),
        actor_id=actor_id,
        actor_name=actor_name,
        action=action,
        record_type=record_type_of(obj),
        record_id=obj.pk,
        record_label=str(obj)[:300],
        changes={k: [_plain(a), _plain(b)] for k, (a, b) in changes.items()},
        import_run_id=import_run_id,
        note=note,
        service_id=service_id,
        provider_id=provider_id,
        sensitive={name: str(permission) for name, permission in sensitive.items()},
    )


def record_event(**kwargs) -> AuditEvent:
    event = build_event(**kwargs)
    event.save()
    return event


def snapshot(obj, fields) -> dict:
    return {f: getattr(obj, f) for f in fields}
