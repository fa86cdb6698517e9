"""The plans' pages: a plan with its items, responses, notes and documents; one form page
for each thing an officer does to it; and the team's overdue and due-soon list."""

import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.permissions import Permission
from careqa.audit.presenters import present_events
from careqa.audit.queries import events_for_records
from careqa.govuk.forms import run_on_form
from careqa.plans import actions, forms, queries, rules
from careqa.plans.access import load_attachment, load_item, load_plan, load_response
from careqa.plans.vocab import ItemState
from careqa.providers.vocab import KEY_QUESTION_LABELS


@require_permission(Permission.VIEW_ACTION_PLANS)
def plan_detail(request, pk):
    plan = load_plan(request.user, pk)
    plan = queries.plan_with_everything(plan.pk)
    user, today = request.user, timezone.localdate()
    items = [
        {
            "item": item,
            "number": number,
            "area": KEY_QUESTION_LABELS.get(item.area, item.area),
            "clock": rules.item_status(item.state, item.due_on, today=today),
            "moves": rules.actions_from(item.state),
        }
        for number, item in enumerate(plan.items.all(), start=1)
    ]
    awaiting = any(row["item"].state == ItemState.AWAITING_RESPONSE for row in items)
    context = {
        "plan": plan,
        "service": plan.service,
        "items": items,
        "responses": list(plan.responses.all()),
        "response_clock": rules.clock_status(plan.response_due, today=today) if awaiting else "",
        "can_run": has_permission(user, Permission.RUN_ACTION_PLANS, obj=plan),
        "can_book": has_permission(user, Permission.PLAN_PROGRAMME, obj=plan),
    }
    if has_permission(user, Permission.VIEW_AUDIT, obj=plan):
        ids = [row["item"].pk for row in items]
        events = events_for_records("plans.planitem", ids) | events_for_records(
            "plans.actionplan", [plan.pk]
        )
        context["audit_events"] = present_events(events.order_by("-occurred_at")[:100], user=user)
    return render(request, "plans/detail.html", context)


def _form_page(request, *, form, template, call, success, back, context):
    if request.method == "POST" and form.is_valid():
        done = run_on_form(form, call)
        if done is not None:
            messages.success(request, success)
            return redirect(back)
    return render(request, template, {"form": form, "back": back, **context})


@require_permission(Permission.RUN_ACTION_PLANS)
def item_add(request, pk):
    """An item from desktop monitoring, a complaint or another visit: it joins the
    service's open plan, which is opened if the service has none."""
    from careqa.providers.models import Service

    service = get_object_or_404(Service.objects.select_related("provider"), pk=pk)
    if not has_permission(request.user, Permission.RUN_ACTION_PLANS, obj=service):
        raise Http404("No such service")
    plan = queries.open_plan_of(service)
    form = forms.ItemForm(
        request.POST or None, service=service, initial={"source": "desktop_monitoring"}
    )
    today = timezone.localdate()

    def call():
        return actions.add_item_for_service(
            service=service, by=request.user, today=today, **form.cleaned_data
        )

    if request.method == "POST" and form.is_valid():
        item = run_on_form(form, call)
        if item is not None:
            messages.success(request, "The item is added to the action plan")
            return redirect("plans:detail", pk=item.plan_id)
    return render(
        request,
        "plans/item_add.html",
        {"form": form, "service": service, "plan": plan, "days": actions.response_days()},
    )


@require_permission(Permission.RUN_ACTION_PLANS)
def response_add(request, pk):
    plan = load_plan(request.user, pk, run=True)
    items = plan.items.exclude(state=ItemState.VERIFIED)
    form = forms.ResponseForm(request.POST or None, items=items)
    return _form_page(
        request,
        form=form,
        template="plans/response.html",
        call=lambda: actions.record_response(
            plan=plan,
            by=request.user,
            received_on=form.cleaned_data["received_on"],
            on_behalf_of_provider=form.cleaned_data["on_behalf_of_provider"],
            actions=form.actions(),
            today=timezone.localdate(),
        ),
        success="The response is recorded",
        back=plan.get_absolute_url(),
        context={"plan": plan, "service": plan.service},
    )


@require_permission(Permission.RUN_ACTION_PLANS)
def response_accept(request, pk):
    response = load_response(request.user, pk)
    plan = response.plan
    form = forms.AcceptForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        template="plans/accept.html",
        call=lambda: actions.accept_response(
            response=response,
            by=request.user,
            today=timezone.localdate(),
            note=form.cleaned_data["note"],
        ),
        success="The response is accepted: its items are agreed",
        back=plan.get_absolute_url(),
        context={
            "plan": plan,
            "service": plan.service,
            "response": response,
            "missing": actions.items_without_an_action(response),
        },
    )


MOVES = {
    "agree": (forms.AgreeForm, "Agree the item", "The item is agreed"),
    "start": (forms.StartForm, "Mark the item in progress", "The item is in progress"),
    "complete": (
        forms.CompleteForm,
        "Record the item completed by the provider",
        "The item is completed",
    ),
    "verify": (forms.VerifyForm, "Verify the item", "The item is verified"),
    "reopen": (forms.ReopenForm, "Reopen the item", "The item is reopened"),
}


def _move_call(move, item, user, data):
    today = timezone.localdate()
    if move == "agree":
        return actions.agree_item(item=item, by=user, due_on=data["due_on"], today=today)
    if move == "start":
        return actions.start_item(item=item, by=user)
    if move == "complete":
        return actions.complete_item(
            item=item,
            by=user,
            evidence=data["evidence"],
            completed_on=data["completed_on"],
            today=today,
        )
    if move == "verify":
        return actions.verify_item(item=item, by=user, today=today, note=data["note"])
    return actions.reopen_item(item=item, by=user, reason=data["reason"])


@require_permission(Permission.RUN_ACTION_PLANS)
def item_move(request, pk, move):
    if move not in MOVES:
        raise Http404("No such change")
    item = load_item(request.user, pk)
    back = item.plan.get_absolute_url()
    if move not in rules.actions_from(item.state):
        messages.error(
            request,
            f"An item that is {item.get_state_display().lower()} cannot be moved that way",
        )
        return redirect(back)
    form_class, heading, success = MOVES[move]
    form = form_class(request.POST or None)
    return _form_page(
        request,
        form=form,
        template="plans/move.html",
        call=lambda: _move_call(move, item, request.user, form.cleaned_data),
        success=success,
        back=back,
        context={"item": item, "plan": item.plan, "service": item.plan.service, "heading": heading},
    )


@require_permission(Permission.RUN_ACTION_PLANS)
def note_add(request, pk):
    item = load_item(request.user, pk)
    form = forms.NoteForm(request.POST or None, initial={"noted_on": timezone.localdate()})
    return _form_page(
        request,
        form=form,
        template="plans/note.html",
        call=lambda: actions.add_progress_note(
            item=item, by=request.user, today=timezone.localdate(), **form.cleaned_data
        ),
        success="The progress note is saved",
        back=item.plan.get_absolute_url(),
        context={"item": item, "plan": item.plan, "service": item.plan.service},
    )


@require_permission(Permission.RUN_ACTION_PLANS)
def attachment_add(request, pk):
    item = load_item(request.user, pk)
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)
    return _form_page(
        request,
        form=form,
        template="plans/attach.html",
        call=lambda: actions.attach_document(
            item=item, by=request.user, upload=form.cleaned_data["file"]
        ),
        success="The document is attached",
        back=item.plan.get_absolute_url(),
        context={"item": item, "plan": item.plan, "service": item.plan.service},
    )


@require_permission(Permission.VIEW_ACTION_PLANS)
def attachment_download(request, pk):
    attachment = load_attachment(request.user, pk)
    if not default_storage.exists(attachment.file.name):
        raise Http404("The document is missing from storage")
    # Documents are at most CAREQA_ATTACHMENT_MAX_BYTES: read whole, so the file is closed
    # here whatever the storage (a streamed response leaves that to the server).
    with default_storage.open(attachment.file.name, "rb") as stored:
        content = stored.read()
    kind = mimetypes.guess_type(attachment.original_name)[0] or "application/octet-stream"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = content_disposition_header(True, attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_permission(Permission.PLAN_PROGRAMME)
def follow_up_visit(request, pk):
    item = load_item(request.user, pk)
    if not has_permission(request.user, Permission.PLAN_PROGRAMME, obj=item):
        raise PermissionDenied
    form = forms.FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        visit = run_on_form(
            form,
            lambda: actions.book_follow_up_visit(item=item, by=request.user, **form.cleaned_data),
        )
        if visit is not None:
            messages.success(request, "The follow-up visit is in the programme")
            return redirect("visits:detail", pk=visit.pk)
    return render(
        request,
        "plans/follow_up.html",
        {
            "form": form,
            "item": item,
            "plan": item.plan,
            "service": item.plan.service,
            "back": item.plan.get_absolute_url(),
        },
    )


@require_permission(Permission.VIEW_ACTION_PLANS)
def team_clocks(request):
    today = timezone.localdate()
    return render(
        request,
        "plans/team.html",
        {"today": today, "team": True, **queries.clocks(today=today)},
    )
