"""Escalation pages: what is in force, a service's ladder, and each step's pages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.permissions import Permission
from careqa.escalation import actions, queries, rules
from careqa.escalation.forms import (
    FIELDS_BY_KIND,
    ConditionsForm,
    DecideForm,
    EndForm,
    NotificationForm,
    OutcomeForm,
    PeopleReviewForm,
    ReviewForm,
    StepForm,
)
from careqa.escalation.models import PeopleReview, Step
from careqa.escalation.presenters import decided_words, step_url_name, suspension_words
from careqa.escalation.vocab import StepKind, StepStatus
from careqa.govuk.forms import radio_options, show_errors
from careqa.providers.models import Service

# A default notice ends with its outcome; a termination is final.
ENDS_OTHERWISE = (StepKind.DEFAULT_NOTICE, StepKind.TERMINATION)


def _today():
    return timezone.localdate()


def _load_service(user, pk, permission):
    service = get_object_or_404(Service, pk=pk)
    if not has_permission(user, permission, obj=service):
        raise PermissionDenied
    return service


def _load_step(user, pk, permission):
    """The step, if the person may see its kind and holds `permission` for its service."""
    step = get_object_or_404(Step.objects.select_related("service", "contract"), pk=pk)
    see = Permission.VIEW_SUSPENSIONS if step.kind == StepKind.SUSPENSION else None
    if not has_permission(user, see or Permission.VIEW_ESCALATION, obj=step):
        raise PermissionDenied
    if not has_permission(user, permission, obj=step):
        raise PermissionDenied
    return step


def _step_url(step):
    return reverse(step_url_name(step), args=[step.pk])


def _rows(form, names):
    """What each field needs to be drawn: radios with their options, dates, the rest."""
    rows = []
    for name in names:
        if name not in form.fields:
            continue
        bound = form[name]
        rows.append(
            {
                "field": bound,
                "kind": bound.widget_type,
                "options": radio_options(bound) if bound.widget_type == "radioselect" else [],
            }
        )
    return rows


def _form_page(request, step, form, *, heading, submit, fields, intro=""):
    return render(
        request,
        "escalation/form_page.html",
        {
            "step": step,
            "service": step.service,
            "form": form,
            "heading": heading,
            "submit": submit,
            "rows": _rows(form, fields),
            "intro": intro,
            "back": _step_url(step),
        },
    )


@require_permission(Permission.VIEW_SUSPENSIONS)
def current(request):
    user, today = request.user, _today()
    full = has_permission(user, Permission.VIEW_ESCALATION)
    kinds = list(StepKind) if full else [StepKind.SUSPENSION]
    steps = list(queries.current_steps(user, kinds))
    suspensions = [s for s in steps if s.kind == StepKind.SUSPENSION]
    return render(
        request,
        "escalation/current.html",
        {
            "today": today,
            "full": full,
            "suspensions": [(s, suspension_words(s)) for s in suspensions],
            "defaults": [s for s in steps if s.kind == StepKind.DEFAULT_NOTICE],
            "overdue": [s for s in steps if rules.review_overdue(s.review_on, today)],
            "proposed": list(queries.proposed_steps(user)) if full else [],
            "flagged": queries.flagged_services(today) if full else [],
            "policy": queries.policy_from_settings(),
            "policy_ratings": _policy_ratings(queries.policy_from_settings()),
        },
    )


@require_permission(Permission.VIEW_ESCALATION)
def service_ladder(request, pk):
    service = _load_service(request.user, pk, Permission.VIEW_ESCALATION)
    return render(
        request,
        "escalation/service.html",
        {
            "service": service,
            "steps": list(queries.steps_for(service)),
            "kinds": list(StepKind),
            "can_propose": has_permission(request.user, Permission.PROPOSE_ESCALATION, obj=service),
            "today": _today(),
        },
    )


@require_permission(Permission.PROPOSE_ESCALATION)
def take_step(request, pk, kind):
    if kind.replace("-", "_") not in StepKind.values:
        raise Http404("No such step")
    kind = StepKind(kind.replace("-", "_"))
    service = _load_service(request.user, pk, Permission.PROPOSE_ESCALATION)
    deciding = has_permission(request.user, Permission.DECIDE_ESCALATION, obj=service)
    form = StepForm(request.POST or None, kind=kind, deciding=deciding)
    if request.method == "POST" and form.is_valid():
        try:
            step = actions.take_step(
                service=service,
                kind=kind,
                by=request.user,
                today=_today(),
                decide=deciding,
                meeting_on=form.meeting_date(),
                conditions=form.conditions_list(),
                **form.step_fields(),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            done = "taken" if step.status == StepStatus.CURRENT else "proposed for a decision"
            messages.success(request, f"{kind.label}: {done}")
            return redirect(_step_url(step))
    return render(
        request,
        "escalation/take_step.html",
        {
            "service": service,
            "form": form,
            "kind": kind,
            "deciding": deciding,
            "rows": _rows(
                form, ["reason", "evidence", *FIELDS_BY_KIND[kind], "decided", "meeting_on"]
            ),
        },
    )


def _detail_context(request, step):
    user = request.user
    return {
        "step": step,
        "service": step.service,
        "decided": decided_words(step),
        "today": _today(),
        "overdue": step.status == StepStatus.CURRENT
        and rules.review_overdue(step.review_on, _today()),
        "can_decide": has_permission(user, Permission.DECIDE_ESCALATION, obj=step),
        "can_propose": has_permission(user, Permission.PROPOSE_ESCALATION, obj=step),
        "can_see_ladder": has_permission(user, Permission.VIEW_ESCALATION, obj=step),
    }


@require_permission(Permission.VIEW_SUSPENSIONS)
def suspension_detail(request, pk):
    step = _load_step(request.user, pk, Permission.VIEW_SUSPENSIONS)
    if step.kind != StepKind.SUSPENSION:
        raise Http404("Not a suspension")
    conditions = list(step.conditions.all())
    context = _detail_context(request, step)
    context.update(
        words=suspension_words(step),
        conditions=conditions,
        notifications=list(step.notifications.all()),
        people_reviews=list(step.people_reviews.all()),
        conditions_form=ConditionsForm(conditions=conditions)
        if context["can_propose"] and step.status == StepStatus.CURRENT
        else None,
    )
    return render(request, "escalation/step.html", context)


@require_permission(Permission.VIEW_ESCALATION)
def step_detail(request, pk):
    step = _load_step(request.user, pk, Permission.VIEW_ESCALATION)
    if step.kind == StepKind.SUSPENSION:
        return redirect("escalation:suspension", pk=step.pk)
    return render(request, "escalation/step.html", _detail_context(request, step))


@require_permission(Permission.DECIDE_ESCALATION)
def decide(request, pk):
    step = _load_step(request.user, pk, Permission.DECIDE_ESCALATION)
    if step.status != StepStatus.PROPOSED:
        messages.info(request, "This step has already been decided")
        return redirect(_step_url(step))
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.decide_step(
                step=step,
                by=request.user,
                today=_today(),
                agree=data["agree"] == "yes",
                meeting_on=data["meeting_on"] if data["decided"] == "meeting" else None,
                note=data["note"],
                review_on=data["review_on"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Decision recorded")
            return redirect(_step_url(step))
    return _form_page(
        request,
        step,
        form,
        heading=f"Decide: {step.get_kind_display().lower()}",
        submit="Record the decision",
        fields=["agree", "decided", "meeting_on", "review_on", "note"],
    )


@require_permission(Permission.DECIDE_ESCALATION)
def end(request, pk):
    step = _load_step(request.user, pk, Permission.DECIDE_ESCALATION)
    if step.status != StepStatus.CURRENT or step.kind in ENDS_OTHERWISE:
        messages.info(request, "This step cannot be lifted or stepped down here")
        return redirect(_step_url(step))
    with_conditions = step.kind == StepKind.SUSPENSION and step.conditions.exists()
    form = EndForm(request.POST or None, with_conditions=with_conditions)
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_step(
                step=step,
                by=request.user,
                today=_today(),
                reason=form.cleaned_data["reason"],
                unmet_reason=form.cleaned_data.get("unmet_reason", ""),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Lifted" if step.kind == StepKind.SUSPENSION else "Ended")
            return redirect(_step_url(step))
    lifting = step.kind == StepKind.SUSPENSION
    return _form_page(
        request,
        step,
        form,
        heading="Lift the suspension" if lifting else "Step down",
        submit="Lift the suspension" if lifting else "Step down",
        fields=list(form.fields),
        intro="Lifting needs every condition marked met, or a reason to lift before."
        if with_conditions
        else "",
    )


@require_permission(Permission.PROPOSE_ESCALATION)
def review(request, pk):
    step = _load_step(request.user, pk, Permission.PROPOSE_ESCALATION)
    if step.status != StepStatus.CURRENT:
        messages.info(request, "This step is not in force")
        return redirect(_step_url(step))
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_review(step=step, by=request.user, today=_today(), **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Review recorded")
            return redirect(_step_url(step))
    return _form_page(
        request,
        step,
        form,
        heading="Record a review",
        submit="Record the review",
        fields=["notes", "next_review_on"],
    )


@require_permission(Permission.PROPOSE_ESCALATION)
def conditions(request, pk):
    step = _load_step(request.user, pk, Permission.PROPOSE_ESCALATION)
    if request.method == "POST" and step.status == StepStatus.CURRENT:
        form = ConditionsForm(request.POST, conditions=list(step.conditions.all()))
        if form.is_valid():
            actions.mark_conditions(step=step, met_ids=form.cleaned_data["met"], by=request.user)
            messages.success(request, "Conditions for lifting updated")
    return redirect(_step_url(step))


@require_permission(Permission.DECIDE_ESCALATION)
def outcome(request, pk):
    step = _load_step(request.user, pk, Permission.DECIDE_ESCALATION)
    if step.kind != StepKind.DEFAULT_NOTICE or step.status != StepStatus.CURRENT:
        messages.info(request, "Only an open default notice has an outcome to record")
        return redirect(_step_url(step))
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_outcome(step=step, by=request.user, today=_today(), **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Outcome recorded")
            return redirect(_step_url(step))
    return _form_page(
        request,
        step,
        form,
        heading="Record the default notice's outcome",
        submit="Record the outcome",
        fields=["outcome", "note", "remedy_by"],
    )


def _suspension_form(request, pk, form_class, action, *, heading, submit, fields):
    step = _load_step(request.user, pk, Permission.PROPOSE_ESCALATION)
    if step.kind != StepKind.SUSPENSION or step.status != StepStatus.CURRENT:
        messages.info(request, "Only a suspension in force takes this record")
        return redirect(_step_url(step))
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(step=step, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{heading}: recorded")
            return redirect(_step_url(step))
    return _form_page(request, step, form, heading=heading, submit=submit, fields=fields)


@require_permission(Permission.PROPOSE_ESCALATION)
def add_notification(request, pk):
    return _suspension_form(
        request,
        pk,
        NotificationForm,
        lambda **kw: actions.record_notification(today=_today(), **kw),
        heading="Who was told",
        submit="Record who was told",
        fields=["told", "detail", "told_on"],
    )


@require_permission(Permission.PROPOSE_ESCALATION)
def add_people_review(request, pk):
    return _suspension_form(
        request,
        pk,
        PeopleReviewForm,
        actions.add_people_review,
        heading="A review of people living there",
        submit="Add the review",
        fields=["reference", "people"],
    )


@require_permission(Permission.PROPOSE_ESCALATION)
def people_review_done(request, pk):
    review = get_object_or_404(PeopleReview.objects.select_related("step"), pk=pk)
    step = _load_step(request.user, review.step_id, Permission.PROPOSE_ESCALATION)
    if request.method == "POST":
        actions.mark_people_review_done(review=review, by=request.user, today=_today())
        messages.success(request, f"Review of {review.reference}: done")
    return redirect(_step_url(step))


def _policy_ratings(policy) -> dict:
    """The rule's ratings in words, best first: "Good or Outstanding" reads as people say it."""
    from careqa.providers.presenters import rating_label
    from careqa.providers.vocab import RATING_RANK

    def words(ratings):
        ordered = sorted(ratings, key=lambda r: RATING_RANK.get(r, 0))
        return " or ".join(rating_label(r) for r in ordered)

    return {"from": words(policy.from_ratings), "to": words(policy.to_ratings)}
