"""One place that answers 'may this person do this, to this record?'.

Staff roles see the whole register. Scoping is by object so that a later provider-portal
user (whose `scope_provider` is set) sees only the services of their own provider.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from careqa.accounts.permissions import Permission
from careqa.accounts.roles import PERMISSIONS


def has_permission(user, permission: Permission, obj=None) -> bool:
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if permission not in PERMISSIONS.get(user.role, frozenset()):
        return False
    if obj is not None and not in_scope(user, obj):
        return False
    return True


def in_scope(user, obj) -> bool:
    """Whether the record lies within what this user may see at all."""
    provider_id = getattr(user, "scope_provider_id", None)
    if provider_id is None:
        return True
    from careqa.providers.models import Provider, Service

    if isinstance(obj, Provider):
        return obj.pk == provider_id
    if isinstance(obj, Service):
        return obj.provider_id == provider_id
    service = getattr(obj, "service", None)  # contracts, ratings, and later visits
    return service is not None and service.provider_id == provider_id


def scope_services(user, queryset):
    """Narrow a queryset of services to those the user may see."""
    provider_id = getattr(user, "scope_provider_id", None)
    return queryset if provider_id is None else queryset.filter(provider_id=provider_id)


def require_permission(permission: Permission):
    """View decorator: 403 unless the signed-in user holds `permission`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_permission(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_permission = permission
        return wrapper

    return decorator
