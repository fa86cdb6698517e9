"""Reads that span the plans' models: a service's open plan, and the clocks' lists."""

from django.db.models import Prefetch, Q

from careqa.plans import rules
from careqa.plans.models import ActionPlan, PlanItem, Response
from careqa.plans.vocab import PlanStatus


def open_plan_of(service) -> ActionPlan | None:
    return ActionPlan.objects.filter(service=service, status=PlanStatus.OPEN).first()


def plan_with_everything(plan_pk):
    items = PlanItem.objects.prefetch_related(
        "response_actions", "notes__written_by", "attachments__uploaded_by"
    ).select_related("completed_by", "verified_by")
    return (
        ActionPlan.objects.select_related("service", "service__provider", "report__visit")
        .prefetch_related(
            Prefetch("items", queryset=items),
            Prefetch(
                "responses",
                queryset=Response.objects.select_related(
                    "entered_by", "accepted_by"
                ).prefetch_related("actions__item"),
            ),
        )
        .get(pk=plan_pk)
    )


def _lead_filter(plan, officer):
    """Items or plans of the services `officer` leads on; for a service without a lead
    officer, the plans that came from a visit they led."""
    if officer is None:
        return Q()
    prefix = f"{plan}__" if plan else ""
    return Q(**{f"{prefix}service__lead__officer": officer}) | Q(
        **{
            f"{prefix}service__lead__isnull": True,
            f"{prefix}report__visit__lead_officer": officer,
        }
    )


def open_items(*, officer=None):
    """Open items with an agreed date, of open plans (the officer's services, or all)."""
    return (
        PlanItem.objects.filter(
            plan__status=PlanStatus.OPEN, state__in=rules.OPEN_STATES, due_on__isnull=False
        )
        .filter(_lead_filter("plan", officer))
        .select_related("plan__service", "plan__service__lead__officer")
        .order_by("due_on", "pk")
    )


def awaiting_responses(*, officer=None):
    """Open plans whose items still wait for the provider's response."""
    from careqa.plans.vocab import ItemState

    return (
        ActionPlan.objects.filter(status=PlanStatus.OPEN, items__state=ItemState.AWAITING_RESPONSE)
        .filter(_lead_filter("", officer))
        .select_related("service", "service__lead__officer")
        .distinct()
        .order_by("response_due", "pk")
    )


def clocks(*, today, officer=None) -> dict:
    """Overdue and due-soon items and responses, each with its status."""
    items = [
        (i, rules.item_status(i.state, i.due_on, today=today)) for i in open_items(officer=officer)
    ]
    plans = [
        (p, rules.clock_status(p.response_due, today=today))
        for p in awaiting_responses(officer=officer)
    ]
    return {
        "overdue_items": [i for i, s in items if s == "overdue"],
        "due_soon_items": [i for i, s in items if s == "due soon"],
        "overdue_responses": [p for p, s in plans if s == "overdue"],
        "due_soon_responses": [p for p, s in plans if s == "due soon"],
    }
