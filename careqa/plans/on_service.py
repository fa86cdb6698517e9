"""The action plans on a service's page: the open plan at a glance (a panel) and the plan's
events on the timeline (the registries of careqa.providers)."""

from django.db.models import Prefetch
from django.urls import reverse

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission
from careqa.plans import rules
from careqa.plans.models import ActionPlan, PlanItem
from careqa.plans.vocab import ItemState, PlanStatus
from careqa.providers import service_page, timeline


@timeline.register
class PlanEntries(timeline.Source):
    key = "plans"
    permission = Permission.VIEW_ACTION_PLANS

    def entries(self, service, *, user, today):
        # One query for a service without plans; three however many plans it has.
        verified = PlanItem.objects.filter(state=ItemState.VERIFIED, verified_on__isnull=False)
        plans = ActionPlan.objects.filter(service=service).prefetch_related(
            "responses", Prefetch("items", queryset=verified, to_attr="verified_items")
        )
        items = []
        for plan in plans:
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
            for response in plan.responses.all():
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
            for item in plan.verified_items:
                items.append(
                    timeline.Entry(
                        date=item.verified_on,
                        title="Action plan item verified",
                        kind="plan",
                        lines=[str(item)],
                        href=href,
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
        plans = list(ActionPlan.objects.filter(service=self.service))
        plan = next((p for p in plans if p.status == PlanStatus.OPEN), None)
        counts, overdue, awaiting = {}, 0, False
        if plan is not None:
            for item in plan.items.all():
                label = item.get_state_display()
                counts[label] = counts.get(label, 0) + 1
                awaiting = awaiting or item.state == ItemState.AWAITING_RESPONSE
                if rules.item_status(item.state, item.due_on, today=today) == "overdue":
                    overdue += 1
        return {
            "plan": plan,
            "counts": sorted(counts.items()),
            "overdue": overdue,
            "response_status": rules.clock_status(plan.response_due, today=today)
            if awaiting
            else "",
            "earlier": [p for p in plans if p is not plan],
            "can_run": has_permission(self.user, Permission.RUN_ACTION_PLANS, obj=self.service),
        }
