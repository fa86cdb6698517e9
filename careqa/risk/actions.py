"""Writing intelligence, safeguarding enquiries, the score's weights and the scores
themselves: each write audited in its transaction; a change to an input recomputes the
service's score in the same transaction."""

import json
from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import TextField
from django.db.models.functions import Cast

from careqa.accounts.permissions import Permission
from careqa.audit.actions import record_event, snapshot
from careqa.audit.models import AuditEvent
from careqa.providers.models import Service
from careqa.risk import alerts, inputs
from careqa.risk.models import (
    ConcernSuspension,
    IntelligenceEntry,
    ProviderConcern,
    RiskHistory,
    RiskWeight,
    SafeguardingEnquiry,
    ServiceRisk,
    StrategyMeetingAttendee,
)
from careqa.risk.rules import concerns as concern_rules
from careqa.risk.rules.score import DEFAULT_WEIGHTS, Weights, score
from careqa.risk.vocab import ConcernStatus, ConcernTrigger, EnquiryKind, EntryStatus, RiskType

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


def _insert(model, columns, rows):
    """Rows inserted as plain values, many to a statement: the first scoring of a register
    makes tens of thousands, and a model instance for each costs more than the writing."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(map(quote, columns))
    if connection.vendor == "postgresql":
        # COPY: PostgreSQL's own bulk load, the reasons' JSON text read as jsonb.
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    head = f"INSERT INTO {table} ({names}) VALUES "
    size = max(1, (connection.features.max_query_params or 2000) // len(columns))
    size = min(size, 1000)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            cursor.execute(head + ", ".join([one] * len(batch)), [v for row in batch for v in row])


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
    # The saved reasons as their JSON text, compared with the new ones' text: parsing tens
    # of thousands of lists costs more than the rest of the comparison. A text that differs
    # only in its spelling (a database's own JSON form) merely rewrites an unchanged row.
    current = {
        row[1]: row
        for row in existing_rows.values_list(
            "pk", "service_id", "score", "band", Cast("reasons", TextField())
        )
    }
    new, changed, history, rises = [], [], [], []
    everything = service_ids is None
    # Services with the same evidence (the same rating on the same day, nothing else known:
    # most of the register) share one score: each is computed once.
    scored = {}
    for facts in inputs.inputs_for(services, today=today, everything=everything):
        key = tuple(facts.__dict__.values())[1:]  # every field but the service's id
        if key not in scored:
            result = score(facts, today=today, weights=weights)
            reasons = [[r.words, r.points] for r in result.reasons]
            scored[key] = (result, reasons, json.dumps(reasons))
        result, reasons, text = scored[key]
        existing = current.get(facts.service_id)
        if existing is None:
            new.append((facts.service_id, result.score, result.band, text))
        elif tuple(existing[2:]) != (result.score, result.band, text):
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
        history.append((facts.service_id, result.score, result.band))
    with transaction.atomic():
        day = connection.ops.adapt_datefield_value(today)
        _insert(
            ServiceRisk,
            ("service_id", "score", "band", "reasons", "computed_on"),
            [(*row, day) for row in new],
        )
        ServiceRisk.objects.bulk_update(
            changed, ["score", "band", "reasons", "computed_on"], batch_size=2000
        )
        _insert(
            RiskHistory, ("service_id", "score", "band", "on"), [(*row, day) for row in history]
        )
        alerts.bands_rose(rises, today=today)  # those that rose, of our services
    return {"scored": len(services), "new": len(new), "changed": len(changed)}


CONCERN_SENSITIVE = {"*": Permission.VIEW_PROVIDER_CONCERN_DETAILS}
CONCERN_FIELDS = ("triggers", "decision", "decided_by", "opened_on", "lead_officer")


def _concern_event(concern, *, by, action, changes, note=""):
    record_event(
        obj=concern,
        action=action,
        changes=changes,
        by=by,
        subject=concern.subject,
        sensitive=CONCERN_SENSITIVE,
        note=note,
    )


def concern_services(concern) -> list:
    """The services a concern covers: its service, or every active service of its provider."""
    if concern.service_id:
        return [concern.service]
    return list(Service.objects.filter(provider_id=concern.provider_id, active=True).order_by("pk"))


def open_provider_concern(
    *,
    by,
    today,
    triggers,
    decision,
    decided_by,
    lead_officer,
    service=None,
    provider=None,
    opened_on=None,
    suspension=None,
):
    """A manager opens a provider concern about `service`, or `provider` (all its services).

    The strategy meeting falls due CAREQA_STRATEGY_MEETING_WORKING_DAYS working days after
    opening. With `suspension` (a dict: review_on, placements, placements_detail,
    conditions), new placements are suspended at once through the escalation ladder at
    each service covered that we hold a live contract with, in the same transaction: if the
    ladder refuses any of them, nothing is saved and its message is raised.

    The one action that opens a concern (alerts are wired to it).
    """
    from careqa.escalation.actions import NO_CONTRACT, take_step
    from careqa.escalation.models import Step
    from careqa.escalation.vocab import StepKind, StepStatus
    from careqa.providers.models import Contract
    from careqa.providers.vocab import LIVE_CONTRACT_STATUSES

    opened_on = opened_on or today
    errors = {}
    if (service is None) == (provider is None):
        raise ValidationError("A provider concern is about one service or one provider")
    triggers = list(dict.fromkeys(triggers or []))
    if not triggers:
        errors["triggers"] = "Select what led to the provider concern"
    elif set(triggers) - set(ConcernTrigger.values):
        errors["triggers"] = "Select what led to it from the list"
    if not str(decision).strip():
        errors["decision"] = "Enter the decision and its reasons"
    if not str(decided_by).strip():
        errors["decided_by"] = "Enter who made the decision"
    if lead_officer is None:
        errors["lead_officer"] = "Select the lead officer"
    if opened_on > today:
        errors["opened_on"] = "The date opened must be today or in the past"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        concern = ProviderConcern.objects.create(
            service=service,
            provider=provider,
            triggers=triggers,
            decision=decision.strip(),
            decided_by=decided_by.strip(),
            opened_on=opened_on,
            opened_by=by,
            lead_officer=lead_officer,
            strategy_meeting_due=concern_rules.strategy_meeting_due(
                opened_on, settings.CAREQA_STRATEGY_MEETING_WORKING_DAYS
            ),
        )
        _concern_event(
            concern,
            by=by,
            action=AuditEvent.Action.CREATED,
            changes={
                **{f: (None, v) for f, v in snapshot(concern, CONCERN_FIELDS).items()},
                "strategy_meeting_due": (None, concern.strategy_meeting_due),
            },
        )
        covered = concern_services(concern)
        if suspension is not None:
            live = set(
                Contract.objects.filter(
                    service__in=covered, status__in=LIVE_CONTRACT_STATUSES
                ).values_list("service_id", flat=True)
            )
            to_suspend = covered
            if service is None:
                # A whole provider: each service we commission, but those already
                # suspended keep their suspension (the ladder would refuse a second).
                if not live:
                    raise ValidationError({"__all__": [NO_CONTRACT]})
                already = set(
                    Step.objects.filter(
                        service_id__in=live, kind=StepKind.SUSPENSION, status=StepStatus.CURRENT
                    ).values_list("service_id", flat=True)
                )
                to_suspend = [s for s in covered if s.pk in live and s.pk not in already]
            for each in to_suspend:
                step = take_step(
                    service=each,
                    kind=StepKind.SUSPENSION,
                    by=by,
                    today=today,
                    decide=True,
                    reason=f"Provider concern opened: {concern.decision}"[:2000],
                    evidence="; ".join(concern.trigger_labels),
                    review_on=suspension.get("review_on"),
                    placements=suspension.get("placements", ""),
                    placements_detail=suspension.get("placements_detail", ""),
                    conditions=[c for c in suspension.get("conditions", ()) if c.strip()],
                )
                ConcernSuspension.objects.create(concern=concern, step=step)
        alerts.concern_opened(concern, covered, by=by)
        recompute(service_ids=[s.pk for s in covered], today=today)
    return concern


def _locked_concern(concern, to):
    concern = ProviderConcern.objects.select_for_update().get(pk=concern.pk)
    error = concern_rules.transition_error(concern.status, to)
    if error:
        raise ValidationError(error)
    return concern


def record_strategy_meeting(*, concern, by, today, held_on, attendees, notes=""):
    """The strategy meeting held on `held_on`, with its attendees (name, role, organisation)."""
    errors = {}
    if held_on is None:
        errors["held_on"] = "Enter the date of the strategy meeting"
    elif held_on > today or held_on < concern.opened_on:
        errors["held_on"] = "The date of the meeting must be between the date opened and today"
    people = [
        tuple(" ".join(str(part).split()) for part in person)
        for person in attendees
        if any(str(part).strip() for part in person)
    ]
    if not people:
        errors["attendees"] = "Enter at least one attendee"
    elif any(not all(person) for person in people):
        errors["attendees"] = "Enter each attendee's name, role and organisation"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        concern = _locked_concern(concern, ConcernStatus.MEETING_HELD)
        concern.status = ConcernStatus.MEETING_HELD
        concern.strategy_meeting_on = held_on
        concern.strategy_meeting_notes = notes.strip()
        concern.save()
        StrategyMeetingAttendee.objects.bulk_create(
            StrategyMeetingAttendee(concern=concern, name=n, role=r, organisation=o)
            for n, r, o in people
        )
        _concern_event(
            concern,
            by=by,
            action=AuditEvent.Action.CHANGED,
            changes={
                "status": (ConcernStatus.OPEN, ConcernStatus.MEETING_HELD),
                "strategy_meeting_on": (None, held_on),
                "attendees": (None, "; ".join(", ".join(p) for p in people)),
                **(
                    {"strategy_meeting_notes": (None, concern.strategy_meeting_notes)}
                    if concern.strategy_meeting_notes
                    else {}
                ),
            },
        )
    return concern


def update_concern_plan(*, concern, by, plan, commissioning_intentions):
    """The risk and improvement plan and the commissioning intentions, until the close."""
    with transaction.atomic():
        concern = ProviderConcern.objects.select_for_update().get(pk=concern.pk)
        if not concern_rules.plan_editable(concern.status):
            raise ValidationError("This provider concern is closed")
        before = snapshot(concern, ("plan", "commissioning_intentions"))
        concern.plan, concern.commissioning_intentions = (
            plan.strip(),
            commissioning_intentions.strip(),
        )
        after = snapshot(concern, before)
        changes = {f: (before[f], after[f]) for f in before if before[f] != after[f]}
        if not changes:
            return concern
        concern.save(update_fields=list(changes))
        _concern_event(concern, by=by, action=AuditEvent.Action.CHANGED, changes=changes)
    return concern


def close_provider_concern(*, concern, by, today, closed_on, findings):
    """Close a concern with its findings: final. A suspension it led to stays until lifted
    on the ladder (its own conditions decide)."""
    errors = {}
    if closed_on is None:
        errors["closed_on"] = "Enter the date closed"
    elif closed_on > today or closed_on < concern.opened_on:
        errors["closed_on"] = "The date closed must be between the date opened and today"
    if not findings.strip():
        errors["findings"] = "Enter the findings"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        concern = _locked_concern(concern, ConcernStatus.CLOSED)
        if concern.strategy_meeting_on and closed_on < concern.strategy_meeting_on:
            raise ValidationError(
                {"closed_on": "The date closed must be on or after the strategy meeting"}
            )
        before = concern.status
        concern.status, concern.closed_on, concern.findings = (
            ConcernStatus.CLOSED,
            closed_on,
            findings.strip(),
        )
        concern.save()
        _concern_event(
            concern,
            by=by,
            action=AuditEvent.Action.CHANGED,
            changes={
                "status": (before, ConcernStatus.CLOSED),
                "closed_on": (None, closed_on),
                "findings": ("", concern.findings),
            },
        )
        recompute(service_ids=[s.pk for s in concern_services(concern)], today=today)
    return concern
