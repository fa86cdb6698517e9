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
