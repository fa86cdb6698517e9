"""The audit trail: who changed which record, when, from what to what.

No foreign keys, so that an event outlives any change to the records it describes.
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

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self):
        return f"{self.actor_name} {self.action} {self.record_type} {self.record_id}"
