"""Who may see which visit, and which parts of it.

Staff with VIEW_VISITS see every visit and its drafts; commissioners and partners read
issued reports and judgements only; a partner named on a joint visit sees that visit.
Scope (a provider user's own services) comes from careqa.accounts.authz as for any record.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from careqa.accounts.authz import has_permission, in_scope
from careqa.accounts.permissions import Permission
from careqa.visits.models import Visit


def may_see_record(user, visit) -> bool:
    """The whole record: findings, drafts, people's views as written."""
    if has_permission(user, Permission.VIEW_VISITS, obj=visit):
        return True
    return has_permission(user, Permission.VIEW_ISSUED_REPORTS, obj=visit) and (
        visit.partners.filter(pk=user.pk).exists()
    )


def may_see_visit(user, visit) -> bool:
    return may_see_record(user, visit) or has_permission(
        user, Permission.VIEW_ISSUED_REPORTS, obj=visit
    )


def may_record(user, visit) -> bool:
    """Officers record their own visits and may help on others'; managers any."""
    return has_permission(user, Permission.RECORD_VISITS, obj=visit)


def load_visit(user, pk, *, record=False) -> Visit:
    """The visit, or 404 (also for another provider's); 403 if `record` is asked and the
    person may not see the whole record."""
    visit = get_object_or_404(
        Visit.objects.select_related("service", "service__provider", "lead_officer"), pk=pk
    )
    if not in_scope(user, visit) or not may_see_visit(user, visit):
        raise Http404("No such visit")
    if record and not may_see_record(user, visit):
        raise PermissionDenied
    return visit
