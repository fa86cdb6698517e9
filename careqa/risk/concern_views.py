"""Provider concern pages: the list (open first), one concern, and the manager's forms to
open one, record its strategy meeting, update its plan and close it. Commissioners see
that a concern exists and its dates; its decision, meeting, plan and findings are the QA
team's (Permission.VIEW_PROVIDER_CONCERN_DETAILS)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.permissions import Permission
from careqa.govuk.forms import run_on_form
from careqa.risk import actions, queries
from careqa.risk.forms import (
    CloseConcernForm,
    ConcernPlanForm,
    OpenConcernForm,
    StrategyMeetingForm,
)
from careqa.risk.models import ProviderConcern
from careqa.risk.rules.concerns import plan_editable, strategy_meeting_overdue
from careqa.risk.views import _service_from_query
from careqa.risk.vocab import ConcernStatus


def _today():
    return timezone.localdate()


def _load(user, pk, permission):
    concern = get_object_or_404(
        ProviderConcern.objects.select_related("service", "provider", "lead_officer"), pk=pk
    )
    if not has_permission(user, permission, obj=concern.subject):
        raise PermissionDenied
    return concern


def _page(request, concern, **forms):
    user = request.user
    can_manage = has_permission(user, Permission.MANAGE_PROVIDER_CONCERNS, obj=concern.subject)
    status = concern.status
    if can_manage and status == ConcernStatus.OPEN:
        forms.setdefault("meeting_form", StrategyMeetingForm())
    if can_manage and plan_editable(status):
        forms.setdefault(
            "plan_form",
            ConcernPlanForm(
                initial={
                    "plan": concern.plan,
                    "commissioning_intentions": concern.commissioning_intentions,
                }
            ),
        )
    if can_manage and status == ConcernStatus.MEETING_HELD:
        forms.setdefault("close_form", CloseConcernForm())
    errors = [f for f in forms.values() if f is not None and f.errors]
    return render(
        request,
        "risk/concern_detail.html",
        {
            "concern": concern,
            "details": has_permission(
                user, Permission.VIEW_PROVIDER_CONCERN_DETAILS, obj=concern.subject
            ),
            "services": actions.concern_services(concern),
            "suspensions": [link.step for link in concern.suspensions.select_related("step")],
            "attendees": list(concern.attendees.all()),
            "overdue": strategy_meeting_overdue(
                status=status, due_on=concern.strategy_meeting_due, today=_today()
            ),
            "error_form": errors[0] if errors else None,
            **forms,
        },
    )


@require_permission(Permission.VIEW_PROVIDER_CONCERNS)
def concern_list(request):
    concerns = list(queries.concerns(request.user)[:500])
    today = _today()
    for concern in concerns:
        concern.overdue = strategy_meeting_overdue(
            status=concern.status, due_on=concern.strategy_meeting_due, today=today
        )
    return render(request, "risk/concern_list.html", {"concerns": concerns})


@require_permission(Permission.MANAGE_PROVIDER_CONCERNS)
def concern_open(request):
    service = _service_from_query(request, Permission.MANAGE_PROVIDER_CONCERNS)
    form = OpenConcernForm(request.POST or None, initial={"opened_on": _today()})
    if request.method == "POST" and form.is_valid():
        whole = form.cleaned_data["whole_provider"] and service.provider_id
        concern = run_on_form(
            form,
            lambda: actions.open_provider_concern(
                by=request.user,
                today=_today(),
                service=None if whole else service,
                provider=service.provider if whole else None,
                suspension=form.suspension(),
                **form.concern_fields(),
            ),
        )
        if concern is not None:
            messages.success(request, "Provider concern opened")
            return redirect("risk:concern", pk=concern.pk)
    return render(
        request,
        "risk/concern_open.html",
        {
            "form": form,
            "service": service,
            "working_days": settings.CAREQA_STRATEGY_MEETING_WORKING_DAYS,
        },
    )


@require_permission(Permission.VIEW_PROVIDER_CONCERNS)
def concern_detail(request, pk):
    return _page(request, _load(request.user, pk, Permission.VIEW_PROVIDER_CONCERNS))


def _change(request, pk, form_class, key, call, done_words):
    concern = _load(request.user, pk, Permission.MANAGE_PROVIDER_CONCERNS)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_on_form(form, lambda: call(concern, form.cleaned_data))
        if done is not None:
            messages.success(request, done_words)
            return redirect("risk:concern", pk=concern.pk)
    elif request.method != "POST":
        return redirect("risk:concern", pk=concern.pk)
    return _page(request, concern, **{key: form})


@require_permission(Permission.MANAGE_PROVIDER_CONCERNS)
def concern_meeting(request, pk):
    return _change(
        request,
        pk,
        StrategyMeetingForm,
        "meeting_form",
        lambda concern, data: actions.record_strategy_meeting(
            concern=concern, by=request.user, today=_today(), **data
        ),
        "Strategy meeting recorded",
    )


@require_permission(Permission.MANAGE_PROVIDER_CONCERNS)
def concern_plan(request, pk):
    return _change(
        request,
        pk,
        ConcernPlanForm,
        "plan_form",
        lambda concern, data: actions.update_concern_plan(concern=concern, by=request.user, **data),
        "Plan saved",
    )


@require_permission(Permission.MANAGE_PROVIDER_CONCERNS)
def concern_close(request, pk):
    return _change(
        request,
        pk,
        CloseConcernForm,
        "close_form",
        lambda concern, data: actions.close_provider_concern(
            concern=concern, by=request.user, today=_today(), **data
        ),
        "Provider concern closed",
    )
