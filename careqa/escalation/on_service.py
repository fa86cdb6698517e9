"""Escalation on a service's page and the home page (the registries of careqa.providers
and careqa.work): the suspension banner, the ladder's panel, timeline entries and a
manager's reviews due, so the register shows escalation without knowing about it."""

from django.urls import reverse
from django.utils import timezone

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission
from careqa.escalation import queries, rules
from careqa.escalation.models import Step
from careqa.escalation.presenters import step_url_name, suspension_words
from careqa.escalation.vocab import StepKind, StepStatus
from careqa.providers import list_notes, service_page, timeline
from careqa.work import sections


@service_page.register
class SuspensionBanner(service_page.Panel):
    key = "suspension"
    title = "Suspended"
    order = 1
    banner = True
    permission = Permission.VIEW_SUSPENSIONS
    template_name = "escalation/_banner.html"

    def shown(self):
        self.suspension = queries.current_suspension(self.service)
        return self.suspension is not None

    def context(self):
        return {"suspension": self.suspension, "words": suspension_words(self.suspension)}


@list_notes.register
class SuspensionNotes(list_notes.Notes):
    """The register's list: a suspended service says since when and its review date."""

    key = "suspensions"
    permission = Permission.VIEW_SUSPENSIONS

    def notes(self, service_ids):
        steps = Step.objects.filter(
            service_id__in=service_ids, kind=StepKind.SUSPENSION, status=StepStatus.CURRENT
        )
        return {step.service_id: suspension_words(step) for step in steps}


@service_page.register
class EscalationPanel(service_page.Panel):
    key = "escalation"
    title = "Escalation"
    order = 12
    permission = Permission.VIEW_ESCALATION
    template_name = "escalation/_service_panel.html"

    def context(self):
        steps = queries.steps_for(self.service).filter(
            status__in=(StepStatus.CURRENT, StepStatus.PROPOSED)
        )
        return {
            "steps": list(steps),
            "today": timezone.localdate(),
            "can_propose": has_permission(
                self.user, Permission.PROPOSE_ESCALATION, obj=self.service
            ),
        }


@timeline.register
class EscalationEntries(timeline.Source):
    key = "escalation"
    permission = Permission.VIEW_SUSPENSIONS

    def entries(self, service, *, user, today):
        items = []
        steps = Step.objects.filter(service=service).exclude(status=StepStatus.PROPOSED)
        for step in steps.exclude(status=StepStatus.DECLINED):
            # Partners see suspensions; the rest of the ladder is the council's.
            permission = None if step.kind == StepKind.SUSPENSION else Permission.VIEW_ESCALATION
            href = reverse(step_url_name(step), args=[step.pk])
            lines = [step.reason]
            if step.review_on and step.status == StepStatus.CURRENT:
                lines.append(f"Review {step.review_on.day} {step.review_on:%B %Y}")
            items.append(
                timeline.Entry(
                    date=step.since,
                    title=step.get_kind_display(),
                    kind="escalation",
                    lines=lines,
                    href=href,
                    order=6,
                    permission=permission,
                )
            )
            if step.ended_on:
                ended = "lifted" if step.kind == StepKind.SUSPENSION else "ended"
                items.append(
                    timeline.Entry(
                        date=step.ended_on,
                        title=f"{step.get_kind_display()} {ended}",
                        kind="escalation",
                        lines=[step.end_reason],
                        href=href,
                        order=7,
                        permission=permission,
                    )
                )
        return items


@sections.register
class EscalationReviews(sections.Section):
    """For managers: steps in force whose review is due or overdue, and proposals."""

    key = "escalation-reviews"
    title = "Escalation: reviews and decisions"
    order = 15
    permission = Permission.DECIDE_ESCALATION
    template_name = "escalation/work_section.html"

    def context(self):
        steps = queries.current_steps(self.user, list(StepKind))
        return {
            "overdue": [s for s in steps if rules.review_overdue(s.review_on, self.today)],
            "proposed": list(queries.proposed_steps(self.user)),
        }
