"""The provider portal's own records: notices to providers and the sharing log.

Reports, plans, suspensions and intelligence stay in their own apps; the portal only shows
them. Nothing here is deleted: a notice withdrawn or an entry no longer shared keeps its
row, so the provider can always be told what was shared with them and when.
"""

from django.conf import settings
from django.db import models

from careqa.areas.models import Council
from careqa.portal.vocab import NoticeKind, SharedKind
from careqa.providers.models import Provider, Service


class ProviderNotice(models.Model):
    """A notice the team sends to every provider of chosen service types in chosen areas."""

    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField()
    # ServiceType codes; every provider with an active service of one of them receives it.
    service_types = models.JSONField(default=list)
    councils = models.ManyToManyField(Council, related_name="+")
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"Notice: {self.title}"[:300]


class NoticeDocument(models.Model):
    """A document sent with a notice, stored through Django's storage API."""

    notice = models.ForeignKey(ProviderNotice, on_delete=models.PROTECT, related_name="documents")
    file = models.FileField(upload_to="notices/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class NoticeRecipient(models.Model):
    """A provider the notice went to, and when one of its users first read it."""

    notice = models.ForeignKey(ProviderNotice, on_delete=models.PROTECT, related_name="recipients")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+")
    first_read_at = models.DateTimeField(null=True, blank=True)
    first_read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["provider__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "provider"], name="notice_once_a_provider")
        ]

    def __str__(self):
        return f"{self.notice} to {self.provider}"


class SharingLogEntry(models.Model):
    """One thing the council shared with a provider's users: when, by whom, what.

    The provider's "What is shared" page lists these beside what they see by right (issued
    reports, their plans, suspensions and default notices addressed to them)."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=SharedKind.choices)
    # The record shared (an IntelligenceEntry, a ProviderNotice), by id: no foreign key, so
    # the log reads the same whatever happens to the record.
    record_id = models.BigIntegerField()
    label = models.CharField(max_length=300)
    shared_with = models.CharField(max_length=300)
    shared_at = models.DateTimeField()
    shared_by_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-shared_at", "-pk"]
        verbose_name_plural = "sharing log entries"
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "kind", "record_id"], name="shared_once_with_a_provider"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} shared with {self.shared_with}"
