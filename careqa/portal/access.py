"""Loaders for the provider's pages: the record from the user's scoped set, or 404.

A provider user asking for another provider's record, a draft report, a proposed step or
an entry not shared with them gets 404, as if it did not exist, whatever URL is typed.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from careqa.accounts.authz import in_scope, scope_records
from careqa.plans.models import Attachment, PlanItem
from careqa.portal import queries
from careqa.portal.models import NoticeDocument


def _get(queryset, pk):
    return get_object_or_404(queryset, pk=pk)


def load_service(user, pk):
    return _get(queries.services(user), pk)


def load_report(user, pk):
    return _get(queries.issued_reports(user), pk)


def load_plan(user, pk):
    return _get(queries.plans(user), pk)


def load_item(user, pk):
    items = PlanItem.objects.select_related("plan", "plan__service")
    return _get(scope_records(user, items), pk)


def load_attachment(user, pk):
    return _get(scope_records(user, Attachment.objects.select_related("item__plan")), pk)


def load_notice(user, pk):
    return _get(queries.notices(user), pk)


def load_notice_document(user, pk):
    document = _get(NoticeDocument.objects.select_related("notice"), pk)
    if not queries.notices(user).filter(pk=document.notice_id).exists():
        raise Http404("No such document")
    return document


def load_provider_user(staff, pk):
    """For the team: a provider user (any provider), or 404."""
    from careqa.accounts.models import User
    from careqa.accounts.roles import Role

    user = _get(User.objects.filter(role=Role.PROVIDER).select_related("scope_provider"), pk)
    if not in_scope(staff, user.scope_provider or user):
        raise Http404("No such user")
    return user
