"""Writing intelligence, safeguarding enquiries, the score's weights and the scores
themselves: each write audited in its transaction; a change to an input recomputes the
service's score in the same transaction."""

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import transaction

from careqa.accounts.permissions import Permission
from careqa.audit.actions import record_event, snapshot
from careqa.audit.models import AuditEvent
from careqa.providers.models import Service
from careqa.risk import alerts, inputs
from careqa.risk.models import (
    IntelligenceEntry,
    RiskHistory,
    RiskWeight,
    SafeguardingEnquiry,
    ServiceRisk,
)
from careqa.risk.rules.score import DEFAULT_WEIGHTS, Weights, score
from careqa.risk.vocab import EnquiryKind, EntryStatus, RiskType

ENTRY_FIELDS = ("source", "received_on", "summary", "key_question", "severity", "sharing")
ENQUIRY_FIELDS = (
    "kind",
    "reference",
    "risk_types",
    "risk_source",
    "risk_location",
    "opened_on",
    "summary",
)


def _entry_sensitive(entry):
    # The whole event (its existence too) is for those who may read the entry's level.
    return {"*": entry.permission}


SAFEGUARDING_SENSITIVE = {"*": Permission.VIEW_SAFEGUARDING}


def record_intelligence(*, by, today, service=None, provider=None, **fields):
    """A new entry about `service`, or `provider` (all its services)."""
    if (service is None) == (provider is None):
        raise ValidationError("An entry is about one service or one provider")
    if fields.get("received_on") and fields["received_on"] > today:
        raise ValidationError({"received_on": "The date received must be today or in the past"})
    if not str(fields.get("summary", "")).strip():
        raise ValidationError({"summary": "Enter a summary"})
    with transaction.atomic():
        entry = IntelligenceEntry.objects.create(
            service=service, provider=provider, recorded_by=by, **fields
        )
        record_event(
            obj=entry,
            action=AuditEvent.Action.CREATED,
            changes={f: (None, v) for f, v in snapshot(entry, ENTRY_FIELDS).items() if v != ""},
            by=by,
            subject=service or provider,
            sensitive=_entry_sensitive(entry),
        )
        _recompute_for_entry(entry, today)
    return entry


def change_entry_status(*, entry, by, today, status, outcome=""):
    """Move an entry to under review, back to open, or close it with its outcome."""
    status = EntryStatus(status)
    with transaction.atomic():
        entry = IntelligenceEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status == EntryStatus.CLOSED:
            raise ValidationError("This entry is closed")
        if status == EntryStatus.CLOSED and not outcome.strip():
            raise ValidationError({"outcome": "Enter the outcome to close the entry"})
        before = snapshot(entry, ("status", "outcome", "closed_on"))
        entry.status = status
        if status == EntryStatus.CLOSED:
            entry.outcome, entry.closed_on = outcome.strip(), today
        entry.save()
        after = snapshot(entry, ("status", "outcome", "closed_on"))
        record_event(
            obj=entry,
            action=AuditEvent.Action.CHANGED,
            changes={f: (before[f], after[f]) for f in after if before[f] != after[f]},
            by=by,
            subject=entry.service or entry.provider,
            sensitive=_entry_sensitive(entry),
        )
        _recompute_for_entry(entry, today)
    return entry


def _recompute_for_entry(entry, today):
    if entry.service_id:
        recompute(service_ids=[entry.service_id], today=today)
    else:
        ids = list(
            Service.objects.filter(provider_id=entry.provider_id).values_list("pk", flat=True)
        )
        recompute(service_ids=ids, today=today)


def record_enquiry(*, service, by, today, **fields):
    types = list(fields.get("risk_types") or [])
    if not types:
        raise ValidationError({"risk_types": "Select at least one type of risk"})
    if set(types) - set(RiskType.values):
        raise ValidationError({"risk_types": "Select types of risk from the list"})
    if fields.get("opened_on") and fields["opened_on"] > today:
        raise ValidationError({"opened_on": "The date opened must be today or in the past"})
    EnquiryKind(fields["kind"])
    with transaction.atomic():
        enquiry = SafeguardingEnquiry.objects.create(service=service, recorded_by=by, **fields)
        record_event(
            obj=enquiry,
            action=AuditEvent.Action.CREATED,
            changes={
                f: (None, v)
                for f, v in snapshot(enquiry, ENQUIRY_FIELDS).items()
                if v not in ("", [])
            },
            by=by,
            sensitive=SAFEGUARDING_SENSITIVE,
        )
        alerts.enquiry_opened(enquiry, by=by)
        recompute(service_ids=[service.pk], today=today)
    return enquiry


def close_enquiry(*, enquiry, by, today, closed_on, outcome, lessons=""):
    """Close an enquiry with its outcome; a care concern with the lessons the provider
    reported back."""
    with transaction.atomic():
        enquiry = SafeguardingEnquiry.objects.select_for_update().get(pk=enquiry.pk)
        if enquiry.closed_on:
            raise ValidationError("This enquiry is already closed")
        if closed_on is None:
            raise ValidationError({"closed_on": "Enter the date closed"})
        if closed_on < enquiry.opened_on or closed_on > today:
            raise ValidationError(
                {"closed_on": "The date closed must be between the date opened and today"}
            )
        if not outcome:
            raise ValidationError({"outcome": "Select the outcome"})
        if enquiry.kind == EnquiryKind.CARE_CONCERN and not lessons.strip():
            raise ValidationError({"lessons": "Enter the lessons the provider reported back"})
        enquiry.closed_on, enquiry.outcome, enquiry.lessons = closed_on, outcome, lessons.strip()
        enquiry.save()
        record_event(
            obj=enquiry,
            action=AuditEvent.Action.CHANGED,
            changes={
                "closed_on": (None, closed_on),
                "outcome": ("", outcome),
                **({"lessons": ("", enquiry.lessons)} if enquiry.lessons else {}),
            },
            by=by,
            sensitive=SAFEGUARDING_SENSITIVE,
        )
        recompute(service_ids=[enquiry.service_id], today=today)
    return enquiry


def current_weights() -> Weights:
    saved = dict(RiskWeight.objects.values_list("key", "points"))
    known = {k: v for k, v in saved.items() if k in Weights.names()}
    return replace(DEFAULT_WEIGHTS, **known)


def set_weights(*, by, today, values: dict):
    """A manager changes the weights (and thresholds); every change audited, then every
    score recomputed with them."""
    unknown = set(values) - set(Weights.names())
    if unknown:
        raise ValidationError(f"Unknown weights: {', '.join(sorted(unknown))}")
    errors = {
        k: "Enter a whole number from 0 to 100" for k, v in values.items() if not 0 <= v <= 100
    }
    new = replace(current_weights(), **values)
    if not errors and not new.medium_from < new.high_from < new.very_high_from:
        errors["medium_from"] = "The bands must start in order: medium, then high, then very high"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        old = current_weights()
        for key, points in values.items():
            if getattr(old, key) == points:
                continue
            weight, _ = RiskWeight.objects.get_or_create(key=key, defaults={"points": points})
            weight.points = points
            weight.save()
            record_event(
                obj=weight,
                action=AuditEvent.Action.CHANGED,
                changes={"points": (getattr(old, key), points)},
                by=by,
                note=key,
            )
        recompute(today=today)
    return current_weights()


def recompute(*, today, service_ids=None) -> dict:
    """Score `service_ids` (every active service if None) and keep what changed: the
    current score, and a history row when the score or band moves."""
    weights = current_weights()
    services = inputs.services_to_score()
    if service_ids is not None:
        services = Service.objects.filter(pk__in=list(service_ids))
    services = inputs.service_rows(services)
    existing_rows = ServiceRisk.objects.all()
    if service_ids is not None:
        existing_rows = existing_rows.filter(service_id__in=[s.pk for s in services])
    current = {
        row[1]: row
        for row in existing_rows.values_list("pk", "service_id", "score", "band", "reasons")
    }
    new, changed, history, rises = [], [], [], []
    everything = service_ids is None
    for facts in inputs.inputs_for(services, today=today, everything=everything):
        result = score(facts, today=today, weights=weights)
        reasons = [[r.words, r.points] for r in result.reasons]
        existing = current.get(facts.service_id)
        if existing is None:
            new.append(
                ServiceRisk(
                    service_id=facts.service_id,
                    score=result.score,
                    band=result.band,
                    reasons=reasons,
                    computed_on=today,
                )
            )
        elif tuple(existing[2:]) != (result.score, result.band, reasons):
            changed.append(
                ServiceRisk(
                    pk=existing[0],
                    service_id=facts.service_id,
                    score=result.score,
                    band=result.band,
                    reasons=reasons,
                    computed_on=today,
                )
            )
            if (existing[2], existing[3]) == (result.score, result.band):
                continue
            rises.append((facts.service_id, existing[3], result.band, result.score))
        else:
            continue
        history.append(
            RiskHistory(service_id=facts.service_id, on=today, score=result.score, band=result.band)
        )
    with transaction.atomic():
        ServiceRisk.objects.bulk_create(new, batch_size=2000)
        ServiceRisk.objects.bulk_update(
            changed, ["score", "band", "reasons", "computed_on"], batch_size=2000
        )
        RiskHistory.objects.bulk_create(history, batch_size=2000)
        alerts.bands_rose(rises, today=today)  # those that rose, of our services
    return {"scored": len(services), "new": len(new), "changed": len(changed)}
