"""The meetings' agenda (careqa.meetings.agenda): services we commission newly rated
Requires improvement or Inadequate since the last meeting, from the rating history the
imports build."""

from careqa.meetings import agenda
from careqa.meetings.rules import new_since
from careqa.providers.models import PublishedRating
from careqa.providers.presenters import rating_label
from careqa.providers.vocab import LIVE_CONTRACT_STATUSES, Rating

FALLEN = (Rating.REQUIRES_IMPROVEMENT, Rating.INADEQUATE)


@agenda.register
class NewlyRated(agenda.Section):
    key = "newly-rated"
    title = "Services newly rated Requires improvement or Inadequate"
    order = 10

    def items(self):
        c = self.context
        ratings = (
            PublishedRating.objects.filter(
                service__council_id=c.council_id,
                service__active=True,
                service__contracts__status__in=LIVE_CONTRACT_STATUSES,
                overall__in=FALLEN,
                withdrawn_on__isnull=True,
                rated_on__gt=c.since,
                rated_on__lte=c.on,
            )
            .select_related("service")
            .distinct()
            .order_by("service__name", "rated_on", "pk")
        )
        proposed = []
        for rating in ratings:
            if not new_since(rating.rated_on, since=c.since, on=c.on):
                continue
            day = f"{rating.rated_on.day} {rating.rated_on:%B %Y}"
            label = rating_label(rating.overall)
            lines = [f"{rating.get_regulator_display()} rated it {label}, published {day}"]
            if rating.inspected:
                lines.append(f"Inspected {rating.inspected.day} {rating.inspected:%B %Y}")
            proposed.append(
                agenda.Proposed(
                    service=rating.service, topic=f"Rated {label} on {day}", detail=lines
                )
            )
        return proposed
