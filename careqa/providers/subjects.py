"""What a record is about: the service, and so the provider, that any record points at.

Every record about a care service points at it, directly (`service`) or through another
record (a finding → its visit → its service). A model says how with `SERVICE_PATH`, a
Django lookup path such as "visit__service"; a model with a `service` foreign key needs
nothing. Permissions (careqa.accounts.authz) and the audit trail's subject read it here, so
a new kind of record joins both without editing either.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q


def service_path(model) -> str | None:
    """The lookup path from `model` to its service, or None if it is not about one."""
    from careqa.providers.models import Service

    if model is Service:
        return ""
    declared = getattr(model, "SERVICE_PATH", None)
    if declared is not None:
        return declared
    try:
        field = model._meta.get_field("service")
    except (AttributeError, FieldDoesNotExist):  # not a model, or no service field
        return None
    return "service" if getattr(field, "related_model", None) is Service else None


def service_of(obj):
    """The service `obj` is about (the service itself for a service), or None."""
    path = service_path(type(obj))
    if path is None:
        return None
    for hop in filter(None, path.split("__")):
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return obj


def subject_ids(obj) -> tuple[int | None, int | None]:
    """(service id, provider id) of what `obj` is about; (None, None) if neither."""
    from careqa.providers.models import Provider

    if isinstance(obj, Provider):
        return None, obj.pk
    service = service_of(obj)
    if service is None:
        return None, None
    return service.pk, service.provider_id


def provider_id_of(obj) -> int | None:
    return subject_ids(obj)[1]


def of_provider(model, provider_id) -> Q | None:
    """A filter on `model` for the records of one provider's services; None when `model` is
    not about a service or a provider."""
    from careqa.providers.models import Provider

    if model is Provider:
        return Q(pk=provider_id)
    path = service_path(model)
    if path is None:
        return None
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}provider_id": provider_id})
