"""Reads of intelligence, enquiries and scores, always narrowed to what the person may
see: an entry reaches only people whose role may read its sharing level."""

from django.db.models import Q

from careqa.accounts.authz import has_permission, scope_records
from careqa.accounts.permissions import Permission
from careqa.accounts.roles import PERMISSIONS
from careqa.risk.models import IntelligenceEntry, SafeguardingEnquiry, ServiceRisk
from careqa.risk.rules.sharing import levels_for
from careqa.risk.vocab import OPEN_ENTRY_STATUSES


def readable_levels(user) -> set[int]:
    if not user or not user.is_authenticated or not user.is_active:
        return set()
    return levels_for({str(p) for p in PERMISSIONS.get(user.role, frozenset())})


def visible_entries(user):
    """Every entry `user` may read: at a level their role reads, within their scope."""
    levels = readable_levels(user)
    if not levels:
        return IntelligenceEntry.objects.none()
    entries = IntelligenceEntry.objects.filter(sharing__in=levels).select_related(
        "service", "provider"
    )
    if not has_permission(user, Permission.VIEW_REGISTER):
        return entries.none()
    # Provider users hold no level; staff are not limited to a provider.
    return scope_records(user, entries) if user.scope_provider_id else entries


def entries_about(service, user):
    """The entries about `service` or its provider that `user` may read."""
    about = Q(service=service)
    if service.provider_id:
        about |= Q(service__isnull=True, provider_id=service.provider_id)
    return visible_entries(user).filter(about)


def open_entries(user):
    return visible_entries(user).filter(status__in=OPEN_ENTRY_STATUSES)


def may_read(user, entry) -> bool:
    return entry.sharing in readable_levels(user) and has_permission(
        user, entry.permission, obj=entry.service or entry.provider
    )


def enquiries(user):
    if not has_permission(user, Permission.VIEW_SAFEGUARDING):
        return SafeguardingEnquiry.objects.none()
    return scope_records(user, SafeguardingEnquiry.objects.select_related("service"))


def who_to_visit_next():
    """Our commissioned services, the riskiest first, with their scores."""
    from careqa.visits.planning_inputs import commissioned_services

    return (
        ServiceRisk.objects.filter(service__in=commissioned_services())
        .select_related("service", "service__provider")
        .order_by("-score", "service__name", "service_id")
    )


def scores_for_export():
    return ServiceRisk.objects.select_related("service").order_by("-score", "service_id")


def concerns(user):
    """The provider concerns `user` may know of, open ones first, newest first."""
    from django.db.models import Case, IntegerField, Value, When

    from careqa.risk.models import ProviderConcern
    from careqa.risk.vocab import ConcernStatus

    if not has_permission(user, Permission.VIEW_PROVIDER_CONCERNS):
        return ProviderConcern.objects.none()
    order = Case(
        When(status=ConcernStatus.OPEN, then=Value(0)),
        When(status=ConcernStatus.MEETING_HELD, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        ProviderConcern.objects.select_related("service", "provider", "lead_officer")
        .annotate(open_first=order)
        .order_by("open_first", "-opened_on", "-pk")
    )


def concerns_about(service, user):
    """The provider concerns about `service` or its provider that `user` may know of."""
    about = Q(service=service)
    if service.provider_id:
        about |= Q(service__isnull=True, provider_id=service.provider_id)
    return concerns(user).filter(about)
