"""The action plans' sections of My work (careqa.work.sections): an officer's overdue and
due-soon items and responses for the services they lead on, and the team's for managers."""

from careqa.accounts.permissions import Permission
from careqa.plans.queries import clocks
from careqa.work.sections import Section, register


@register
class PlanClocks(Section):
    key = "plan-clocks"
    title = "Your action plans: items and responses overdue or due soon"
    order = 25
    permission = Permission.RUN_ACTION_PLANS
    template_name = "plans/work/clocks.html"
    team = False

    def context(self):
        return clocks(today=self.today, officer=None if self.team else self.user)


@register
class TeamPlanClocks(PlanClocks):
    key = "team-plan-clocks"
    title = "The team's action plans: items and responses overdue or due soon"
    order = 45
    permission = Permission.PLAN_PROGRAMME
    team = True
