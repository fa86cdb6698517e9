"""Close every invitation past its expiry; run daily by the schedule."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from careqa.accounts.actions import expire_invitations


class Command(BaseCommand):
    help = "Mark invitations past their expiry as expired (their links already stop working)."

    def handle(self, *args, **options):
        expired = expire_invitations(now=timezone.now())
        self.stdout.write(f"Invitations expired: {expired}")
