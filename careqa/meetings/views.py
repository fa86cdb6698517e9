"""Meeting pages: the list, a new meeting, a meeting with its agenda by section and the
decisions, the forms that build and add to it, and the pack and minutes as PDFs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.permissions import Permission
from careqa.areas.models import Council
from careqa.govuk.forms import radio_options, show_errors
from careqa.meetings import actions, kinds, queries, rules
from careqa.meetings.forms import ActionForm, AttendeeForm, DecisionForm, ItemForm, MeetingForm
from careqa.meetings.models import AgendaItem, Meeting, MeetingAction
from careqa.meetings.pdf import file_name, meeting_pdf
from careqa.meetings.vocab import MeetingStatus, Outcome
from careqa.providers.queries import our_area_council_ids

HINTS = {
    Outcome.MONITOR: "Takes the step of additional monitoring, decided by the meeting.",
    Outcome.FURTHER_VISIT: "Books a visit into the programme.",
    Outcome.SUSPEND: "Suspends new placements, decided by the meeting.",
    Outcome.LIFT: "Lifts the suspension in force.",
    Outcome.DEFAULT_NOTICE: "Issues a contract default notice, decided by the meeting.",
    Outcome.SURVEILLANCE: "The meeting looks at it again next time.",
    Outcome.REFER: "Takes the step of referral to the Commissioning and Quality meeting.",
}

# The fields each decision needs beyond its reason, under a heading naming the decision.
GROUPS = (
    (
        "If the decision takes an escalation step (monitor, refer, suspend or a default notice)",
        DecisionForm.STEP_SHARED,
        (Outcome.MONITOR, Outcome.REFER, Outcome.SUSPEND, Outcome.DEFAULT_NOTICE),
    ),
    ("If suspending new placements", DecisionForm.REVEALED[Outcome.SUSPEND], (Outcome.SUSPEND,)),
    (
        "If issuing a contract default notice",
        DecisionForm.REVEALED[Outcome.DEFAULT_NOTICE],
        (Outcome.DEFAULT_NOTICE,),
    ),
    ("If lifting the suspension", DecisionForm.REVEALED[Outcome.LIFT], (Outcome.LIFT,)),
    (
        "If booking a further visit",
        DecisionForm.REVEALED[Outcome.FURTHER_VISIT],
        (Outcome.FURTHER_VISIT,),
    ),
)


def _today():
    return timezone.localdate()


def _load_meeting(pk):
    return get_object_or_404(Meeting.objects.select_related("council", "last_meeting"), pk=pk)


def _load_item(user, pk, permission):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting", "service"), pk=pk)
    if not has_permission(user, permission, obj=item) or not queries.may_read(user, item):
        raise PermissionDenied
    return item


def _councils():
    ids = our_area_council_ids()
    councils = Council.objects.filter(pk__in=ids) if ids else Council.objects.all()
    return councils.order_by("name")


@require_permission(Permission.VIEW_MEETINGS)
def meeting_list(request):
    return render(
        request,
        "meetings/list.html",
        {
            "meetings": list(queries.meetings()),
            "can_prepare": has_permission(request.user, Permission.PREPARE_MEETINGS),
        },
    )


@require_permission(Permission.PREPARE_MEETINGS)
def new_meeting(request):
    form = MeetingForm(request.POST or None, councils=_councils())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = actions.create_meeting(
                kind=data["kind"],
                held_on=data["held_on"],
                council=data["council"],
                chair=data["chair"],
                attendees=form.attendees(),
                by=request.user,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Meeting added: build its agenda when you are ready")
            return redirect(meeting)
    return render(request, "meetings/new.html", {"form": form})


@require_permission(Permission.VIEW_MEETINGS)
def detail(request, pk):
    meeting = _load_meeting(pk)
    sections = queries.agenda_by_section(meeting, request.user)
    items = [item for section in sections for item in section["items"]]
    prepare = has_permission(request.user, Permission.PREPARE_MEETINGS)
    today = _today()
    kind = kinds.get(meeting.kind)
    level = queries.sharing_level(meeting)
    meeting_actions = queries.actions_of(meeting, request.user)
    for action in meeting_actions:
        action.status = rules.action_status(action.due_on, action.done_on, today)
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "kind": kind,
            "sections": sections,
            "hidden": queries.hidden_items(meeting, request.user),
            "level": _level_words(level),
            "meeting_actions": meeting_actions,
            "attendees": list(meeting.attendees.all()),
            "undecided": sum(1 for i in items if not hasattr(i, "decision")),
            "item_count": len(items),
            "can_prepare": prepare,
            "can_build": prepare and meeting.status == MeetingStatus.PLANNED,
            "can_decide": prepare
            and rules.decision_error(status=meeting.status, held_on=meeting.held_on, today=today)
            is None,
            "can_hold": prepare
            and meeting.status == MeetingStatus.PLANNED
            and meeting.held_on <= today,
            "can_approve": prepare and meeting.status == MeetingStatus.HELD,
            "open": meeting.status != MeetingStatus.APPROVED,
        },
    )


def _post_action(request, pk, action, success):
    meeting = _load_meeting(pk)
    if request.method == "POST":
        try:
            action(meeting=meeting, by=request.user, today=_today())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, success)
    return redirect(meeting)


@require_permission(Permission.PREPARE_MEETINGS)
def build(request, pk):
    return _post_action(request, pk, actions.build_agenda, "Agenda built from today's records")


@require_permission(Permission.PREPARE_MEETINGS)
def held(request, pk):
    return _post_action(request, pk, actions.mark_held, "Meeting marked as held")


@require_permission(Permission.PREPARE_MEETINGS)
def approve(request, pk):
    return _post_action(request, pk, actions.approve_minutes, "Minutes approved")


@require_permission(Permission.PREPARE_MEETINGS)
def add_item(request, pk):
    meeting = _load_meeting(pk)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_item(
                meeting=meeting,
                service=form.service,
                topic=form.cleaned_data["topic"],
                detail=form.cleaned_data["detail"],
                by=request.user,
                today=_today(),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Added to the agenda: {form.service}")
            return redirect(meeting)
    return render(
        request,
        "meetings/form_page.html",
        {
            "meeting": meeting,
            "form": form,
            "fields": ["location_id", "topic", "detail"],
            "heading": "Add an item to the agenda",
            "submit": "Add the item",
        },
    )


@require_permission(Permission.PREPARE_MEETINGS)
def add_attendee(request, pk):
    meeting = _load_meeting(pk)
    form = AttendeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_attendee(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Attendee added")
            return redirect(meeting)
    return render(
        request,
        "meetings/form_page.html",
        {
            "meeting": meeting,
            "form": form,
            "fields": ["role", "organisation", "name", "profession"],
            "heading": "Add an attendee",
            "submit": "Add the attendee",
        },
    )


@require_permission(Permission.PREPARE_MEETINGS)
def decide(request, pk):
    item = _load_item(request.user, pk, Permission.PREPARE_MEETINGS)
    meeting = item.meeting
    if hasattr(item, "decision"):
        messages.info(request, "This item already has a decision")
        return redirect(meeting)
    kind = kinds.get(meeting.kind)
    form = DecisionForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_decision(
                item=item, by=request.user, today=_today(), **form.decision_fields()
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Decision recorded: {item.service}")
            return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")
    allowed = set(rules.outcomes_for(kind))
    groups = [
        {"legend": legend, "rows": [_row(form, name) for name in names]}
        for legend, names, outcomes in GROUPS
        if allowed & set(outcomes)
    ]
    return render(
        request,
        "meetings/decide.html",
        {
            "item": item,
            "meeting": meeting,
            "form": form,
            "options": radio_options(form["outcome"], hints=HINTS),
            "groups": groups,
            "problem": rules.decision_error(
                status=meeting.status, held_on=meeting.held_on, today=_today()
            ),
        },
    )


def _row(form, name):
    bound = form[name]
    return {
        "field": bound,
        "kind": bound.widget_type,
        "options": radio_options(bound) if bound.widget_type == "radioselect" else [],
    }


def _level_words(level):
    from careqa.risk.rules.sharing import level_label

    return level_label(level) if level is not None else ""


def _print_context(meeting, user):
    today = _today()
    meeting_actions = queries.actions_of(meeting, user)
    for action in meeting_actions:
        action.status = rules.action_status(action.due_on, action.done_on, today)
    return {
        "meeting": meeting,
        "sections": queries.agenda_by_section(meeting),
        "attendees": list(meeting.attendees.all()),
        "level": _level_words(queries.sharing_level(meeting)),
        "meeting_actions": meeting_actions,
    }


def _pdf(request, meeting, *, minutes):
    # A pack carries every item: one the person may not read withholds the whole PDF
    # (a download says the level it carries, and never leaves out what it names).
    if queries.hidden_items(meeting, request.user):
        raise PermissionDenied("This pack holds items your role may not read")
    response = HttpResponse(
        meeting_pdf(_print_context(meeting, request.user), minutes=minutes),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{file_name(meeting, minutes=minutes)}"'
    )
    return response


@require_permission(Permission.VIEW_MEETINGS)
def pack_pdf(request, pk):
    return _pdf(request, _load_meeting(pk), minutes=False)


@require_permission(Permission.VIEW_MEETINGS)
def minutes_pdf(request, pk):
    return _pdf(request, _load_meeting(pk), minutes=True)


@require_permission(Permission.PREPARE_MEETINGS)
def add_action(request, pk):
    item = _load_item(request.user, pk, Permission.PREPARE_MEETINGS)
    meeting = item.meeting
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_action(item=item, by=request.user, today=_today(), **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Action added: {item.service}")
            return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")
    return render(
        request,
        "meetings/form_page.html",
        {
            "meeting": meeting,
            "form": form,
            "fields": ["action", "owner", "due_on"],
            "heading": f"Add an action: {item.service}",
            "submit": "Add the action",
        },
    )


@require_permission(Permission.PREPARE_MEETINGS)
def action_done(request, pk):
    action = get_object_or_404(MeetingAction.objects.select_related("meeting", "item"), pk=pk)
    if action.item is not None and not queries.may_read(request.user, action.item):
        raise PermissionDenied
    if request.method == "POST":
        try:
            actions.complete_action(action=action, by=request.user, today=_today())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, "Action marked as done")
    return redirect(f"{action.meeting.get_absolute_url()}#actions")
