"""One place that answers 'may this person do this, to this record?'.

A role grants permissions (roles.py). Staff roles reach the whole register; a provider
user reaches only their own provider's services and the records about them. What a record
is about comes from careqa.providers.subjects, so a new kind of record (a visit, a
finding, an action plan) is scoped the moment it points at a service, with no change here
or in the views.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from careqa.accounts.permissions import Permission
from careqa.accounts.roles import PERMISSIONS, PROVIDER_ROLES


def has_permission(user, permission: Permission, obj=None) -> bool:
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if permission not in PERMISSIONS.get(user.role, frozenset()):
        return False
    if obj is not None and not in_scope(user, obj):
        return False
    return True


def scoped_provider_id(user):
    """The provider a provider user is limited to; None for staff (no limit).

    A provider user with no provider set reaches nothing: -1 matches no record.
    """
    if getattr(user, "role", None) in PROVIDER_ROLES:
        return user.scope_provider_id or -1
    return getattr(user, "scope_provider_id", None)


def scoped_service_ids(user) -> frozenset | None:
    """The named services a provider user is limited to, within their provider; None when
    they reach all of its services (or are staff). Read once a request (kept on the user)."""
    if getattr(user, "role", None) not in PROVIDER_ROLES or not user.pk:
        return None
    cached = getattr(user, "_careqa_scope_services", False)
    if cached is False:
        ids = frozenset(user.scope_services.values_list("pk", flat=True))
        cached = user._careqa_scope_services = ids or None
    return cached


def in_scope(user, obj) -> bool:
    """Whether the record lies within what this user may see at all."""
    provider_id = scoped_provider_id(user)
    if provider_id is None:
        return True
    from careqa.providers.models import Provider
    from careqa.providers.subjects import subject_ids

    service_id, record_provider_id = subject_ids(obj)
    if record_provider_id != provider_id:
        return False
    services = scoped_service_ids(user)
    # A record about the whole provider (not one service) is theirs too.
    return services is None or isinstance(obj, Provider) or service_id in services


def scope_records(user, queryset):
    """Narrow a queryset of any record about a service (or of providers) to the user's."""
    provider_id = scoped_provider_id(user)
    if provider_id is None:
        return queryset
    from careqa.providers.models import Provider
    from careqa.providers.subjects import of_provider, service_path

    condition = of_provider(queryset.model, provider_id)
    if condition is None:
        return queryset.none()
    queryset = queryset.filter(condition)
    services = scoped_service_ids(user)
    if services is not None and queryset.model is not Provider:
        path = service_path(queryset.model)
        queryset = queryset.filter(**{f"{path}__pk__in" if path else "pk__in": services})
    return queryset


def require_permission(permission: Permission):
    """View decorator: 403 unless the signed-in user holds `permission`.

    The permission is kept on the view (`required_permission`), so the test that walks
    every URL for every persona knows what each page demands.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_permission(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_permission = permission
        return wrapper

    return decorator


def signed_in_only(view):
    """View decorator for a page anyone signed in may use (their own password, say);
    declares it, so the URL walk knows the page is open to every role on purpose."""
    view.required_permission = None
    return view
