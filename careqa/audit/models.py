"""The audit trail: who changed which record, when, from what to what, and which service
(and provider) it was about.

No foreign keys, so that an event outlives any change to the records it describes. The
subject (service and provider ids) lets a service's trail be one indexed query however
many kinds of record feed it: a contract, a visit, a finding, a suspension.
"""

from django.db import models


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", "Created"
        CHANGED = "changed", "Changed"
        DEACTIVATED = "deactivated", "Deactivated"
        REACTIVATED = "reactivated", "Reactivated"

    occurred_at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=200)
    action = models.CharField(max_length=20, choices=Action.choices)
    record_type = models.CharField(max_length=60)
    record_id = models.BigIntegerField()
    record_label = models.CharField(max_length=300)
    # {field: [old, new]}; for a created record, {field: [None, value]}.
    changes = models.JSONField(default=dict)
    import_run_id = models.BigIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    # What the record is about (careqa.providers.subjects), as plain ids.
    service_id = models.BigIntegerField(null=True, blank=True)
    provider_id = models.BigIntegerField(null=True, blank=True)
    # {field: permission}: values of these fields are shown only to people who hold the
    # permission for the subject (a safeguarding note, say); the rest see that it changed.
    sensitive = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["record_type", "record_id"]),
            models.Index(fields=["service_id", "occurred_at"], name="audit_service_trail"),
            models.Index(fields=["provider_id", "occurred_at"], name="audit_provider_trail"),
        ]

    def __str__(self):
        return f"{self.actor_name} {self.action} {self.record_type} {self.record_id}"
