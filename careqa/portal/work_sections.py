"""My work (careqa.work.sections): what providers have sent through the portal and wait
for the team: factual-accuracy comments, responses and items they say are done."""

from careqa.accounts.permissions import Permission
from careqa.accounts.roles import Role
from careqa.work.sections import Section, register


@register
class FromProviders(Section):
    key = "from-providers"
    title = "From providers, waiting for you"
    order = 27
    permission = Permission.ANSWER_FACTUAL_ACCURACY
    template_name = "portal/work_section.html"

    def context(self):
        from careqa.plans.models import PlanItem, Response
        from careqa.visits.models import FactualAccuracyComment
        from careqa.visits.vocab import CommentStatus

        comments = FactualAccuracyComment.objects.filter(
            status=CommentStatus.AWAITING
        ).select_related("report__visit__service")
        responses = Response.objects.filter(
            accepted_on__isnull=True, entered_by__role=Role.PROVIDER
        ).select_related("plan__service")
        done = PlanItem.objects.filter(
            state="completed", completed_by__role=Role.PROVIDER
        ).select_related("plan__service")
        return {
            "comments": comments[:10],
            "responses": responses[:10],
            "done": done[:10],
        }
