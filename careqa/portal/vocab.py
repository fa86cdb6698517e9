"""The provider portal's fixed vocabularies."""

from django.db import models


class NoticeKind(models.TextChoices):
    NATIONAL_GUIDANCE = "national_guidance", "National guidance"
    LOCAL_INSTRUCTION = "local_instruction", "Local instruction"
    SURVEY = "survey", "Survey"


class SharedKind(models.TextChoices):
    """What the council shared with a provider (the sharing log's kinds)."""

    INTELLIGENCE = "intelligence", "Intelligence entry"
    NOTICE = "notice", "Notice to providers"
