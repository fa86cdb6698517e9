"""`{% if user|can:"view_imports" %}`: the role check of careqa.accounts.authz in templates,
loaded on every page (settings: builtins)."""

from django import template

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission

register = template.Library()


@register.filter
def can(user, permission) -> bool:
    return has_permission(user, Permission(permission))
