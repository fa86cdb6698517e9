"""The provider's pages: their services, issued reports, action plans, notices and what is
shared about them. Every page needs USE_PORTAL (provider users only) and loads records
through the user's scope, so another provider's record is 404 whatever URL is typed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from careqa.accounts.authz import require_permission
from careqa.accounts.permissions import Permission
from careqa.accounts.security import Kind, log_security_event
from careqa.plans import actions as plan_actions
from careqa.plans.vocab import ItemState, NoteSource
from careqa.portal import access, actions, forms, presenters, queries
from careqa.visits import actions as visit_actions
from careqa.visits.report_pdf import file_name, report_pdf
from careqa.visits.rules.deadlines import factual_accuracy_open
from careqa.visits.vocab import ReportStatus

portal_only = require_permission(Permission.USE_PORTAL)


def _plans_with_clocks(plans, today):
    plans = plans.prefetch_related("responses", "items")
    return [
        {
            "plan": plan,
            "clock": presenters.plan_clock(plan, today=today),
            "overdue": presenters.overdue_count(presenters.item_rows(plan, today=today)),
        }
        for plan in plans
    ]


@portal_only
def home(request):
    user, today = request.user, timezone.localdate()
    return render(
        request,
        "portal/home.html",
        {
            "services": queries.services(user),
            "plans": _plans_with_clocks(queries.plans(user).filter(status="open"), today),
            "reports": queries.issued_reports(user).filter(status=ReportStatus.ISSUED)[:5],
            "unread": queries.unread_notices(user),
            "steps": queries.steps(user).filter(status="current"),
        },
    )


@portal_only
def service(request, pk):
    user, today = request.user, timezone.localdate()
    service = access.load_service(user, pk)
    return render(
        request,
        "portal/service.html",
        {
            "service": service,
            "reports": queries.issued_reports(user).filter(visit__service=service),
            "plans": _plans_with_clocks(queries.plans(user).filter(service=service), today),
            "steps": queries.steps(user).filter(service=service).prefetch_related("conditions"),
            "entries": queries.shared_entries(user).filter(service=service),
        },
    )


# ---- Reports and factual-accuracy comments --------------------------------------------------


@portal_only
def report(request, pk):
    report = access.load_report(request.user, pk)
    today = timezone.localdate()
    from django.conf import settings

    window_open = report.status == ReportStatus.ISSUED and factual_accuracy_open(
        report.issued_on,
        today=today,
        working_days=settings.CAREQA_FACTUAL_ACCURACY_WORKING_DAYS,
    )
    form = forms.CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit_actions.comment_on_report(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your comment is sent to the QA team")
            return redirect("portal:report", pk=report.pk)
    return render(
        request,
        "portal/report.html",
        {
            "report": report,
            "content": report.content,
            "comments": report.comments.select_related("made_by", "answered_by").all(),
            "form": form,
            "window_open": window_open,
            "closes": visit_actions.comment_window_closes(report) if report.issued_on else None,
            "newer": report.visit.reports.filter(status=ReportStatus.ISSUED)
            .exclude(pk=report.pk)
            .first(),
        },
    )


@portal_only
def report_pdf_download(request, pk):
    report = access.load_report(request.user, pk)
    response = HttpResponse(report_pdf(report.content, draft=False), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name(report.content)}"'
    return response


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# ---- Action plans ------------------------------------------


@portal_only
def plan(request, pk):
    plan = access.load_plan(request.user, pk)
    today = timezone.localdate()
    plan = (
        type(plan)
        .objects.prefetch_related(
            "responses__actions", "items__response_actions", "items__attachments", "items__notes"
        )
        .get(pk=plan.pk)
    )
    rows = presenters.item_rows(plan, today=today)
    waiting = plan.responses.filter(accepted_on__isnull=True).exists()
    awaiting = [row for row in rows if row["item"].state == ItemState.AWAITING_RESPONSE]
    return render(
        request,
        "portal/plan.html",
        {
            "plan": plan,
            "service": plan.service,
            "rows": rows,
            "clock": presenters.plan_clock(plan, today=today),
            "overdue": presenters.overdue_count(rows),
            "can_respond": plan.status == "open" and bool(awaiting) and not waiting,
            "waiting": waiting,
        },
    )


@portal_only
def plan_respond(request, pk):
    plan = access.load_plan(request.user, pk)
    if plan.status != "open":
        messages.error(request, "This action plan is closed: every item is verified")
        return redirect("portal:plan", pk=plan.pk)
    items = plan.items.exclude(state=ItemState.VERIFIED)
    form = forms.ResponseForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            plan_actions.submit_provider_response(
                plan=plan, by=request.user, actions=form.actions(), today=timezone.localdate()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your response is sent to your QA officer")
            return redirect("portal:plan", pk=plan.pk)
    return render(
        request,
        "portal/respond.html",
        {
            "plan": plan,
            "service": plan.service,
            "form": form,
            "back": reverse("portal:plan", args=[plan.pk]),
        },
    )


@portal_only
def item(request, pk):
    item = access.load_item(request.user, pk)
    return _item_page(request, item)


def _item_page(request, item, **forms_given):
    context = {
        "item": item,
        "plan": item.plan,
        "service": item.plan.service,
        "progress_form": forms_given.get("progress") or forms.ProgressForm(),
        "evidence_form": forms_given.get("evidence") or forms.EvidenceForm(),
        "done_form": forms_given.get("done") or forms.DoneForm(),
        "can_update": item.state in (ItemState.AGREED, ItemState.IN_PROGRESS, ItemState.REOPENED),
        "notes": item.notes.all(),
        "attachments": item.attachments.all(),
        "actions": item.response_actions.all(),
    }
    status = 400 if forms_given else 200
    return render(request, "portal/item.html", context, status=status)


def _updatable(item):
    return item.state in (ItemState.AGREED, ItemState.IN_PROGRESS, ItemState.REOPENED)


@portal_only
def item_progress(request, pk):
    item = access.load_item(request.user, pk)
    if request.method != "POST":
        return redirect("portal:item", pk=item.pk)
    form = forms.ProgressForm(request.POST)
    if form.is_valid() and _updatable(item):
        today = timezone.localdate()
        try:
            plan_actions.add_progress_note(
                item=item,
                by=request.user,
                noted_on=today,
                source=NoteSource.PROVIDER,
                text=form.cleaned_data["text"],
                today=today,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your progress update is saved")
            return redirect("portal:item", pk=item.pk)
    elif form.is_valid():
        form.add_error(None, "This item is not open for updates")
    return _item_page(request, item, progress=form)


@portal_only
def item_evidence(request, pk):
    item = access.load_item(request.user, pk)
    if request.method != "POST":
        return redirect("portal:item", pk=item.pk)
    form = forms.EvidenceForm(request.POST, request.FILES)
    if form.is_valid() and _updatable(item):
        try:
            plan_actions.attach_document(
                item=item, by=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your evidence is uploaded")
            return redirect("portal:item", pk=item.pk)
    elif form.is_valid():
        form.add_error(None, "This item is not open for updates")
    return _item_page(request, item, evidence=form)


@portal_only
def item_done(request, pk):
    item = access.load_item(request.user, pk)
    if request.method != "POST":
        return redirect("portal:item", pk=item.pk)
    form = forms.DoneForm(request.POST)
    if form.is_valid() and _updatable(item):
        try:
            plan_actions.provider_complete_item(
                item=item,
                by=request.user,
                evidence=form.cleaned_data["evidence"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The item is marked as done: your QA officer will verify it")
            return redirect("portal:plan", pk=item.plan_id)
    elif form.is_valid():
        form.add_error(None, "This item is not open for updates")
    return _item_page(request, item, done=form)


@portal_only
def attachment(request, pk):
    document = access.load_attachment(request.user, pk)
    log_security_event(
        Kind.DOWNLOADED, request=request, user=request.user, detail=document.original_name[:200]
    )
    return _download(document.file.name, document.original_name)


# ---- Notices, and what is shared ------------------------------------------


@portal_only
def notices(request):
    return render(request, "portal/notices.html", {"notices": queries.notices(request.user)})


@portal_only
def notice(request, pk):
    notice = access.load_notice(request.user, pk)
    actions.mark_notice_read(notice=notice, by=request.user)
    return render(
        request, "portal/notice.html", {"notice": notice, "documents": notice.documents.all()}
    )


@portal_only
def notice_document(request, pk):
    document = access.load_notice_document(request.user, pk)
    return _download(document.file.name, document.original_name)


@portal_only
def shared(request):
    """What the council holds and shares about the provider's services, and the log."""
    user = request.user
    return render(
        request,
        "portal/shared.html",
        {
            "services": queries.services(user),
            "reports": queries.issued_reports(user),
            "plans": queries.plans(user),
            "steps": queries.steps(user),
            "entries": queries.shared_entries(user),
            "log": queries.sharing_log(user),
            "told": queries.told_of_steps(user),
            "returns_url": _returns_url(),
        },
    )


def _returns_url():
    return reverse("returns:index")


def _download(name, original_name):
    """A stored document, read whole (at most CAREQA_ATTACHMENT_MAX_BYTES) so the file is
    closed here whatever the storage, as careqa.plans does."""
    import mimetypes

    from django.core.files.storage import default_storage
    from django.http import Http404
    from django.utils.http import content_disposition_header

    if not default_storage.exists(name):
        raise Http404("The document is missing from storage")
    with default_storage.open(name, "rb") as stored:
        content = stored.read()
    kind = mimetypes.guess_type(original_name)[0] or "application/octet-stream"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = content_disposition_header(True, original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
