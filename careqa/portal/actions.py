"""The portal's writes: provider users, notices to providers, sharing with a provider.

Each takes the acting user as `by=`, runs in one transaction and writes its audit event
inside it (ADR 0003). Reports, plans and comments are written by their own apps' actions.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from careqa.accounts import actions as accounts
from careqa.accounts.roles import Role
from careqa.audit.actions import record_event
from careqa.audit.models import AuditEvent
from careqa.portal.models import NoticeDocument, NoticeRecipient, ProviderNotice, SharingLogEntry
from careqa.portal.vocab import SharedKind
from careqa.providers.models import Provider, Service

CREATED, CHANGED = AuditEvent.Action.CREATED, AuditEvent.Action.CHANGED


def _users_of(provider) -> str:
    return f"{provider}'s users of the provider portal"


# ---- Provider users ------------------------------------------


def invite_provider_user(*, by, link_base, provider, services=(), **fields):
    """Invite a provider's registered manager or nominated individual: an account limited
    to the provider (or to named services of it), with an e-mailed one-time link."""
    return accounts.invite_user(
        by=by,
        link_base=link_base,
        scope_provider=provider,
        scope_services=services,
        role=Role.PROVIDER,
        **fields,
    )


def _provider_user(user):
    if user.role != Role.PROVIDER:
        raise ValidationError("Only provider users are managed here")
    return user


def suspend_provider_user(*, user, by):
    """Stop a provider user signing in (never deleted: their answers keep their name)."""
    return accounts.deactivate_user(user=_provider_user(user), by=by)


def restore_provider_user(*, user, by):
    return accounts.reactivate_user(user=_provider_user(user), by=by)


# ---- Notices to providers ------------------------------------------


def notice_providers(*, service_types, councils):
    """The providers with an active service of one of `service_types` in `councils`."""
    services = Service.objects.active().of_type(*service_types).filter(council__in=councils)
    return Provider.objects.filter(pk__in=services.values("provider_id")).order_by("name")


def send_notice(*, by, kind, title, body, service_types, councils, documents=()):
    """Send a notice (with its documents) to every provider of the chosen service types in
    the chosen areas; each sees it in the portal, and the team sees who has read it."""
    from careqa.plans.actions import check_document

    errors = {}
    if not (title or "").strip():
        errors["title"] = "Enter the notice's title"
    if not (body or "").strip():
        errors["body"] = "Enter what the notice says"
    if not service_types:
        errors["service_types"] = "Choose at least one type of service"
    if not councils:
        errors["councils"] = "Choose at least one area"
    for document in documents:
        try:
            check_document(document)
        except ValidationError as error:
            errors["documents"] = f"{document.name}: {' '.join(error.messages)}"
    if errors:
        raise ValidationError(errors)
    providers = list(notice_providers(service_types=service_types, councils=councils))
    if not providers:
        raise ValidationError(
            {"service_types": "No provider has a service of these types in these areas"}
        )
    stored = []
    try:
        for document in documents:
            original = document.name.replace("\\", "/").rsplit("/", 1)[-1][:255]
            name = default_storage.save(
                f"notices/{timezone.localdate():%Y/%m}/{original}", document
            )
            stored.append((name, original, document.size))
        with transaction.atomic():
            now = timezone.now()
            notice = ProviderNotice.objects.create(
                kind=kind,
                title=title.strip(),
                body=body.strip(),
                service_types=list(service_types),
                sent_at=now,
                sent_by=by,
            )
            notice.councils.set(councils)
            for name, original, size in stored:
                NoticeDocument.objects.create(
                    notice=notice, file=name, original_name=original, size=size
                )
            NoticeRecipient.objects.bulk_create(
                NoticeRecipient(notice=notice, provider=provider) for provider in providers
            )
            SharingLogEntry.objects.bulk_create(
                SharingLogEntry(
                    provider=provider,
                    kind=SharedKind.NOTICE,
                    record_id=notice.pk,
                    label=notice.title,
                    shared_with=_users_of(provider),
                    shared_at=now,
                    shared_by_name=str(by),
                )
                for provider in providers
            )
            record_event(
                obj=notice,
                action=CREATED,
                changes={
                    "title": (None, notice.title),
                    "kind": (None, kind),
                    "service_types": (None, ", ".join(service_types)),
                    "areas": (None, ", ".join(str(c) for c in councils)),
                    "providers": (None, len(providers)),
                    "documents": (None, ", ".join(o for _, o, _ in stored)),
                },
                by=by,
            )
    except Exception:
        for name, _, _ in stored:  # nothing recorded: no file lingers unrecorded
            default_storage.delete(name)
        raise
    return notice


def mark_notice_read(*, notice, by):
    """A provider user opened the notice: the first reader of each provider is kept."""
    with transaction.atomic():
        recipient = (
            NoticeRecipient.objects.select_for_update()
            .filter(notice=notice, provider_id=by.scope_provider_id)
            .first()
        )
        if recipient is None or recipient.first_read_at is not None:
            return recipient
        recipient.first_read_at, recipient.first_read_by = timezone.now(), by
        recipient.save(update_fields=["first_read_at", "first_read_by"])
        record_event(
            obj=notice,
            action=CHANGED,
            changes={"read_by": (None, f"{by} of {recipient.provider}")},
            by=by,
            subject=recipient.provider,
            note="Read in the provider portal",
        )
    return recipient


# ---- Sharing intelligence with the provider ------------------------------------------


def share_entry(*, entry, by):
    """Show an intelligence entry to the provider it is about. Only entries at the
    "shareable with partners" level may be; the log keeps when and by whom."""
    from careqa.risk.vocab import SharingLevel

    if entry.sharing != SharingLevel.PARTNERS:
        raise ValidationError(
            "Only entries shareable with partners can be shared with the provider: change its "
            "sharing level first"
        )
    provider = entry.provider or (entry.service.provider if entry.service else None)
    if provider is None:
        raise ValidationError("This entry's service has no provider to share it with")
    with transaction.atomic():
        shared, created = SharingLogEntry.objects.get_or_create(
            provider=provider,
            kind=SharedKind.INTELLIGENCE,
            record_id=entry.pk,
            defaults={
                "service": entry.service,
                "label": f"{entry.get_source_display()} received {entry.received_on:%d %B %Y}",
                "shared_with": _users_of(provider),
                "shared_at": timezone.now(),
                "shared_by_name": str(by),
            },
        )
        if not created:
            raise ValidationError("This entry is already shared with the provider")
        record_event(
            obj=entry,
            action=CHANGED,
            changes={"shared_with": (None, shared.shared_with)},
            by=by,
            note="Shared with the provider in the portal",
        )
    return shared
