"""Writing meetings: a meeting and who came, its agenda built from the registered sections,
items added by hand, a decision on each (taking the escalation step or booking the visit it
names, in the same transaction) and the minutes approved. Each change is audited in its
transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from careqa.accounts.authz import has_permission
from careqa.audit.actions import record_event, snapshot
from careqa.audit.models import AuditEvent
from careqa.escalation import actions as escalation
from careqa.escalation.models import Step
from careqa.escalation.vocab import StepKind, StepStatus
from careqa.meetings import agenda, kinds, rules
from careqa.meetings.models import AgendaItem, Attendee, Decision, Meeting, MeetingAction
from careqa.meetings.vocab import MeetingStatus, Outcome, Profession

CREATED, CHANGED = AuditEvent.Action.CREATED, AuditEvent.Action.CHANGED
# What the person gives for each kind of step (careqa.escalation.actions.STEP_FIELDS).
STEP_FIELDS = {
    StepKind.MONITORING: ("review_on",),
    StepKind.REFERRAL: ("review_on",),
    StepKind.SUSPENSION: (
        "review_on",
        "placements",
        "placements_detail",
        "risk_assessment_shared_on",
    ),
    StepKind.DEFAULT_NOTICE: ("review_on", "clause", "failure", "remedy", "remedy_by"),
}
PERMISSION_WORDS = {
    "decide_escalation": "Only a QA manager records a decision that takes or lifts an "
    "escalation step: ask a manager to record it",
    "plan_programme": "Only a QA manager books a further visit into the programme: ask a "
    "manager to record it",
}


def _day(date: datetime.date) -> str:
    return f"{date.day} {date:%B %Y}"


def create_meeting(*, kind, held_on, council, chair, by, attendees=()) -> Meeting:
    """A planned meeting; `attendees` are (role, organisation, name[, profession]) rows,
    blank ones left out. Raise ValidationError naming the field or row, saving nothing."""
    errors = {}
    if kind not in kinds.KINDS:
        errors["kind"] = "Select the kind of meeting"
    if held_on is None:
        errors["held_on"] = "Enter the date of the meeting"
    if council is None:
        errors["council"] = "Select the area the meeting covers"
    chair = " ".join((chair or "").split())
    if not chair:
        errors["chair"] = "Enter who chairs the meeting"
    rows = _attendee_rows(attendees, errors, professions=kinds.get(kind).professions)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            kind=kind, held_on=held_on, council=council, chair=chair, created_by=by
        )
        record_event(
            obj=meeting,
            action=CREATED,
            changes={
                "kind": (None, kind),
                "held_on": (None, held_on),
                "council": (None, str(council)),
                "chair": (None, chair),
            },
            by=by,
        )
        for role, organisation, name, profession in rows:
            _add_attendee(
                meeting,
                role=role,
                organisation=organisation,
                name=name,
                profession=profession,
                by=by,
            )
    return meeting


def _attendee_rows(attendees, errors, *, professions=False):
    """Clean (role, organisation, name, profession) rows; a kind that records professions
    needs one for each attendee."""
    rows = []
    for number, row in enumerate(attendees, start=1):
        role, organisation, name, profession = (*row, "")[:4]
        role, organisation, name = (" ".join((v or "").split()) for v in (role, organisation, name))
        profession = (profession or "").strip()
        if not (role or organisation or name or profession):
            continue
        if not role:
            errors[f"attendee_{number}_role"] = f"Attendee {number}: enter their role"
        if not organisation:
            errors[f"attendee_{number}_organisation"] = (
                f"Attendee {number}: enter their organisation"
            )
        if profession and profession not in Profession.values:
            errors[f"attendee_{number}_profession"] = (
                f"Attendee {number}: select a profession from the list"
            )
        elif professions and not profession:
            errors[f"attendee_{number}_profession"] = f"Attendee {number}: select their profession"
        rows.append((role, organisation, name, profession))
    return rows


def _add_attendee(meeting, *, role, organisation, name, by, profession=""):
    attendee = Attendee.objects.create(
        meeting=meeting, role=role, organisation=organisation, name=name, profession=profession
    )
    changes = {"role": (None, role), "organisation": (None, organisation), "name": (None, name)}
    if profession:
        changes["profession"] = (None, attendee.get_profession_display())
    record_event(
        obj=attendee,
        action=CREATED,
        changes=changes,
        by=by,
        note=f"Attendee of the {meeting}"[:300],
    )
    return attendee


def add_attendee(*, meeting, role, organisation, name="", profession="", by) -> Attendee:
    errors = {}
    professions = kinds.get(meeting.kind).professions
    (row,) = _attendee_rows(
        [(role, organisation, name, profession)], errors, professions=professions
    ) or [("", "", "", "")]
    if not any(row):
        errors["role"] = "Enter their role"
        errors["organisation"] = "Enter their organisation"
    errors = {k.removeprefix("attendee_1_"): v for k, v in errors.items()}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _add_attendee(
            meeting, role=row[0], organisation=row[1], name=row[2], profession=row[3], by=by
        )


def last_meeting_of(meeting) -> Meeting | None:
    """The latest meeting of the same kind and area that took place before this one."""
    others = Meeting.objects.filter(council_id=meeting.council_id, kind=meeting.kind).exclude(
        pk=meeting.pk
    )
    day = rules.last_meeting_before(
        others.values_list("held_on", "kind", "status"), kind=meeting.kind, on=meeting.held_on
    )
    if day is None:
        return None
    return others.filter(held_on=day, status__in=rules.TOOK_PLACE).order_by("-pk").first()


def build_agenda(*, meeting, by, today) -> list[AgendaItem]:
    """Ask every registered section for its items and keep them as they read today; building
    again adds what is new and keeps every item already there (and its decision)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != MeetingStatus.PLANNED:
            raise ValidationError("The agenda is built before the meeting is held")
        last = last_meeting_of(meeting)
        context = agenda.Context(
            council_id=meeting.council_id,
            kind=meeting.kind,
            on=meeting.held_on,
            since=rules.since(last.held_on if last else None, meeting.held_on),
            last_meeting_id=last.pk if last else None,
            by=by,
        )
        have = set(meeting.items.values_list("section", "service_id", "topic"))
        added = []
        for section_class in agenda.sections_for(meeting.kind):
            section = section_class(context)
            for proposed in section.items():
                key = (section.key, proposed.service.pk, proposed.topic[:300])
                if key in have:
                    continue
                have.add(key)
                added.append(
                    _new_item(
                        meeting,
                        section=section.key,
                        section_title=section.title,
                        section_order=section.order,
                        service=proposed.service,
                        topic=proposed.topic,
                        detail="\n".join(proposed.detail),
                        permission=str(proposed.permission or ""),
                        sharing=proposed.sharing,
                        by=by,
                        today=today,
                    )
                )
        before = snapshot(meeting, ("agenda_built_on", "last_meeting"))
        meeting.agenda_built_on, meeting.last_meeting = today, last
        meeting.save(update_fields=["agenda_built_on", "last_meeting"])
        record_event(
            obj=meeting,
            action=CHANGED,
            changes={
                "agenda_built_on": (before["agenda_built_on"], today),
                "last_meeting": (before["last_meeting"], last),
            },
            by=by,
            note=f"Agenda built: {len(added)} items added",
        )
    return added


def _carried(item, text):
    """What a step or visit the decision takes may copy from its item: a restricted item's
    words stay on the meeting (whose page checks them), the step or visit names the item."""
    if item.permission:
        return f"Agenda item {item.pk} of the {item.meeting} (restricted: see the meeting)"
    return text


def _sensitive(item):
    # An item that carries restricted information keeps its audit events to its readers.
    return {"*": item.permission} if item.permission else None


def _new_item(meeting, *, by, today, **fields):
    item = AgendaItem.objects.create(meeting=meeting, added_by=by, added_on=today, **fields)
    record_event(
        obj=item,
        action=CREATED,
        changes={"section": (None, item.section_title), "topic": (None, item.topic)},
        by=by,
        note=f"On the agenda of the {meeting}"[:300],
        sensitive=_sensitive(item),
    )
    return item


def add_item(*, meeting, service, topic, by, today, detail="") -> AgendaItem:
    """An item added to the agenda by hand: a service and a topic."""
    errors = {}
    if meeting.status == MeetingStatus.APPROVED:
        raise ValidationError("The minutes of this meeting are approved: nothing can be added")
    if service is None:
        errors["service"] = "Select the service"
    topic = " ".join((topic or "").split())
    if not topic:
        errors["topic"] = "Enter the topic"
    elif len(topic) > 300:
        errors["topic"] = "Topic must be 300 characters or fewer"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _new_item(
            meeting,
            section=agenda.HAND,
            section_title=agenda.title_of(agenda.HAND),
            section_order=1000,
            by_hand=True,
            service=service,
            topic=topic,
            detail=detail.strip(),
            by=by,
            today=today,
        )


def record_decision(
    *,
    item,
    outcome,
    reason,
    by,
    today,
    evidence="",
    conditions=(),
    unmet_reason="",
    planned_on=None,
    lead_officer=None,
    noted="",
    **step_fields,
) -> Decision:
    """The meeting's decision on an item, with its reason. A decision naming an escalation
    step takes (or lifts) it as decided by the meeting on its date, and a further visit is
    booked into the programme, in this transaction: if the step or visit is refused, so is
    the decision, and nothing is saved."""
    meeting = item.meeting
    errors = {}
    if outcome not in rules.outcomes_for(kinds.get(meeting.kind)):
        errors["outcome"] = "Select the decision"
    if not (reason or "").strip():
        errors["reason"] = "Enter the reason for the decision"
    if kinds.get(meeting.kind).log_title and not (noted or "").strip():
        errors["noted"] = "Enter what the meeting noted"
    if errors:
        raise ValidationError(errors)
    problem = rules.decision_error(status=meeting.status, held_on=meeting.held_on, today=today)
    if problem:
        raise ValidationError(problem)
    needed = rules.permission_for(outcome)
    if needed is not None and not has_permission(by, needed, obj=item.service):
        raise ValidationError({"outcome": PERMISSION_WORDS[needed]})
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if Decision.objects.filter(item=item).exists():
            raise ValidationError("This item already has a decision: the minutes keep it")
        decision = Decision(
            item=item,
            outcome=outcome,
            reason=reason.strip(),
            noted=(noted or "").strip(),
            recorded_by=by,
            recorded_on=today,
        )
        kind = rules.step_taken(outcome)
        if kind is not None:
            fields = {f: step_fields[f] for f in STEP_FIELDS[kind] if f in step_fields}
            decision.step = _take(
                item, meeting, kind, by=by, today=today, reason=reason.strip(),
                evidence=evidence, conditions=conditions, **fields,
            )  # fmt: skip
        elif rules.step_ended(outcome) is not None:
            decision.step = _lift(item, by=by, today=today, reason=reason, unmet=unmet_reason)
        elif outcome == Outcome.FURTHER_VISIT:
            decision.visit = _book_visit(
                item, meeting, by=by, today=today, planned_on=planned_on, officer=lead_officer
            )
        decision.save()
        record_event(
            obj=decision,
            action=CREATED,
            changes={
                "outcome": (None, outcome),
                "reason": (None, decision.reason),
                **({"noted": (None, decision.noted)} if decision.noted else {}),
            },
            by=by,
            note=f"Decided by the {meeting}"[:300],
            sensitive=_sensitive(item),
        )
        if meeting.status == MeetingStatus.PLANNED:
            _move(meeting, MeetingStatus.HELD, by=by, note="Held: its first decision recorded")
    return decision


def _take(item, meeting, kind, *, by, today, reason, evidence, conditions, **fields):
    """The step the decision names: a proposal of that kind awaiting a decision is agreed;
    one already recorded on the ladder as this meeting's is the decision's; else it is taken."""
    steps = Step.objects.filter(service=item.service, kind=kind)
    proposed = steps.filter(status=StepStatus.PROPOSED).order_by("-pk").first()
    if proposed is not None:
        return escalation.decide_step(
            step=proposed,
            by=by,
            today=today,
            meeting_on=meeting.held_on,
            review_on=fields.get("review_on"),
        )
    recorded = (
        steps.filter(status=StepStatus.CURRENT, by_meeting=True, meeting_on=meeting.held_on)
        .exclude(meeting_decisions__isnull=False)
        .first()
    )
    if recorded is not None:
        return recorded
    return escalation.take_step(
        service=item.service,
        kind=kind,
        by=by,
        today=today,
        decide=True,
        meeting_on=meeting.held_on,
        conditions=[line.strip() for line in conditions if line.strip()],
        reason=reason,
        evidence=evidence.strip() or _carried(item, item.detail or item.topic),
        **fields,
    )


def _lift(item, *, by, today, reason, unmet):
    step = (
        Step.objects.filter(
            service=item.service, kind=StepKind.SUSPENSION, status=StepStatus.CURRENT
        )
        .order_by("-pk")
        .first()
    )
    if step is None:
        raise ValidationError({"outcome": "No suspension is in force at this service to lift"})
    return escalation.end_step(step=step, by=by, today=today, reason=reason, unmet_reason=unmet)


def _book_visit(item, meeting, *, by, today, planned_on, officer):
    from careqa.visits.actions import add_visit

    errors = {}
    if planned_on is None:
        errors["planned_on"] = "Enter the date of the visit"
    elif planned_on < today:
        errors["planned_on"] = "Date of the visit must be today or in the future"
    if officer is None:
        errors["lead_officer"] = "Choose the officer who leads the visit"
    if errors:
        raise ValidationError(errors)
    return add_visit(
        service=item.service,
        by=by,
        planned_on=planned_on,
        lead_officer=officer,
        visit_type="service_review",
        reasons=f"Further visit decided by the {meeting}: {_carried(item, item.topic)}"[:1000],
    )


def _move(meeting, to, *, by, note="", **extra):
    before = snapshot(meeting, ("status", *extra))
    meeting.status = to
    for field, value in extra.items():
        setattr(meeting, field, value)
    meeting.save(update_fields=["status", *extra])
    after = snapshot(meeting, before)
    record_event(
        obj=meeting,
        action=CHANGED,
        changes={f: (before[f], after[f]) for f in before if before[f] != after[f]},
        by=by,
        note=note,
    )
    return meeting


def mark_held(*, meeting, by, today) -> Meeting:
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != MeetingStatus.PLANNED:
            raise ValidationError("Only a planned meeting can be marked as held")
        if meeting.held_on > today:
            raise ValidationError(
                f"The meeting is on {_day(meeting.held_on)}: mark it held on or after that day"
            )
        return _move(meeting, MeetingStatus.HELD, by=by, note="Held")


def approve_minutes(*, meeting, by, today) -> Meeting:
    """Approve the minutes: every item decided; nothing is added or changed after."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        items = meeting.items.count()
        undecided = meeting.items.filter(decision__isnull=True).count()
        problem = rules.approval_error(status=meeting.status, undecided=undecided, items=items)
        if problem:
            raise ValidationError(problem)
        return _move(
            meeting, MeetingStatus.APPROVED, by=by, note="Minutes approved", approved_on=today
        )


def add_action(*, item, action, owner, due_on, by, today) -> MeetingAction:
    """An action the meeting asks of someone about the item's service: who owns it (a
    person or team, often a partner's) and when it is due."""
    meeting = item.meeting
    action, owner = (action or "").strip(), " ".join((owner or "").split())
    errors = rules.action_error(
        status=meeting.status, action=action, owner=owner, due_on=due_on, today=today
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        made = MeetingAction.objects.create(
            meeting=meeting,
            item=item,
            service=item.service,
            action=action,
            owner=owner[:200],
            due_on=due_on,
            created_by=by,
        )
        record_event(
            obj=made,
            action=CREATED,
            changes={"action": (None, action), "owner": (None, owner), "due_on": (None, due_on)},
            by=by,
            note=f"Action of the {meeting}"[:300],
            sensitive=_sensitive(item),
        )
    return made


def complete_action(*, action, by, today) -> MeetingAction:
    with transaction.atomic():
        # Lock the action only: the item it may have is the nullable side of the join.
        action = (
            MeetingAction.objects.select_for_update(of=("self",))
            .select_related("item")
            .get(pk=action.pk)
        )
        if action.done_on is not None:
            raise ValidationError("This action is already done")
        action.done_on, action.done_by = today, by
        action.save(update_fields=["done_on", "done_by"])
        record_event(
            obj=action,
            action=CHANGED,
            changes={"done_on": (None, today)},
            by=by,
            note="Action done",
            sensitive=_sensitive(action.item) if action.item else None,
        )
    return action
