"""Loaders for the plans' pages: fetch-or-404 (also for another provider's record), then
403 unless the person holds the permission for that record (careqa.accounts.authz)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from careqa.accounts.authz import has_permission, in_scope
from careqa.accounts.permissions import Permission
from careqa.plans.models import ActionPlan, Attachment, PlanItem, Response


def _load(user, queryset, pk, permission):
    record = get_object_or_404(queryset, pk=pk)
    if not in_scope(user, record):
        raise Http404("No such record")
    if not has_permission(user, permission, obj=record):
        raise PermissionDenied
    return record


def load_plan(user, pk, *, run=False) -> ActionPlan:
    permission = Permission.RUN_ACTION_PLANS if run else Permission.VIEW_ACTION_PLANS
    return _load(
        user, ActionPlan.objects.select_related("service", "service__provider"), pk, permission
    )


def load_item(user, pk, *, permission=Permission.RUN_ACTION_PLANS) -> PlanItem:
    queryset = PlanItem.objects.select_related("plan", "plan__service", "plan__service__provider")
    return _load(user, queryset, pk, permission)


def load_response(user, pk) -> Response:
    queryset = Response.objects.select_related("plan", "plan__service", "entered_by")
    return _load(user, queryset, pk, Permission.RUN_ACTION_PLANS)


def load_attachment(user, pk) -> Attachment:
    queryset = Attachment.objects.select_related("item__plan__service")
    return _load(user, queryset, pk, Permission.VIEW_ACTION_PLANS)
