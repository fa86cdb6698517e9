"""The meetings' agenda (careqa.meetings.agenda): suspensions and default notices due for
review by the meeting's date, and the services the policy rule flags for suspension."""

from careqa.escalation.models import Step
from careqa.escalation.presenters import suspension_words
from careqa.escalation.queries import flagged_services
from careqa.escalation.vocab import StepKind, StepStatus
from careqa.meetings import agenda
from careqa.meetings.rules import due_by
from careqa.providers.models import Service


def _day(date):
    return f"{date.day} {date:%B %Y}"


@agenda.register
class ReviewsDue(agenda.Section):
    key = "escalation-reviews"
    title = "Suspensions and default notices due for review"
    order = 30

    def items(self):
        c = self.context
        steps = (
            Step.objects.filter(
                status=StepStatus.CURRENT,
                kind__in=(StepKind.SUSPENSION, StepKind.DEFAULT_NOTICE),
                service__council_id=c.council_id,
            )
            .select_related("service")
            .order_by("review_on", "pk")
        )
        proposed = []
        for step in steps:
            if not due_by(step.review_on, c.on):
                continue
            if step.kind == StepKind.SUSPENSION:
                lines = [suspension_words(step)]
                met = [cond.met for cond in step.conditions.all()]
                lines.append(f"Conditions for lifting met: {sum(met)} of {len(met)}")
            else:
                lines = [f"Clause {step.clause}: remedy due {_day(step.remedy_by)}"]
            lines.append(f"Reason: {step.reason[:300]}")
            proposed.append(
                agenda.Proposed(
                    service=step.service,
                    topic=f"{step.get_kind_display()}: review due {_day(step.review_on)}",
                    detail=lines,
                )
            )
        return proposed


@agenda.register
class FlaggedByPolicy(agenda.Section):
    key = "policy-flagged"
    title = "Services flagged for suspension by the policy rule"
    order = 40

    def items(self):
        c = self.context
        services = Service.objects.active().filter(council_id=c.council_id)
        proposed = []
        for service, falls in flagged_services(c.on, services=services):
            dates = ", ".join(_day(day) for day in falls)
            proposed.append(
                agenda.Proposed(
                    service=service,
                    topic=f"Flagged by the policy rule: {len(falls)} falls in rating",
                    detail=[f"Fell from Good or Outstanding on {dates}"],
                )
            )
        return proposed
