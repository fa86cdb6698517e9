"""Writing comparator groups, each change with its audit event in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction

from careqa.audit.actions import record_event
from careqa.audit.models import AuditEvent
from careqa.insights.models import ComparatorGroup, ComparatorGroupMember

_UNCHANGED = object()


def create_comparator_group(*, name, councils, description="", by) -> ComparatorGroup:
    """A new group of `councils` (in the order its tables show them)."""
    name = _clean_name(name)
    councils = _distinct(councils)
    with transaction.atomic():
        _check_name_free(name)
        group = ComparatorGroup.objects.create(
            name=name,
            description=(description or "").strip(),
            created_by=by if by is not None and not isinstance(by, str) else None,
        )
        _set_members(group, councils)
        record_event(
            obj=group,
            action=AuditEvent.Action.CREATED,
            changes={
                "name": (None, group.name),
                "description": (None, group.description),
                "councils": (None, [c.name for c in councils]),
            },
            by=by,
        )
    return group


def update_comparator_group(
    group, *, by, name=_UNCHANGED, councils=_UNCHANGED, description=_UNCHANGED
) -> ComparatorGroup:
    """Rename, re-describe or change the councils of a group; only what is given changes."""
    with transaction.atomic():
        group = ComparatorGroup.objects.select_for_update().get(pk=group.pk)
        before = _state(group)
        if name is not _UNCHANGED:
            group.name = _clean_name(name)
            if group.name.casefold() != before["name"].casefold() and group.active:
                _check_name_free(group.name, exclude=group.pk)
        if description is not _UNCHANGED:
            group.description = (description or "").strip()
        if councils is not _UNCHANGED:
            _set_members(group, _distinct(councils))
        group.save()
        after = _state(group)
        changes = {f: (before[f], after[f]) for f in after if before[f] != after[f]}
        if changes:
            record_event(obj=group, action=AuditEvent.Action.CHANGED, changes=changes, by=by)
    return group


def retire_comparator_group(group, *, by) -> ComparatorGroup:
    """Take a group out of use; reports that used it keep its name in their trail."""
    return _set_active(group, False, by=by)


def restore_comparator_group(group, *, by) -> ComparatorGroup:
    return _set_active(group, True, by=by)


def _set_active(group, active, *, by):
    with transaction.atomic():
        group = ComparatorGroup.objects.select_for_update().get(pk=group.pk)
        if group.active == active:
            return group
        if active:
            _check_name_free(group.name, exclude=group.pk)
        group.active = active
        group.save(update_fields=["active", "updated_at"])
        record_event(
            obj=group,
            action=AuditEvent.Action.REACTIVATED if active else AuditEvent.Action.DEACTIVATED,
            changes={"active": (not active, active)},
            by=by,
        )
    return group


def _clean_name(name):
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Enter a name for the group"})
    if len(name) > ComparatorGroup._meta.get_field("name").max_length:
        raise ValidationError({"name": "Name must be 120 characters or fewer"})
    return name


def _check_name_free(name, exclude=None):
    taken = ComparatorGroup.objects.filter(name__iexact=name, active=True)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ValidationError({"name": f"A group called '{name}' already exists"})


def _distinct(councils):
    seen, ordered = set(), []
    for council in councils:
        if council.pk not in seen:
            seen.add(council.pk)
            ordered.append(council)
    return ordered


def _set_members(group, councils):
    group.members.all().delete()
    ComparatorGroupMember.objects.bulk_create(
        ComparatorGroupMember(group=group, council=council, position=position)
        for position, council in enumerate(councils)
    )


def _state(group):
    return {
        "name": group.name,
        "description": group.description,
        "councils": [m.council.name for m in group.members.select_related("council")],
    }
