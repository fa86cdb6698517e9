"""Writing action plans. Each action takes the acting user as `by=`, runs in one
transaction and writes its audit event inside it (ADR 0003); the event's subject (the
service) comes from the record's SERVICE_PATH."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from careqa.audit.actions import record_event, snapshot
from careqa.audit.models import AuditEvent
from careqa.plans import rules
from careqa.plans.models import (
    ActionPlan,
    Attachment,
    PlanItem,
    ProgressNote,
    Response,
    ResponseAction,
)
from careqa.plans.vocab import ItemSource, ItemState, PlanStatus

CREATED, CHANGED = AuditEvent.Action.CREATED, AuditEvent.Action.CHANGED
ITEM_FIELDS = ("area", "remedy", "priority", "evidence_needed", "owner", "source")


def _created(obj, fields):
    return {field: (None, value) for field, value in snapshot(obj, fields).items()}


def _date(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _not_before(day, earliest, *, field, what):
    if day is not None and day < earliest:
        raise ValidationError(
            {field: f"{what} must be on or after {_date(earliest)}, when the plan was opened"}
        )


def _not_after(day, today, *, field, what):
    if day is not None and day > today:
        raise ValidationError({field: f"{what} must be today or in the past"})


def response_days() -> int:
    return settings.CAREQA_RESPONSE_DUE_DAYS


# ---- Plans and items -----------------------------------------------------------------------


def open_plan(*, service, by, today, report=None) -> ActionPlan:
    """The service's open plan, opened now if it has none (response due from today)."""
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().filter(
            service=service, status=PlanStatus.OPEN
        )
        plan = plan.first()
        if plan is not None:
            return plan
        plan = ActionPlan.objects.create(
            service=service,
            report=report,
            opened_on=today,
            response_due=rules.response_due(today, days=response_days()),
        )
        record_event(
            obj=plan,
            action=CREATED,
            changes=_created(plan, ["opened_on", "response_due", "report"]),
            by=by,
        )
    return plan


def open_plan_from_report(*, report, by, today) -> ActionPlan | None:
    """Issuing a report with required actions opens (or adds to) the service's plan: one
    item for each required action not already in a plan. None when there are none."""
    required = list(report.visit.required_actions.all())
    with transaction.atomic():
        taken = set(
            PlanItem.objects.filter(required_action__in=required).values_list(
                "required_action_id", flat=True
            )
        )
        fresh = [r for r in required if r.pk not in taken]
        if not fresh:
            return None
        plan = open_plan(service=report.visit.service, by=by, today=today, report=report)
        for required_action in fresh:
            _new_item(
                plan=plan,
                by=by,
                today=today,
                area=required_action.area,
                remedy=required_action.action,
                priority=required_action.priority,
                source=ItemSource.VISIT,
                required_action=required_action,
                note=f"From the {report}",
            )
    return plan


def _new_item(*, plan, by, today, note="", **fields) -> PlanItem:
    item = PlanItem(plan=plan, added_on=today, **fields)
    item.full_clean(exclude=["plan", "required_action"])
    item.save()
    record_event(obj=item, action=CREATED, changes=_created(item, ITEM_FIELDS), by=by, note=note)
    return item


def add_item(*, plan, by, today, **fields) -> PlanItem:
    """An item added by an officer later: from desktop monitoring, a complaint, a visit."""
    allowed = set(ITEM_FIELDS)
    if set(fields) - allowed:
        raise TypeError(f"not item fields: {sorted(set(fields) - allowed)}")
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != PlanStatus.OPEN:
            raise ValidationError("This plan is closed: open a new plan for the service")
        return _new_item(plan=plan, by=by, today=today, **fields)


def add_item_for_service(*, service, by, today, **fields) -> PlanItem:
    """An item for a service: it joins the open plan, which is opened if there is none."""
    with transaction.atomic():
        plan = open_plan(service=service, by=by, today=today)
        return add_item(plan=plan, by=by, today=today, **fields)


# ---- The provider's response ----------------------------------------------------------------


def record_response(*, plan, by, received_on, actions, today, on_behalf_of_provider=True):
    """The provider's response: `actions` is [(item, how, who, by_when)], one or more for
    each item it answers. Dates before the plan existed are refused."""
    _not_before(received_on, plan.opened_on, field="received_on", what="The date received")
    _not_after(received_on, today, field="received_on", what="The date received")
    if not actions:
        raise ValidationError("Enter at least one action: how an item will be met")
    errors = {}
    for item, how, who, by_when in actions:
        if item.plan_id != plan.pk:
            raise ValidationError(f"‘{item}’ is not in this plan")
        if not how.strip() or not who.strip() or by_when is None:
            errors[f"item-{item.pk}-how"] = "Say how the item will be met, by whom and by when"
        elif by_when < plan.opened_on:
            errors[f"item-{item.pk}-by_when"] = (
                f"By when must be on or after {_date(plan.opened_on)}, when the plan was opened"
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
        response = Response.objects.create(
            plan=plan,
            received_on=received_on,
            entered_by=by,
            on_behalf_of_provider=on_behalf_of_provider,
        )
        record_event(
            obj=response,
            action=CREATED,
            changes=_created(response, ["received_on", "on_behalf_of_provider"]),
            by=by,
        )
        for item, how, who, by_when in actions:
            row = ResponseAction.objects.create(
                response=response, item=item, how=how.strip(), who=who.strip(), by_when=by_when
            )
            record_event(
                obj=row,
                action=CREATED,
                changes=_created(row, ["item", "how", "who", "by_when"]),
                by=by,
            )
    return response


def submit_provider_response(*, plan, by, actions, today) -> Response:
    """A provider user's response through the portal: refused until every item still to be
    done has at least one action, so the officer receives a whole response."""
    answered = {item.pk for item, *_ in actions}
    missing = [i for i in plan.items.exclude(state=ItemState.VERIFIED) if i.pk not in answered]
    if missing:
        raise ValidationError(
            {
                f"item-{item.pk}-how": "Say how this item will be met, by whom and by when"
                for item in missing
            }
        )
    if plan.responses.filter(accepted_on__isnull=True).exists():
        raise ValidationError("Your last response is waiting for your QA officer")
    return record_response(
        plan=plan,
        by=by,
        received_on=today,
        actions=actions,
        today=today,
        on_behalf_of_provider=False,
    )


def items_without_an_action(response) -> list[PlanItem]:
    """The plan's items still to be done that the response gives no action for."""
    answered = set(response.actions.values_list("item_id", flat=True))
    items = response.plan.items.exclude(state=ItemState.VERIFIED)
    return [item for item in items if item.pk not in answered]


def accept_response(*, response, by, today, note="") -> Response:
    """Accept the response: every item needs at least one action. Accepting agrees each item
    awaiting a response, with the latest date the response gave it. An officer accepting a
    response they entered on the provider's behalf must say why in a note."""
    note = (note or "").strip()
    with transaction.atomic():
        response = Response.objects.select_for_update().select_related("plan").get(pk=response.pk)
        if response.accepted_on is not None:
            raise ValidationError("This response has been accepted already")
        missing = items_without_an_action(response)
        if missing:
            raise ValidationError(
                "The response cannot be accepted until every item has at least one action: "
                + "; ".join(f"‘{item}’" for item in missing)
            )
        if response.on_behalf_of_provider and response.entered_by_id == by.pk and not note:
            raise ValidationError(
                {
                    "note": "You entered this response on the provider's behalf: add a note "
                    "saying how the provider confirmed it, or ask a colleague to accept it"
                }
            )
        response.accepted_on, response.accepted_by = today, by
        response.acceptance_note = note
        response.save(update_fields=["accepted_on", "accepted_by", "acceptance_note"])
        record_event(
            obj=response,
            action=CHANGED,
            changes={"accepted_on": (None, today)},
            by=by,
            note=note,
        )
        dates, owners = {}, {}
        for row in response.actions.all():
            dates[row.item_id] = max(dates.get(row.item_id, row.by_when), row.by_when)
            owners.setdefault(row.item_id, row.who)
        for item in response.plan.items.select_for_update():
            if item.state == ItemState.AWAITING_RESPONSE:
                # An item from a report has no owner yet: the response names who will do it.
                extra = {"due_on": dates.get(item.pk), "owner": item.owner or owners[item.pk]}
                _move(item, ItemState.AGREED, by=by, extra=extra)
    return response


# ---- Item states ------------------------------------------------------------------------------


def _move(item, to, *, by, extra=None, note=""):
    if not rules.may_move(item.state, to):
        raise ValidationError(
            f"An item that is {item.get_state_display().lower()} cannot be moved to "
            f"{ItemState(to).label.lower()}"
        )
    extra = extra or {}
    before = snapshot(item, ["state", *extra])
    item.state = to
    for field, value in extra.items():
        setattr(item, field, value)
    changes = {f: (old, getattr(item, f)) for f, old in before.items() if old != getattr(item, f)}
    item.save(update_fields=list(changes))
    record_event(obj=item, action=CHANGED, changes=changes, by=by, note=note)
    return item


def _locked(item):
    return PlanItem.objects.select_for_update().select_related("plan").get(pk=item.pk)


def agree_item(*, item, by, due_on=None, today) -> PlanItem:
    with transaction.atomic():
        item = _locked(item)
        _not_before(due_on, item.plan.opened_on, field="due_on", what="The date it is due")
        return _move(item, ItemState.AGREED, by=by, extra={"due_on": due_on or item.due_on})


def start_item(*, item, by) -> PlanItem:
    with transaction.atomic():
        return _move(_locked(item), ItemState.IN_PROGRESS, by=by)


def complete_item(*, item, by, evidence, completed_on, today) -> PlanItem:
    """Completed by the provider, with the evidence that it is done."""
    evidence = (evidence or "").strip()
    if not evidence:
        raise ValidationError({"evidence": "Enter the evidence that shows the item is done"})
    with transaction.atomic():
        item = _locked(item)
        _not_before(completed_on, item.plan.opened_on, field="completed_on", what="The date")
        _not_after(completed_on, today, field="completed_on", what="The date completed")
        return _move(
            item,
            ItemState.COMPLETED,
            by=by,
            extra={
                "completion_evidence": evidence,
                "completed_on": completed_on,
                "completed_by": by,
            },
        )


def provider_complete_item(*, item, by, evidence, today) -> PlanItem:
    """The provider says an agreed (or reopened) item is done: it is started, if it was
    not, and completed in one step, for the officer to verify."""
    with transaction.atomic():
        item = _locked(item)
        if item.state in (ItemState.AGREED, ItemState.REOPENED):
            _move(item, ItemState.IN_PROGRESS, by=by)
        return complete_item(item=item, by=by, evidence=evidence, completed_on=today, today=today)


def verify_item(*, item, by, today, note="") -> PlanItem:
    """The officer verifies a completed item. An officer who recorded the completion on the
    provider's behalf must say in a note how they checked it."""
    note = (note or "").strip()
    with transaction.atomic():
        item = _locked(item)
        if item.state == ItemState.COMPLETED and item.completed_by_id == by.pk and not note:
            raise ValidationError(
                {
                    "note": "You recorded this item's completion on the provider's behalf: add "
                    "a note saying how you checked the evidence"
                }
            )
        _move(
            item,
            ItemState.VERIFIED,
            by=by,
            extra={"verified_on": today, "verified_by": by, "verification_note": note},
            note=note,
        )
        _close_when_all_verified(item.plan, by=by)
    return item


def _close_when_all_verified(plan, *, by):
    """The plan is done when every action is completed satisfactorily (DOMAIN.md): the last
    item verified closes it, so the service's next findings open a new plan."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == PlanStatus.OPEN and not plan.items.exclude(state=ItemState.VERIFIED).exists():
        plan.status = PlanStatus.CLOSED
        plan.save(update_fields=["status"])
        record_event(
            obj=plan,
            action=CHANGED,
            changes={"status": (PlanStatus.OPEN, PlanStatus.CLOSED)},
            by=by,
            note="Every item is verified",
        )


def reopen_item(*, item, by, reason) -> PlanItem:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the item is reopened"})
    with transaction.atomic():
        return _move(
            _locked(item),
            ItemState.REOPENED,
            by=by,
            extra={"reopened_reason": reason},
            note=reason,
        )


# ---- Progress notes and documents ---------------------------------------------------------------


def add_progress_note(*, item, by, noted_on, source, text, today) -> ProgressNote:
    text = (text or "").strip()
    with transaction.atomic():
        item = _locked(item)
        _not_before(noted_on, item.plan.opened_on, field="noted_on", what="The date")
        _not_after(noted_on, today, field="noted_on", what="The date")
        note = ProgressNote(item=item, noted_on=noted_on, source=source, text=text, written_by=by)
        note.full_clean(exclude=["item", "written_by"])
        note.save()
        record_event(
            obj=note, action=CREATED, changes=_created(note, ["noted_on", "source", "text"]), by=by
        )
    return note


# How each allowed kind of document begins (DOCX and XLSX are ZIP files).
FILE_SIGNATURES = {
    "pdf": b"%PDF-",
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
}


def check_document(upload):
    """Refuse a document too big or of a kind not allowed (by its name's ending)."""
    limit = settings.CAREQA_ATTACHMENT_MAX_BYTES
    allowed = settings.CAREQA_ATTACHMENT_TYPES
    ending = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if ending not in allowed:
        kinds = [k.upper() for k in allowed if k != "jpeg"]
        kinds = ", ".join(kinds[:-1]) + f" or {kinds[-1]}" if len(kinds) > 1 else kinds[0]
        raise ValidationError({"file": f"The file must be a {kinds}"})
    if upload.size > limit:
        raise ValidationError(
            {"file": f"The file must be smaller than {limit // (1024 * 1024)} MB"}
        )
    # The name's ending is the sender's claim: the first bytes must agree with it, so an
    # executable renamed .pdf is refused.
    start = upload.read(8)
    upload.seek(0)
    if not start.startswith(FILE_SIGNATURES[ending]):
        raise ValidationError(
            {"file": f"The file is not a {ending.upper()} file, whatever its name says"}
        )


def attach_document(*, item, by, upload) -> Attachment:
    """Store the document through Django's storage API and record it; never deleted."""
    check_document(upload)
    original = upload.name.replace("\\", "/").rsplit("/", 1)[-1][:255]
    name = default_storage.save(f"plans/{timezone.localdate():%Y/%m}/{original}", upload)
    try:
        with transaction.atomic():
            item = _locked(item)
            attachment = Attachment.objects.create(
                item=item, file=name, original_name=original, size=upload.size, uploaded_by=by
            )
            record_event(
                obj=attachment,
                action=CREATED,
                changes=_created(attachment, ["original_name", "size"]),
                by=by,
            )
    except Exception:
        # Nothing recorded: the stored file must not linger unrecorded.
        default_storage.delete(name)
        raise
    return attachment


# ---- Follow-up visit ----------------------------------------------------------------------------


def book_follow_up_visit(*, item, by, planned_on, lead_officer, visit_type="service_review"):
    """A follow-up visit to check an item: it lands in the programme."""
    from careqa.visits.actions import add_visit

    with transaction.atomic():
        item = _locked(item)
        visit = add_visit(
            service=item.plan.service,
            by=by,
            planned_on=planned_on,
            lead_officer=lead_officer,
            visit_type=visit_type,
            reasons=f"Follow-up of an action plan item: {item}",
        )
        record_event(
            obj=item, action=CHANGED, changes={}, by=by, note=f"Follow-up visit booked: {visit}"
        )
    return visit
