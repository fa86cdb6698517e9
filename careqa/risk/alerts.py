"""Telling a service's lead officer (or, with none, the team's managers) when something
about it needs their attention: its rating fell in an import or sync, a safeguarding
enquiry opened, its risk band rose, a review date passed. Each trigger asks a pure rule
(careqa.risk.rules.alerts) and calls careqa.notify.actions.alert, in the caller's
transaction; each names what it tells of (a key), so running it again tells no one twice.

A new trigger in another app is one line: `alert_lead_officer(service, subject=..., ...)`.
"""

from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

from careqa.accounts.permissions import Permission
from careqa.accounts.roles import Role
from careqa.risk.rules import alerts as rules
from careqa.risk.vocab import Band


def managers():
    from careqa.accounts.models import User

    return list(User.objects.filter(is_active=True, role=Role.QA_MANAGER).order_by("pk"))


def recipients(service, *, with_managers=False, leads=None) -> list:
    """The service's lead officer if it has an active one, else the team's managers;
    `with_managers` adds the managers anyway. `leads` ({service id: user}) saves a query
    a service when there are many."""
    if leads is None:
        from careqa.visits.models import LeadOfficer

        lead = LeadOfficer.objects.filter(service=service).select_related("officer").first()
        officer = lead.officer if lead else None
    else:
        officer = leads.get(service.pk)
    people = [officer] if officer is not None and officer.is_active else []
    if not people or with_managers:
        people += managers()
    return people


def alert_lead_officer(
    service,
    *,
    subject,
    template_name,
    context,
    link,
    key="",
    permission=None,
    with_managers=False,
    by=None,
    leads=None,
):
    """Tell the service's lead officer (or the managers); the person who made the change
    (`by`) is not told of their own act."""
    from careqa.notify.actions import alert

    people = [
        p
        for p in recipients(service, with_managers=with_managers, leads=leads)
        if by is None or p.pk != by.pk
    ]
    return alert(
        people,
        subject=subject,
        template_name=template_name,
        context=context,
        link=link,
        key=key,
        service=service,
        permission=permission,
    )


def ours(services):
    """Of `services` (a queryset), those we commission: active, with a live contract, in
    our area when one is configured (as the register's "our area" filter has it)."""
    from careqa.providers.queries import our_area_council_ids

    services = services.active().commissioned()
    council_ids = our_area_council_ids()
    return services.in_councils(council_ids) if council_ids else services


def _leads(service_ids):
    from careqa.visits.models import LeadOfficer

    return {
        lead.service_id: lead.officer
        for lead in LeadOfficer.objects.filter(service_id__in=list(service_ids)).select_related(
            "officer"
        )
    }


def _service_link(service_id):
    return reverse("providers:service-detail", args=[service_id])


# -- a fall in rating, from the register writer's change events ------------------------


def ratings_fell(run):
    """After an import or API sync (an ImportRun that succeeded): each of our services
    whose overall rating fell in it."""
    from careqa.providers.models import ChangeEvent, Service

    events = list(
        ChangeEvent.objects.filter(
            import_run_id=run.pk,
            kind=ChangeEvent.Kind.RATING_DOWN,
            service__in=ours(Service.objects.all()),
        ).select_related("service")
    )
    falls = [e for e in events if rules.rating_fell(e.old_value, e.new_value)]
    leads = _leads(e.service_id for e in falls)
    told = []
    for event in falls:
        service = event.service
        told += alert_lead_officer(
            service,
            subject=f"Rating fell: {service}",
            template_name="rating_fell",
            context={
                "regulator": service.get_regulator_display(),
                "old": event.old_value,
                "new": event.new_value,
                "on": event.occurred_on,
            },
            link=_service_link(service.pk),
            key=f"rating-fell:{event.pk}",
            leads=leads,
        )
    return told


def _on_import_run(sender, instance, **kwargs):
    from careqa.regulators.models import ImportRun

    if instance.status == ImportRun.Status.SUCCEEDED:
        ratings_fell(instance)


# -- a safeguarding enquiry opened -----------------------------------------------------


def enquiry_opened(enquiry, *, by=None):
    service = enquiry.service
    return alert_lead_officer(
        service,
        subject=f"Safeguarding enquiry opened: {service}",
        template_name="enquiry_opened",
        context={"kind": enquiry.get_kind_display(), "opened_on": enquiry.opened_on},
        link=reverse("risk:enquiry", args=[enquiry.pk]),
        key=f"enquiry:{enquiry.pk}",
        permission=Permission.VIEW_SAFEGUARDING,
        by=by,
    )


# -- a provider concern opened ---------------------------------------------------------


def concern_opened(concern, services, *, by=None):
    """The lead officer of each service the concern covers (a whole provider: each of its
    services), told once per service; the words need the concern's details permission."""
    told = []
    for service in services:
        told += alert_lead_officer(
            service,
            subject=f"Provider concern opened: {service}",
            template_name="concern_opened",
            context={"opened_on": concern.opened_on},
            link=reverse("risk:concern", args=[concern.pk]),
            key=f"concern:{concern.pk}:{service.pk}",
            permission=Permission.VIEW_PROVIDER_CONCERN_DETAILS,
            by=by,
        )
    return told


# -- a rise in risk band, from the recompute -------------------------------------------


def bands_rose(rises, *, today):
    """`rises`: (service id, old band, new band, score) the recompute found; those of our
    services whose band rose are told, and the managers too for a rise to very high."""
    from careqa.providers.models import Service

    rises = [r for r in rises if rules.band_rose(r[1], r[2])]
    if not rises:
        return []
    ids, services = [r[0] for r in rises], {}
    for start in range(0, len(ids), 900):  # SQLite limits the parameters of one query
        chunk = Service.objects.filter(pk__in=ids[start : start + 900])
        services.update((s.pk, s) for s in ours(chunk))
    leads = _leads(services)
    told = []
    for service_id, old, new, score in rises:
        if service_id not in services:
            continue
        service = services[service_id]
        told += alert_lead_officer(
            service,
            subject=f"Risk rose to {Band(new).label.lower()}: {service}",
            template_name="band_rose",
            context={
                "old": Band(old).label.lower(),
                "new": Band(new).label.lower(),
                "score": score,
                "on": today,
            },
            link=_service_link(service_id),
            key=f"band:{service_id}:{today.isoformat()}:{new}",
            permission=Permission.VIEW_RISK,
            with_managers=rules.tell_managers_of_band(new),
            leads=leads,
        )
    return told


# -- review dates passed, daily ---------------------------------------------------------


def reviews_passed(*, today=None) -> str:
    """Every current suspension and default notice whose review date has passed: its
    lead officer is told once for that date (a review moves the date on, and a new date
    that passes is told again)."""
    from careqa.escalation.models import Step
    from careqa.escalation.vocab import StepKind, StepStatus

    today = today or timezone.localdate()
    steps = [
        step
        for step in Step.objects.filter(
            status=StepStatus.CURRENT,
            kind__in=(StepKind.SUSPENSION, StepKind.DEFAULT_NOTICE),
            review_on__lt=today,
        ).select_related("service")
        if rules.review_passed(step.review_on, today)
    ]
    leads = _leads(s.service_id for s in steps)
    told = []
    for step in steps:
        suspension = step.kind == StepKind.SUSPENSION
        told += alert_lead_officer(
            step.service,
            subject=f"Review date passed: {step.get_kind_display().lower()}, {step.service}",
            template_name="review_passed",
            context={"step": step.get_kind_display(), "review_on": step.review_on},
            link=reverse(f"escalation:{'suspension' if suspension else 'step'}", args=[step.pk]),
            key=f"review:{step.pk}:{step.review_on.isoformat()}",
            permission=Permission.VIEW_SUSPENSIONS if suspension else Permission.VIEW_ESCALATION,
            leads=leads,
        )
    return f"{len(steps)} review dates passed; {len(told)} notices written"


def _connect():
    from careqa.regulators.models import ImportRun

    post_save.connect(_on_import_run, sender=ImportRun, dispatch_uid="risk-alerts-import-run")


_connect()
