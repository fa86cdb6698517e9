"""Configuring this installation's council: its name and the local authorities of its area."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from careqa.areas.models import CouncilProfile
from careqa.audit.actions import record_event
from careqa.audit.models import AuditEvent

# The page header reads the name through this cache key (see context_processors.py).
COUNCIL_NAME_CACHE_KEY = "careqa:council-name"


def configure_council(*, name, our_area, by) -> CouncilProfile:
    """Set the council's name and 'our area'; the first call creates the profile."""
    name = (name or "").strip()
    councils = sorted(set(our_area), key=lambda council: (council.name, council.pk))
    with transaction.atomic():
        profile = CouncilProfile.objects.select_for_update().order_by("pk").first()
        created = profile is None
        if created:
            profile = CouncilProfile(name=name)
            before = {"name": None, "our_area": None}
        else:
            before = {"name": profile.name, "our_area": _area_names(profile.our_area.all())}
            profile.name = name
        try:
            profile.full_clean()
        except ValidationError as error:
            raise ValidationError(error.message_dict) from None
        after = {"name": name, "our_area": [council.name for council in councils]}
        changes = {field: (before[field], after[field]) for field in after}
        if not created:
            changes = {field: pair for field, pair in changes.items() if pair[0] != pair[1]}
        if not changes:
            return profile
        profile.save()
        profile.our_area.set(councils)
        record_event(
            obj=profile,
            action=AuditEvent.Action.CREATED if created else AuditEvent.Action.CHANGED,
            changes=changes,
            by=by,
        )
        transaction.on_commit(lambda: cache.delete(COUNCIL_NAME_CACHE_KEY))
    return profile


def _area_names(councils):
    return [council.name for council in sorted(councils, key=lambda c: (c.name, c.pk))]
