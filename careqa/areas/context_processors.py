"""Puts the council's name, shown in every page header, into every template."""

from django.core.cache import cache

from careqa.areas.models import CouncilProfile


def council(request):
    name = cache.get("careqa:council-name")
    if name is None:
        profile = CouncilProfile.objects.first()
        name = profile.name if profile else "CareQA"
        cache.set("careqa:council-name", name, 30)
    return {"council_name": name}
