"""Every e-mail CareQA sends, kept in the application whatever happens to the e-mail."""

from django.db import models


class Notice(models.Model):
    """One message to one address: what was sent, and whether the mail server took it.

    The notice is written in the same transaction as the change it tells of, so it exists
    whenever that change does; delivery is the job queue's (careqa.notify.tasks).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    recipient = models.EmailField(max_length=254)
    # Plain id, no foreign key: the notice outlives any change to the account.
    recipient_user_id = models.BigIntegerField(null=True, blank=True)
    subject = models.CharField(max_length=200)
    template_name = models.CharField(max_length=100)
    body_text = models.TextField()
    body_html = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient_user_id", "created_at"])]

    def __str__(self):
        return f"{self.subject} to {self.recipient}"


class Alert(models.Model):
    """A notice to one person in the application (their "Notices" inbox): what happened,
    and a link to the record, which checks its own permission when it is opened.

    Written in the caller's transaction; its e-mail (a Notice) follows after commit. `key`
    names what it tells of (a change event, a review date), so a trigger that runs again
    never tells the same person twice.
    """

    user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="alerts")
    subject = models.CharField(max_length=200)
    text = models.TextField()
    link = models.CharField(max_length=500, blank=True)
    key = models.CharField(max_length=120, blank=True)
    # Plain id: the service it is about, for the record only.
    service_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The header's unread count, on every page: one index-only count.
            models.Index(fields=["user", "read_at"], name="alert_unread"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="alert_once_per_key"
            )
        ]

    def __str__(self):
        return f"Notice {self.pk}"  # the audit trail keeps a number, never the subject

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("notify:open", args=[self.pk])

    @property
    def unread(self):
        return self.read_at is None
