"""The meetings' agenda (careqa.meetings.agenda): action plans with items or the provider's
response overdue by the meeting's date, one item a plan."""

from careqa.meetings import agenda
from careqa.plans import rules
from careqa.plans.queries import awaiting_responses, open_items


def _day(date):
    return f"{date.day} {date:%B %Y}"


@agenda.register
class OverduePlans(agenda.Section):
    key = "plans-overdue"
    title = "Action plans overdue"
    order = 20

    def items(self):
        c = self.context
        by_plan = {}
        for item in open_items().filter(plan__service__council_id=c.council_id):
            if rules.item_status(item.state, item.due_on, today=c.on) == "overdue":
                by_plan.setdefault(item.plan, []).append(
                    f"{item.remedy[:200]} (due {_day(item.due_on)}, "
                    f"{rules.days_overdue(item.due_on, today=c.on)} days overdue, "
                    f"{item.get_state_display().lower()})"
                )
        for plan in awaiting_responses().filter(service__council_id=c.council_id):
            if rules.clock_status(plan.response_due, today=c.on) == "overdue":
                by_plan.setdefault(plan, []).insert(
                    0, f"The provider's response was due {_day(plan.response_due)}"
                )
        proposed = []
        for plan, lines in sorted(by_plan.items(), key=lambda p: (p[0].service.name, p[0].pk)):
            count = sum(1 for line in lines if not line.startswith("The provider's response"))
            words = (
                f"{count} item{'s' if count != 1 else ''} overdue" if count else "response overdue"
            )
            proposed.append(
                agenda.Proposed(service=plan.service, topic=f"Action plan: {words}", detail=lines)
            )
        return proposed
