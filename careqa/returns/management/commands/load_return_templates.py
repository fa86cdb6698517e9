"""`careqa load_return_templates`: add the returns CareQA ships with (careqa.returns.defaults)
that are missing; the council's own versions are left as they are."""

from django.core.management.base import BaseCommand

from careqa.returns.actions import load_default_templates


class Command(BaseCommand):
    help = "Add the shipped data return templates that are missing (idempotent)."

    def handle(self, *args, **options):
        added = load_default_templates(by="CareQA's default returns")
        self.stdout.write(f"{added} return templates added.")
