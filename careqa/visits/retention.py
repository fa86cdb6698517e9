"""People's views under the retention policy (careqa.operations.retention).

What someone said is kept for CAREQA_RETENTION_DAYS["people_views"] days after the view's
visit closes (its report is first issued), or after the day it was heard when it was not
heard at a visit or the visit was cancelled. The issued reports' frozen copies of the views
are redacted with them; who spoke (by role), how, the sentiment and the counts stay.
"""

from django.db import models
from django.db.models import Case, F, OuterRef, Subquery, When

from careqa.audit.actions import record_event
from careqa.audit.models import AuditEvent
from careqa.operations import retention
from careqa.operations.rules import is_redacted, redacted
from careqa.visits.models import PersonView, Report
from careqa.visits.vocab import VisitStatus


def views_with_closing_day():
    first_issued = (
        Report.objects.filter(visit=OuterRef("visit"), issued_on__isnull=False)
        .order_by("issued_on")
        .values("issued_on")[:1]
    )
    return PersonView.objects.select_related("service").annotate(
        closed_on=Case(
            When(visit__isnull=True, then=F("heard_on")),
            When(visit__status=VisitStatus.CANCELLED, then=F("heard_on")),
            default=Subquery(first_issued),
            output_field=models.DateField(),
        )
    )


def redact_views_in_reports(views, *, on, by, note, dry_run):
    """The reports of these views' visits keep a copy of each shared view: redact it."""
    visit_ids = {view.visit_id for view in views if view.visit_id}
    done = []
    for report in Report.objects.filter(visit_id__in=visit_ids).select_related("visit"):
        content = report.content or {}
        shown = content.get("views") or []
        if all(is_redacted(v.get("said")) for v in shown):
            continue
        done.append(f"the copy of people's views in the {report}")
        if dry_run:
            continue
        content["views"] = [{**v, "said": redacted(v.get("said"), on)} for v in shown]
        Report.objects.filter(pk=report.pk).update(content=content)
        record_event(
            obj=report,
            action=AuditEvent.Action.CHANGED,
            changes={"content": ("(people's views as issued)", "(people's views redacted)")},
            by=by,
            note=note,
        )
    return done


retention.register(
    retention.Retained(
        key="visits.personview",
        category="people_views",
        label="people's views",
        fields=("said",),
        records=views_with_closing_day,
        copies=redact_views_in_reports,
    )
)
