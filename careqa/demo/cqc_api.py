"""What the demo's CQC API sync would have found: inspections awaiting their report, and the
longer rating history CQC's API gives (`historicRatings`).

The demo has no CQC key, so no sync runs; two of the council's rated care homes are given
an inspection after their last report, through the sync's own writer, so that their pages
show the banner; and one of the homes we commission is given the earlier reports a sync
would bring, through the register writer as a sync writes them, so that the policy rule
(three falls from Good to Requires improvement) flags it for the manager.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from careqa.areas.models import CouncilProfile
from careqa.escalation.queries import flagged_services
from careqa.providers.models import Contract, PublishedRating, Service
from careqa.providers.vocab import ContractStatus, Rating
from careqa.regulators import register_writer
from careqa.regulators.cqc_api.syncing import SOURCE, open_unpublished_inspection
from careqa.regulators.models import ImportRun, Layout
from careqa.regulators.records import UNSET, ParsedFile, RatingRecord, ServiceRecord

# Years before the home's first rating in the files: Good, Requires improvement, Good, …
EARLIER = (
    (7, Rating.GOOD),
    (6, Rating.REQUIRES_IMPROVEMENT),
    (5, Rating.GOOD),
    (4, Rating.REQUIRES_IMPROVEMENT),
    (3, Rating.GOOD),
    (2, Rating.REQUIRES_IMPROVEMENT),
    (1, Rating.GOOD),
)


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


def load_rating_history(*, today: datetime.date) -> int:
    """Earlier reports for the last home we commission (by contract reference) that is rated
    Requires improvement and has no escalation step; returns how many services the policy
    rule then flags in our area."""
    contract = (
        Contract.objects.filter(
            status=ContractStatus.ACTIVE,
            service__escalation_steps__isnull=True,
            service__rating=Rating.REQUIRES_IMPROVEMENT,
            service__care_home=True,
            service__regulator="cqc",
        )
        .select_related("service")
        .order_by("-reference", "-pk")
        .first()
    )
    if contract is None:
        return len(flagged_services(today))
    service = contract.service
    first = PublishedRating.objects.filter(service=service).order_by("rated_on").first().rated_on
    earlier = [
        RatingRecord(
            overall=rating.value,
            rated_on=(on := first.replace(year=first.year - years, day=min(first.day, 28))),
            overall_as_published=rating.label,
            published=on,
            inspected=on - datetime.timedelta(days=40),
        )
        for years, rating in EARLIER
    ]
    record = ServiceRecord(location_id=service.location_id, row=0, rating=UNSET)
    record.earlier_ratings = earlier
    with transaction.atomic():
        run = ImportRun.objects.create(
            regulator="cqc",
            layout=Layout.CQC_API,
            file_name=f"{SOURCE}: earlier reports of {service.name} (demo)",
            snapshot_date=today,
            started_at=timezone.now(),
            by_name=SOURCE,
        )
        parsed = ParsedFile(
            file_name=run.file_name,
            layout=Layout.CQC_API.value,
            regulator="cqc",
            snapshot_date=today,
            services=[record],
            providers={},
            rows=1,
        )
        register_writer.write(parsed, run=run, by=SOURCE)
        run.status = ImportRun.Status.SUCCEEDED
        run.finished_at = timezone.now()
        run.save()
    return len(flagged_services(today))
