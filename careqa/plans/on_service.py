"""The action plans on a service's page: the open plan at a glance (a panel) and the plan's
events on the timeline (the registries of careqa.providers)."""

from django.urls import reverse

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission
from careqa.plans import rules
from careqa.plans.models import ActionPlan, PlanItem, Response
from careqa.plans.queries import open_plan_of
from careqa.plans.vocab import ItemState
from careqa.providers import service_page, timeline


@timeline.register
class PlanEntries(timeline.Source):
    key = "plans"
    permission = Permission.VIEW_ACTION_PLANS

    def entries(self, service, *, user, today):
        items = []
        for plan in ActionPlan.objects.filter(service=service):
            href = reverse("plans:detail", args=[plan.pk])
            items.append(
                timeline.Entry(
                    date=plan.opened_on,
                    title="Action plan opened",
                    kind="plan",
                    lines=[f"Response due {plan.response_due:%d %B %Y}"],
                    href=href,
                    order=3,
                )
            )
        responses = Response.objects.filter(plan__service=service).select_related("plan")
        for response in responses:
            href = reverse("plans:detail", args=[response.plan_id])
            items.append(
                timeline.Entry(
                    date=response.received_on,
                    title="Action plan response received",
                    kind="plan",
                    href=href,
                    order=3,
                )
            )
            if response.accepted_on:
                items.append(
                    timeline.Entry(
                        date=response.accepted_on,
                        title="Action plan response accepted",
                        kind="plan",
                        href=href,
                        order=3,
                    )
                )
        verified = PlanItem.objects.filter(
            plan__service=service, state=ItemState.VERIFIED, verified_on__isnull=False
        )
        for item in verified:
            items.append(
                timeline.Entry(
                    date=item.verified_on,
                    title="Action plan item verified",
                    kind="plan",
                    lines=[str(item)],
                    href=reverse("plans:detail", args=[item.plan_id]),
                    order=3,
                )
            )
        return items


@service_page.register
class PlanPanel(service_page.Panel):
    key = "action-plan"
    title = "Action plan"
    order = 6
    permission = Permission.VIEW_ACTION_PLANS
    template_name = "plans/_service_panel.html"

    def context(self):
        from django.utils import timezone

        today = timezone.localdate()
        plan = open_plan_of(self.service)
        counts, overdue = {}, 0
        if plan is not None:
            for item in plan.items.all():
                counts[item.get_state_display()] = counts.get(item.get_state_display(), 0) + 1
                if rules.item_status(item.state, item.due_on, today=today) == "overdue":
                    overdue += 1
        return {
            "plan": plan,
            "counts": sorted(counts.items()),
            "overdue": overdue,
            "response_status": rules.clock_status(plan.response_due, today=today)
            if plan is not None and plan.items.filter(state=ItemState.AWAITING_RESPONSE).exists()
            else "",
            "earlier": ActionPlan.objects.filter(service=self.service).exclude(
                pk=plan.pk if plan else None
            ),
            "can_run": has_permission(self.user, Permission.RUN_ACTION_PLANS, obj=self.service),
        }
