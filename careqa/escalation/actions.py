"""Writing the escalation ladder: each step proposed, decided, reviewed and ended, audited
in its transaction, and the live contract's status set in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction

from careqa.audit.actions import record_event, snapshot
from careqa.audit.models import AuditEvent
from careqa.escalation import rules
from careqa.escalation.models import Condition, Notification, PeopleReview, Step
from careqa.escalation.vocab import (
    CONTRACT_STEPS,
    DefaultOutcome,
    Placements,
    StepKind,
    StepStatus,
    Told,
)
from careqa.providers.actions import set_contract_status
from careqa.providers.models import Contract
from careqa.providers.vocab import LIVE_CONTRACT_STATUSES

# The fields a person gives when taking a step; the rest are the system's.
STEP_FIELDS = (
    "reason",
    "evidence",
    "review_on",
    "placements",
    "placements_detail",
    "risk_assessment_shared_on",
    "clause",
    "failure",
    "remedy",
    "remedy_by",
    "override_reason",
)
AUDITED = ("kind", "status", *STEP_FIELDS, "decided_on", "by_meeting", "meeting_on")
NO_CONTRACT = "We hold no live contract with this service, so this step cannot change one"


def take_step(*, service, kind, by, today, decide, meeting_on=None, conditions=(), **fields):
    """Propose a step on `service`, or (`decide`, a manager) take it at once; a meeting's
    decision is recorded with `meeting_on`. Raise ValidationError, saving nothing, if a
    rule is broken."""
    unknown = set(fields) - set(STEP_FIELDS)
    if unknown:
        raise TypeError(f"not step fields: {', '.join(sorted(unknown))}")
    kind = StepKind(kind)
    with transaction.atomic():
        contract = None
        if kind in CONTRACT_STEPS:
            contract = (
                Contract.objects.select_for_update()
                .filter(service=service, status__in=LIVE_CONTRACT_STATUSES)
                .order_by("-start_date", "-pk")
                .first()
            )
        step = Step(
            service=service,
            contract=contract,
            kind=kind,
            status=StepStatus.PROPOSED,
            proposed_by=by,
            proposed_on=today,
            **fields,
        )
        _check_new(step, today, conditions)
        step.save()
        for text in conditions:
            Condition.objects.create(step=step, text=text)
        changes = {f: (None, v) for f, v in snapshot(step, AUDITED).items() if v not in ("", None)}
        if conditions:
            changes["conditions_for_lifting"] = (None, "; ".join(conditions))
        record_event(
            obj=step,
            action=AuditEvent.Action.CREATED,
            changes=changes,
            by=by,
            note=f"Proposed: {kind.label}" if not decide else "",
        )
        if decide:
            _decide(step, by=by, today=today, meeting_on=meeting_on)
    return step


def decide_step(*, step, by, today, agree=True, meeting_on=None, note="", review_on=None):
    """A manager (or the meeting) agrees a proposed step, putting it in force, or does not;
    `review_on` replaces the proposed review date."""
    with transaction.atomic():
        step = Step.objects.select_for_update().get(pk=step.pk)
        if step.status != StepStatus.PROPOSED:
            raise ValidationError("This step has already been decided")
        if agree:
            if review_on is not None:
                step.review_on = review_on
            _check_new(step, today, [c.text for c in step.conditions.all()], deciding=True)
            _decide(step, by=by, today=today, meeting_on=meeting_on)
        else:
            if not note.strip():
                raise ValidationError({"note": "Enter the reason the step is not agreed"})
            step.status = StepStatus.DECLINED
            step.decided_by, step.decided_on, step.end_reason = by, today, note.strip()
            step.save()
            record_event(
                obj=step,
                action=AuditEvent.Action.CHANGED,
                changes={"status": (StepStatus.PROPOSED, step.status)},
                by=by,
                note=note.strip()[:300],
            )
    return step


def end_step(*, step, by, today, reason, unmet_reason=""):
    """Lift a suspension or step down from any step in force; the reason is kept."""
    with transaction.atomic():
        step = Step.objects.select_for_update().get(pk=step.pk)
        if step.status != StepStatus.CURRENT:
            raise ValidationError("Only a step in force can be lifted or stepped down")
        if step.kind == StepKind.TERMINATION:
            raise ValidationError("A termination is final: it cannot be stepped down")
        if step.kind == StepKind.DEFAULT_NOTICE:
            raise ValidationError("A default notice ends with its outcome: record the outcome")
        error = rules.lift_error(
            conditions_met=[c.met for c in step.conditions.all()]
            if step.kind == StepKind.SUSPENSION
            else [],
            reason=reason,
            unmet_reason=unmet_reason,
        )
        if error:
            field = "reason" if not reason.strip() else "unmet_reason"
            raise ValidationError({field: error})
        step.status = StepStatus.ENDED
        step.ended_on, step.ended_by = today, by
        step.end_reason = "\n\n".join(t.strip() for t in (reason, unmet_reason) if t.strip())
        step.save()
        record_event(
            obj=step,
            action=AuditEvent.Action.CHANGED,
            changes={"status": (StepStatus.CURRENT, StepStatus.ENDED), "ended_on": (None, today)},
            by=by,
            note=reason.strip()[:300],
        )
        _follow_contract(step, by=by)
    return step


def record_outcome(*, step, by, today, outcome, note, remedy_by=None):
    """The outcome of a default notice: remedied or withdrawn (the record kept) close it;
    extended sets a new deadline; escalated keeps the contract in default until the next
    step (a termination closes the notice)."""
    outcome = DefaultOutcome(outcome)
    with transaction.atomic():
        step = Step.objects.select_for_update().get(pk=step.pk)
        if step.kind != StepKind.DEFAULT_NOTICE or step.status != StepStatus.CURRENT:
            raise ValidationError("Only an open default notice has an outcome to record")
        if not note.strip():
            raise ValidationError({"note": "Enter what happened"})
        before = snapshot(step, ("status", "outcome", "remedy_by"))
        step.outcome, step.outcome_note = outcome, note.strip()
        if outcome == DefaultOutcome.EXTENDED:
            if remedy_by is None or remedy_by < today:
                raise ValidationError({"remedy_by": "Enter a new deadline, today or in the future"})
            step.remedy_by = remedy_by
        elif outcome != DefaultOutcome.ESCALATED:
            step.status = StepStatus.ENDED
            step.ended_on, step.ended_by, step.end_reason = today, by, note.strip()
        step.save()
        after = snapshot(step, before)
        record_event(
            obj=step,
            action=AuditEvent.Action.CHANGED,
            changes={f: (before[f], after[f]) for f in before if before[f] != after[f]},
            by=by,
            note=f"{outcome.label}: {note.strip()}"[:300],
        )
        _follow_contract(step, by=by)
    return step


def record_review(*, step, by, today, notes, next_review_on):
    """A review of a step in force at its review date, and the next review date."""
    with transaction.atomic():
        step = Step.objects.select_for_update().get(pk=step.pk)
        if step.status != StepStatus.CURRENT:
            raise ValidationError("Only a step in force is reviewed")
        errors = {}
        if not notes.strip():
            errors["notes"] = "Enter what the review found"
        date_error = rules.review_date_error(next_review_on, today)
        if date_error:
            errors["next_review_on"] = date_error.replace("Review date", "Next review date")
        if errors:
            raise ValidationError(errors)
        before = step.review_on
        step.review_on = next_review_on
        step.save(update_fields=["review_on"])
        record_event(
            obj=step,
            action=AuditEvent.Action.CHANGED,
            changes={"review_on": (before, next_review_on)},
            by=by,
            note=f"Reviewed: {notes.strip()}"[:300],
        )
    return step


def mark_conditions(*, step, met_ids, by):
    """Mark which of a suspension's conditions for lifting are met (the rest are not)."""
    met_ids = {int(pk) for pk in met_ids}
    with transaction.atomic():
        for condition in Condition.objects.select_for_update().filter(step=step):
            met = condition.pk in met_ids
            if condition.met != met:
                condition.met = met
                condition.save(update_fields=["met"])
                record_event(
                    obj=condition,
                    action=AuditEvent.Action.CHANGED,
                    changes={"met": (not met, met)},
                    by=by,
                )


def record_notification(*, step, by, today, told, told_on, detail=""):
    """Record who was told of a suspension and when (not a day still to come)."""
    _check_suspension(step)
    errors = {}
    if told not in Told.values:
        errors["told"] = "Select who was told"
    if told_on is None:
        errors["told_on"] = "Enter the date they were told"
    elif told_on > today:
        errors["told_on"] = "Date they were told must be today or in the past"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        notification = Notification.objects.create(
            step=step, told=told, told_on=told_on, detail=detail.strip()
        )
        record_event(
            obj=notification,
            action=AuditEvent.Action.CREATED,
            changes={
                "told": (None, told),
                "detail": (None, detail.strip()),
                "told_on": (None, told_on),
            },
            by=by,
        )
    return notification


def add_people_review(*, step, by, reference, people):
    """A review of people already living at a suspended service, outstanding until done."""
    _check_suspension(step)
    reference = " ".join(reference.split())
    if not reference:
        raise ValidationError({"reference": "Enter a placement reference or who is reviewed"})
    if not people or people < 1:
        raise ValidationError({"people": "Number of people must be 1 or more"})
    with transaction.atomic():
        review = PeopleReview.objects.create(step=step, reference=reference, people=people)
        record_event(
            obj=review,
            action=AuditEvent.Action.CREATED,
            changes={"reference": (None, reference), "people": (None, people)},
            by=by,
        )
    return review


def mark_people_review_done(*, review, by, today):
    with transaction.atomic():
        review = PeopleReview.objects.select_for_update().get(pk=review.pk)
        if review.done_on is None:
            review.done_on = today
            review.save(update_fields=["done_on"])
            record_event(
                obj=review,
                action=AuditEvent.Action.CHANGED,
                changes={"done_on": (None, today)},
                by=by,
            )
    return review


def _check_suspension(step):
    if step.kind != StepKind.SUSPENSION or step.status != StepStatus.CURRENT:
        raise ValidationError("Only a suspension in force takes this record")


def _check_new(step, today, conditions, deciding=False):
    errors = {}
    if step.kind in CONTRACT_STEPS and step.contract is None:
        errors["__all__"] = [NO_CONTRACT]
    if not step.reason.strip():
        errors["reason"] = ["Enter the reason"]
    if not step.evidence.strip():
        errors["evidence"] = ["Enter the evidence"]
    if step.kind != StepKind.TERMINATION:
        date_error = rules.review_date_error(step.review_on, today)
        if date_error:
            errors["review_on"] = [date_error]
    if step.kind == StepKind.SUSPENSION:
        already = Step.objects.filter(
            service=step.service, kind=StepKind.SUSPENSION, status=StepStatus.CURRENT
        )
        if already.exclude(pk=step.pk).exists():
            errors["__all__"] = ["New placements at this service are already suspended"]
        if step.placements not in Placements.values:
            errors["placements"] = ["Select whether all or some new placements are suspended"]
        elif step.placements == Placements.SOME and not step.placements_detail.strip():
            errors["placements_detail"] = ["Enter which placements are suspended"]
        if not any(text.strip() for text in conditions):
            errors["conditions"] = ["Enter at least one condition for lifting"]
    if step.kind == StepKind.DEFAULT_NOTICE:
        for field, words in (
            ("clause", "the contract clause"),
            ("failure", "what was not done"),
            ("remedy", "the remedy"),
        ):
            if not getattr(step, field).strip():
                errors[field] = [f"Enter {words}"]
        if step.remedy_by is None:
            errors["remedy_by"] = ["Enter the deadline for the remedy"]
        elif step.remedy_by < today:
            errors["remedy_by"] = ["Deadline for the remedy must be today or in the future"]
    if step.kind == StepKind.TERMINATION:
        had_default = Step.objects.filter(
            service=step.service,
            kind=StepKind.DEFAULT_NOTICE,
            status__in=(StepStatus.CURRENT, StepStatus.ENDED),
        ).exists()
        error = rules.termination_error(
            had_default_notice=had_default, override_reason=step.override_reason
        )
        if error:
            errors["override_reason"] = [error]
    if errors:
        raise ValidationError(errors)


def _decide(step, *, by, today, meeting_on):
    step.status = StepStatus.CURRENT
    step.decided_on = today
    step.decided_by = by
    step.by_meeting = meeting_on is not None
    step.meeting_on = meeting_on
    step.save()
    who = f"the meeting of {meeting_on:%-d %B %Y}" if meeting_on else "a manager"
    record_event(
        obj=step,
        action=AuditEvent.Action.CHANGED,
        changes={
            "status": (StepStatus.PROPOSED, StepStatus.CURRENT),
            "decided_on": (None, today),
            "meeting_on": (None, meeting_on),
        },
        by=by,
        note=f"{step.get_kind_display()} decided by {who}"[:300],
    )
    if step.kind == StepKind.TERMINATION:
        _close_superseded(step, by=by, today=today)
    _follow_contract(step, by=by)


def _close_superseded(termination, *, by, today):
    """A terminated contract has no suspension or default notice left to lift."""
    others = Step.objects.filter(service=termination.service, status=StepStatus.CURRENT).exclude(
        pk=termination.pk
    )
    for other in others:
        other.status = StepStatus.ENDED
        other.ended_on, other.ended_by = today, by
        other.end_reason = "Superseded by the contract's termination"
        if other.kind == StepKind.DEFAULT_NOTICE:
            other.outcome = DefaultOutcome.ESCALATED
        other.save()
        record_event(
            obj=other,
            action=AuditEvent.Action.CHANGED,
            changes={"status": (StepStatus.CURRENT, StepStatus.ENDED)},
            by=by,
            note=other.end_reason,
        )


def _follow_contract(step, *, by):
    """Set the live contract's status from every step now in force on the service."""
    if step.contract_id is None:
        return
    kinds = Step.objects.filter(
        contract_id=step.contract_id, status=StepStatus.CURRENT
    ).values_list("kind", flat=True)
    status = rules.contract_status_for(kinds)
    set_contract_status(
        contract=step.contract, status=status, by=by, note=f"Escalation: {step}"[:300]
    )
