"""Reading the audit trail of one record."""

from careqa.audit.actions import record_type_of
from careqa.audit.models import AuditEvent


def events_for(obj):
    return AuditEvent.objects.filter(record_type=record_type_of(obj), record_id=obj.pk)


def events_for_records(record_type, record_ids):
    return AuditEvent.objects.filter(record_type=record_type, record_id__in=list(record_ids))


def trail_of_service(service_id):
    """Every event about a service, whichever record it was written against."""
    return AuditEvent.objects.filter(service_id=service_id)
