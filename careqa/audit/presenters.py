"""Audit events as people read them: who, when, a sentence, and each change in words.

Labels and display values come from the audited model's fields (verbose names, choices,
dates), looked up by the event's record type, so a new audited model needs nothing here.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

from careqa.audit.models import AuditEvent

NOT_SET = "Not set"
# What someone without the permission for a sensitive field reads instead of its value.
WITHHELD = "Not shown (sensitive)"
# A sensitive "field" of this name guards the whole event: without its permission a person
# does not learn that the event (or its record) exists, as for restricted intelligence.
WHOLE_EVENT = "*"

# Fields whose values are too long to read inside a sentence.
_LONG_TEXT = (models.TextField, models.JSONField)


@dataclass(frozen=True, slots=True)
class PresentedEvent:
    when: datetime.datetime
    who: str
    sentence: str
    changes: list = field(default_factory=list)  # [(label, old, new)], display strings
    action: str = ""
    record_label: str = ""
    import_run_id: int | None = None
    note: str = ""


def present_events(events, *, user=None, import_names=None) -> list[PresentedEvent]:
    """Present audit events, newest first as given.

    Values of the events' sensitive fields are shown only if `user` holds the permission
    each names (left out, nobody's: they are withheld); an event guarded as a whole
    (WHOLE_EVENT) is left out for anyone without its permission. `import_names` maps an import
    run's id to how it is named ("CQC import #12"); left out, the runs the events mention
    are looked up in one query.
    """
    events = list(events)
    if import_names is None:
        import_names = _import_names({e.import_run_id for e in events if e.import_run_id})
    allowed = {}

    def may_see(permission):
        if permission not in allowed:
            allowed[permission] = _holds(user, permission)
        return allowed[permission]

    return [
        _present(event, import_names, may_see)
        for event in events
        if WHOLE_EVENT not in (event.sensitive or {}) or may_see(event.sensitive[WHOLE_EVENT])
    ]


def _holds(user, permission):
    from careqa.accounts.authz import has_permission
    from careqa.accounts.permissions import Permission

    try:
        return user is not None and has_permission(user, Permission(permission))
    except ValueError:  # a permission since retired: nobody holds it
        return False


def _present(event, import_names, may_see) -> PresentedEvent:
    model = _model_of(event.record_type)
    noun = model._meta.verbose_name if model else event.record_type.rpartition(".")[2]
    who = _who(event, import_names)
    withheld = {
        name
        for name, perm in (event.sensitive or {}).items()
        if name != WHOLE_EVENT and not may_see(perm)
    }
    changes = [
        (_label(model, name), WITHHELD, WITHHELD)
        if name in withheld
        else (_label(model, name), _display(model, name, old), _display(model, name, new))
        for name, (old, new) in _pairs(event.changes)
    ]
    return PresentedEvent(
        when=event.occurred_at,
        who=who,
        sentence=_sentence(event, model, noun, who, withheld),
        changes=changes,
        action=event.action,
        record_label=event.record_label,
        import_run_id=event.import_run_id,
        note=event.note,
    )


def _who(event, import_names):
    if event.import_run_id:
        run_name = import_names.get(event.import_run_id, f"Import #{event.import_run_id}")
        if event.actor_id is None:
            return run_name
        return f"{event.actor_name} ({run_name})"
    return event.actor_name or "System"


def _sentence(event, model, noun, who, withheld=()):
    action = event.action
    if action == AuditEvent.Action.CREATED:
        return f"{who} created this {noun}"
    if action == AuditEvent.Action.DEACTIVATED:
        return f"{who} deactivated this {noun}"
    if action == AuditEvent.Action.REACTIVATED:
        return f"{who} reactivated this {noun}"
    pairs = list(_pairs(event.changes))
    if not pairs:
        return f"{who} changed this {noun}"
    if len(pairs) == 1:
        name, (old, new) = pairs[0]
        label = _label(model, name).lower()
        if _is_long(model, name) or name in withheld:
            return f"{who} changed the {label}"
        if _empty(old):
            return f"{who} set the {label} to {_display(model, name, new)}"
        if _empty(new):
            return f"{who} removed the {label}"
        return (
            f"{who} changed the {label} from {_display(model, name, old)} "
            f"to {_display(model, name, new)}"
        )
    labels = [_label(model, name).lower() for name, _ in pairs]
    return f"{who} changed the {_join(labels)}"


def _pairs(changes):
    for name, values in (changes or {}).items():
        if isinstance(values, list | tuple) and len(values) == 2:
            yield name, tuple(values)
        else:
            yield name, (None, values)


def _join(words):
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _model_of(record_type):
    try:
        return apps.get_model(record_type)
    except (LookupError, ValueError):
        return None


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model, name):
    model_field = _field(model, name)
    if model_field is not None and getattr(model_field, "verbose_name", None):
        return capfirst(str(model_field.verbose_name))
    return capfirst(name.replace("_", " "))


def _is_long(model, name):
    return isinstance(_field(model, name), _LONG_TEXT)


def _empty(value):
    return value is None or value == "" or value == []


def _display(model, name, value) -> str:
    """A stored value as a person reads it: choice labels, GOV.UK dates, Yes/No."""
    if _empty(value):
        return NOT_SET
    # A model may say how its coded fields read (AUDIT_DISPLAY = {field: function}).
    words = getattr(model, "AUDIT_DISPLAY", {}).get(name)
    if words is not None:
        return words(value)
    if isinstance(value, list | tuple):
        return ", ".join(_display(model, name, item) for item in value)
    model_field = _field(model, name)
    if model_field is not None and model_field.choices:
        labels = {str(code): label for code, label in model_field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(value, bool) or isinstance(model_field, models.BooleanField):
        return "Yes" if value in (True, "True", "true") else "No"
    if isinstance(model_field, models.DateTimeField):
        return _display_datetime(value)
    if isinstance(model_field, models.TimeField):
        return _display_time(value)
    if isinstance(model_field, models.DateField):
        return _display_date(value)
    return str(value)


def _display_date(value):
    try:
        day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{day.day} {day:%B %Y}"


def _display_time(value):
    try:
        moment = value if isinstance(value, datetime.time) else datetime.time.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{moment.hour % 12 or 12}:{moment:%M}{'am' if moment.hour < 12 else 'pm'}"


def _display_datetime(value):
    try:
        moment = (
            value
            if isinstance(value, datetime.datetime)
            else datetime.datetime.fromisoformat(value)
        )
    except (TypeError, ValueError):
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    hour = moment.hour % 12 or 12
    meridiem = "am" if moment.hour < 12 else "pm"
    return f"{moment.day} {moment:%B %Y} at {hour}:{moment:%M}{meridiem}"


def _import_names(run_ids):
    if not run_ids:
        return {}
    # Looked up by name so the audit app does not depend on the regulators app.
    import_run = apps.get_model("regulators", "ImportRun")
    regulators = dict(import_run._meta.get_field("regulator").flatchoices)
    rows = import_run.objects.filter(pk__in=run_ids).values_list("pk", "regulator")
    return {
        pk: f"{regulators[regulator]} import #{pk}" if regulator in regulators else f"Import #{pk}"
        for pk, regulator in rows
    }
