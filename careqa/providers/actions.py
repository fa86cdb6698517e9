"""Writing the register: our contracts with services and our own names for services, each
change validated and audited.

A contract is never deleted: ending one is an update of its status to terminated, so the
record and its history stay.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from careqa.audit.actions import record_event, snapshot
from careqa.audit.models import AuditEvent
from careqa.providers.models import Contract, Service
from careqa.providers.rules import status_change_error
from careqa.providers.vocab import ContractStatus

# The fields a person may set; everything else on a contract is the system's.
CONTRACT_FIELDS = (
    "framework",
    "reference",
    "start_date",
    "end_date",
    "status",
    "funded_placements",
    "notes",
)


def create_contract(*, service, by, **fields) -> Contract:
    """Record a new contract for `service`; raise ValidationError if it is not valid."""
    _check_field_names(fields)
    contract = Contract(service=service, **fields)
    with transaction.atomic():
        _validate(contract, before_status=None)
        contract.save()
        values = {"service": service, **snapshot(contract, CONTRACT_FIELDS)}
        record_event(
            obj=contract,
            action=AuditEvent.Action.CREATED,
            changes={field: (None, value) for field, value in values.items()},
            by=by,
        )
    return contract


def update_contract(*, contract, by, **fields) -> Contract:
    """Change a contract's fields, its status between active and ended included (suspended
    and in default are the escalation ladder's: set_contract_status); an unchanged
    submission writes nothing."""
    _check_field_names(fields)
    with transaction.atomic():
        # Lock the row and start from what is stored, so the audit's "old" values are true
        # even if someone else saved the contract since this one was loaded.
        current = Contract.objects.select_for_update().get(pk=contract.pk)
        before = snapshot(current, fields)
        before_status = current.status
        for field, value in fields.items():
            setattr(current, field, value)
        _validate(current, before_status=before_status)
        changed = {
            field: (before[field], getattr(current, field))
            for field in fields
            if before[field] != getattr(current, field)
        }
        if changed:
            current.save(update_fields=[*changed, "updated_at"])
            record_event(obj=current, action=AuditEvent.Action.CHANGED, changes=changed, by=by)
    for field in CONTRACT_FIELDS:
        setattr(contract, field, getattr(current, field))
    contract.updated_at = current.updated_at
    return contract


def set_contract_status(*, contract, status, by, note="") -> Contract:
    """Set a contract's status as an escalation step decides it (a suspension, a default
    notice, a termination, a lifting), audited with the step's words as the note; call it
    inside the step's own transaction, so the contract and the ladder never disagree."""
    with transaction.atomic():
        current = Contract.objects.select_for_update().get(pk=contract.pk)
        before = current.status
        if before != status:
            current.status = ContractStatus(status).value
            current.save(update_fields=["status", "updated_at"])
            record_event(
                obj=current,
                action=AuditEvent.Action.CHANGED,
                changes={"status": (before, current.status)},
                by=by,
                note=note[:300],
            )
    contract.status = current.status
    contract.updated_at = current.updated_at
    return contract


def _check_field_names(fields):
    unknown = set(fields) - set(CONTRACT_FIELDS)
    if unknown:
        raise TypeError(f"not contract fields: {', '.join(sorted(unknown))}")


def _validate(contract, *, before_status):
    errors = {}
    try:
        contract.full_clean(exclude=["service"])
    except ValidationError as error:
        errors.update(error.message_dict)
    dates_error = end_date_error(contract.start_date, contract.end_date)
    if dates_error and "end_date" not in errors:
        errors["end_date"] = [dates_error]
    status_error = status_change_error(before_status, contract.status)
    if status_error and "status" not in errors:
        errors["status"] = [status_error]
    if errors:
        raise ValidationError(errors)


def end_date_error(start_date, end_date) -> str | None:
    """The rule for a contract's dates: it cannot end before it starts."""
    if start_date and end_date and end_date < start_date:
        return "End date must be the same as or after the start date"
    return None


def set_local_name(*, service, local_name, by) -> Service:
    """Give a service the team's own name (or clear it with ""); the regulator's stays."""
    local_name = " ".join((local_name or "").split())
    with transaction.atomic():
        current = Service.objects.select_for_update().get(pk=service.pk)
        before = current.local_name
        try:
            Service._meta.get_field("local_name").clean(local_name, current)
        except ValidationError as error:
            raise ValidationError({"local_name": error.messages}) from None
        current.local_name = local_name
        if before != local_name:
            current.save(update_fields=["local_name", "updated_at"])
            record_event(
                obj=current,
                action=AuditEvent.Action.CHANGED,
                changes={"local_name": (before, local_name)},
                by=by,
            )
    service.local_name = current.local_name
    return service
