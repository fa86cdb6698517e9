"""The demo's inspections awaiting their report, as the CQC API sync records them.

The demo has no CQC key, so no sync runs; two of the council's rated care homes are given
what a sync would have found (an inspection after their last report), through the sync's
own writer, so that their pages show the banner.
"""

import datetime

from django.db import transaction

from careqa.areas.models import CouncilProfile
from careqa.providers.models import Service
from careqa.regulators.cqc_api.syncing import open_unpublished_inspection


def load_unpublished_inspections(*, today: datetime.date) -> int:
    homes = (
        Service.objects.filter(
            regulator="cqc",
            council__in=CouncilProfile.objects.get().our_area.all(),
            unpublished_inspections=None,
            active=True,
            care_home=True,
            rating_published__lt=today - datetime.timedelta(days=60),
        )
        .exclude(rating=None)
        .order_by("location_id")[:2]
    )
    with transaction.atomic():
        for days, service in zip((27, 9), homes, strict=False):
            open_unpublished_inspection(
                service_id=service.pk,
                inspected_on=today - datetime.timedelta(days=days),
                previous_report_on=service.rating_published,
                today=today,
                by="CQC API",
            )
    return len(homes)
