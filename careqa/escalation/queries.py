"""Reads for escalation: the steps in force, a service's ladder, and the policy rule's
services from the register's rating history."""

from collections import defaultdict

from django.conf import settings

from careqa.accounts.authz import scope_records
from careqa.escalation import rules
from careqa.escalation.models import Step
from careqa.escalation.vocab import StepKind, StepStatus
from careqa.providers.models import PublishedRating, Service
from careqa.providers.queries import our_area_council_ids


def current_steps(user, kinds):
    """The steps in force of these kinds, soonest review first."""
    steps = Step.objects.filter(status=StepStatus.CURRENT, kind__in=kinds)
    return (
        scope_records(user, steps).select_related("service", "contract").order_by("review_on", "pk")
    )


def proposed_steps(user):
    steps = Step.objects.filter(status=StepStatus.PROPOSED)
    return scope_records(user, steps).select_related("service", "proposed_by")


def steps_for(service):
    return (
        Step.objects.filter(service=service)
        .select_related("proposed_by", "decided_by", "ended_by")
        .order_by("-proposed_on", "-pk")
    )


def current_suspension(service):
    return (
        Step.objects.filter(service=service, kind=StepKind.SUSPENSION, status=StepStatus.CURRENT)
        .order_by("-pk")
        .first()
    )


def policy_from_settings() -> rules.Policy:
    return rules.Policy(
        falls=settings.CAREQA_POLICY_FALLS,
        from_ratings=frozenset(settings.CAREQA_POLICY_FROM_RATINGS),
        to_ratings=frozenset(settings.CAREQA_POLICY_TO_RATINGS),
        period_years=settings.CAREQA_POLICY_PERIOD_YEARS,
    )


def flagged_services(today, *, services=None, policy=None):
    """(service, falls' dates) for every active service in our area the policy rule flags
    for suspension, by name; `services` narrows the search (the whole area by default)."""
    policy = policy or policy_from_settings()
    if services is None:
        services = Service.objects.active().in_councils(our_area_council_ids())
    histories = defaultdict(list)
    rows = (
        PublishedRating.objects.filter(service__in=services, withdrawn_on__isnull=True)
        .order_by("service_id", "rated_on", "pk")
        .values_list("service_id", "rated_on", "overall")
    )
    for service_id, rated_on, overall in rows:
        histories[service_id].append((rated_on, overall))
    flagged = {}
    for service_id, history in histories.items():
        falls = rules.flagged_for_suspension(history, policy, today)
        if falls:
            flagged[service_id] = falls
    found = Service.objects.filter(pk__in=flagged).order_by("name", "pk")
    return [(service, flagged[service.pk]) for service in found]
