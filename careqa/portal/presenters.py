"""Shaping the portal's pages: clocks for plans and items, what is held about a provider."""

from careqa.plans import rules as plan_rules
from careqa.plans.vocab import ItemState


def plan_clock(plan, *, today):
    """The response clock: due, overdue or done (a response accepted, or the plan closed)."""
    answered = any(r.accepted_on for r in plan.responses.all())
    waiting = any(r.accepted_on is None for r in plan.responses.all())
    status = plan_rules.clock_status(
        plan.response_due, today=today, done=answered or plan.status == "closed"
    )
    return {
        "due": plan.response_due,
        "status": "sent" if waiting and not answered else status,
        "days_overdue": plan_rules.days_overdue(plan.response_due, today=today)
        if status == "overdue"
        else 0,
    }


def item_rows(plan, *, today):
    rows = []
    for item in plan.items.all():
        status = plan_rules.item_status(item.state, item.due_on, today=today)
        rows.append(
            {
                "item": item,
                "status": status,
                "days_overdue": plan_rules.days_overdue(item.due_on, today=today)
                if status == "overdue"
                else 0,
                "actions": list(item.response_actions.all()),
                "can_update": item.state
                in (ItemState.AGREED, ItemState.IN_PROGRESS, ItemState.REOPENED),
            }
        )
    return rows


def overdue_count(rows) -> int:
    return sum(1 for row in rows if row["status"] == "overdue")
