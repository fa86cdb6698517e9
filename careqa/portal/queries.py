"""What a provider user sees, always through careqa.accounts.authz's scope: their own
provider's services (or the named ones), and of them only what is meant for them."""

from django.db.models import Exists, OuterRef, Q

from careqa.accounts.authz import scope_records, scoped_service_ids
from careqa.escalation.models import Step
from careqa.escalation.vocab import StepKind, StepStatus
from careqa.plans.models import ActionPlan
from careqa.portal.models import NoticeRecipient, ProviderNotice, SharingLogEntry
from careqa.portal.vocab import SharedKind
from careqa.providers.models import Service
from careqa.visits.models import Report
from careqa.visits.vocab import ReportStatus

# What a provider is sent of the escalation ladder: the steps addressed to them, once decided.
ADDRESSED_STEPS = (StepKind.SUSPENSION, StepKind.DEFAULT_NOTICE, StepKind.TERMINATION)
DECIDED = (StepStatus.CURRENT, StepStatus.ENDED)


def services(user):
    return scope_records(user, Service.objects.select_related("council")).order_by("name")


def issued_reports(user):
    """Issued reports and the versions they replaced; never a draft."""
    reports = Report.objects.filter(status__in=(ReportStatus.ISSUED, ReportStatus.SUPERSEDED))
    return scope_records(user, reports.select_related("visit", "visit__service")).order_by(
        "-issued_on", "-version"
    )


def plans(user):
    return scope_records(user, ActionPlan.objects.select_related("service")).order_by(
        "-opened_on", "-pk"
    )


def steps(user):
    """Suspensions, default notices and terminations addressed to the provider."""
    addressed = Step.objects.filter(kind__in=ADDRESSED_STEPS, status__in=DECIDED)
    return scope_records(user, addressed.select_related("service")).order_by("-decided_on")


def _shared_with(user):
    shared = SharingLogEntry.objects.filter(provider_id=user.scope_provider_id or -1)
    named = scoped_service_ids(user)
    if named is not None:
        shared = shared.filter(Q(service__isnull=True) | Q(service__in=named))
    return shared


def shared_entries(user):
    """Intelligence entries the council chose to share with this provider (still at the
    "shareable with partners" level: an entry made more restrictive later drops out)."""
    from careqa.risk.models import IntelligenceEntry
    from careqa.risk.vocab import SharingLevel

    ids = _shared_with(user).filter(kind=SharedKind.INTELLIGENCE).values("record_id")
    return (
        IntelligenceEntry.objects.filter(pk__in=ids, sharing=SharingLevel.PARTNERS)
        .select_related("service")
        .order_by("-received_on", "-pk")
    )


def told_of_steps(user):
    """Who the council told of the provider's suspensions (commissioners, the NHS, the
    regulator, other councils), and when: shared about them, not with them."""
    from careqa.escalation.models import Notification

    told = Notification.objects.filter(step__in=steps(user)).select_related("step__service")
    return scope_records(user, told).order_by("-told_on", "-pk")


def sharing_log(user):
    return _shared_with(user).select_related("service")


def notices(user):
    """The notices sent to the user's provider, each with whether it has been read there."""
    provider_id = user.scope_provider_id or -1
    recipients = NoticeRecipient.objects.filter(notice=OuterRef("pk"), provider_id=provider_id)
    return (
        ProviderNotice.objects.filter(Exists(recipients))
        .annotate(
            read=Exists(recipients.filter(first_read_at__isnull=False)),
        )
        .order_by("-sent_at", "-pk")
    )


def unread_notices(user):
    return notices(user).filter(read=False)
