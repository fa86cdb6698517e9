"""A visit's page and the forms that record it: what happened, the findings for each key
question, the judgements, people's views, required actions and immediate concerns."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.permissions import Permission
from careqa.audit.presenters import present_events
from careqa.audit.queries import events_for_records
from careqa.govuk.forms import run_on_form
from careqa.providers.vocab import KEY_QUESTION_LABELS
from careqa.visits import actions, forms, queries
from careqa.visits.access import load_visit, may_record, may_see_record
from careqa.visits.models import Question
from careqa.visits.vocab import HAPPENED, ReportStatus


def _record_or_403(request, pk):
    visit = load_visit(request.user, pk, record=True)
    if not may_record(request.user, visit):
        raise PermissionDenied
    return visit


@require_permission(Permission.VIEW_ISSUED_REPORTS)
def visit_detail(request, pk):
    visit = load_visit(request.user, pk)
    user = request.user
    full = may_see_record(user, visit)
    reports = list(visit.reports.order_by("-version"))
    issued = [r for r in reports if r.status != ReportStatus.DRAFT]
    context = {
        "visit": visit,
        "service": visit.service,
        "full": full,
        "can_record": may_record(user, visit),
        "can_plan": has_permission(user, Permission.PLAN_PROGRAMME, obj=visit),
        "can_issue": has_permission(user, Permission.ISSUE_REPORTS, obj=visit),
        "happened": visit.status in HAPPENED,
        "issued_reports": issued,
        "draft": next((r for r in reports if r.status == ReportStatus.DRAFT), None),
        # Before a report is issued its judgement is part of the record: others see the
        # issued report's, even while a correction is in draft.
        "shown_overall": visit.overall if full else _issued_overall(issued),
    }
    if full:
        judgements = {j.area: j for j in visit.judgements.all()}
        totals = queries.question_counts(visit)
        context.update(
            areas=[
                {
                    "key": a,
                    "label": KEY_QUESTION_LABELS[a],
                    "answered": n,
                    "questions": totals.get(a, 0),
                    "judgement": judgements[a].judgement if a in judgements else "",
                }
                for a, n in queries.answered_counts(visit).items()
            ],
            views=list(visit.views.all()),
            required_actions=list(visit.required_actions.all()),
            concerns=list(visit.concerns.all()),
        )
    if has_permission(user, Permission.VIEW_AUDIT, obj=visit):
        events = events_for_records("visits.visit", [visit.pk]).order_by("-occurred_at")[:100]
        context["audit_events"] = present_events(events, user=user)
    return render(request, "visits/detail.html", context)


def _issued_overall(issued_reports):
    from careqa.providers.vocab import Rating

    current = next((r for r in issued_reports if r.status == ReportStatus.ISSUED), None)
    label = current.content.get("overall", "") if current else ""
    return next((r.value for r in Rating if r.label == label), "")


@require_permission(Permission.RECORD_VISITS)
def visit_record(request, pk):
    visit = _record_or_403(request, pk)
    form = forms.RecordForm(
        request.POST or None, initial=forms.RecordForm.initial_from(visit), visit=visit
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        people = {k: data.pop(k, None) for k in ("other_officers", "partners")}
        done = run_on_form(
            form,
            lambda: actions.record_visit(
                visit=visit, by=request.user, today=timezone.localdate(), **people, **data
            ),
        )
        if done is not None:
            messages.success(request, "The visit's record is saved")
            return redirect("visits:detail", pk=visit.pk)
    return render(request, "visits/record.html", {"visit": visit, "form": form})


@require_permission(Permission.RECORD_VISITS)
def visit_findings(request, pk, area):
    visit = _record_or_403(request, pk)
    if area not in queries.areas_of(visit):
        raise PermissionDenied
    if visit.question_set_id is None:
        messages.error(request, "Record when the visit was carried out first")
        return redirect("visits:detail", pk=visit.pk)
    questions = Question.objects.filter(question_set=visit.question_set, area=area)
    findings = {f.question_id: f for f in visit.findings.filter(question__area=area)}
    form = forms.FindingsForm(request.POST or None, questions=questions, findings=findings)
    if request.method == "POST" and form.is_valid():
        done = run_on_form(
            form,
            lambda: actions.save_findings(visit=visit, answers=form.answers(), by=request.user),
        )
        if done is not None:
            messages.success(request, f"Findings for {KEY_QUESTION_LABELS[area]} saved")
            return redirect("visits:detail", pk=visit.pk)
    return render(
        request,
        "visits/findings.html",
        {"visit": visit, "form": form, "area": area, "area_label": KEY_QUESTION_LABELS[area]},
    )


@require_permission(Permission.RECORD_VISITS)
def visit_judgements(request, pk):
    from careqa.visits.rules.judgements import RULE_TEXT, area_judgement, overall_judgement

    visit = _record_or_403(request, pk)
    areas = queries.areas_of(visit)
    by_area = queries.answers_by_area(visit)
    rules = {a: area_judgement(by_area.get(a, [])) for a in areas}
    existing = {j.area: j for j in visit.judgements.all()}
    form = forms.JudgementsForm(
        request.POST or None, areas=areas, rules=rules, existing=existing, visit=visit
    )
    if request.method == "POST" and form.is_valid():
        done = run_on_form(
            form,
            lambda: actions.judge_visit(
                visit=visit,
                by=request.user,
                judgements=form.judgements(),
                overall=form.cleaned_data["overall"],
                overall_departure_reason=form.cleaned_data["overall_departure_reason"],
            ),
        )
        if done is not None:
            messages.success(request, "Judgements saved")
            return redirect("visits:detail", pk=visit.pk)
    return render(
        request,
        "visits/judgements.html",
        {
            "visit": visit,
            "form": form,
            "rule_text": RULE_TEXT,
            "overall_rule": overall_judgement(
                {a: (existing[a].judgement or None) if a in existing else None for a in areas}
            ),
        },
    )


def _visit_form(request, pk, *, form_class, template, save, success, form_kwargs=None, load=None):
    """A one-form page about a visit: load it (by default, for someone who may record it),
    validate, call one action, say so and go back to the visit."""
    visit = (load or _record_or_403)(request, pk)
    form = form_class(request.POST or None, **(form_kwargs(visit) if form_kwargs else {}))
    if request.method == "POST" and form.is_valid():
        done = run_on_form(form, lambda: save(visit, form.cleaned_data))
        if done is not None:
            messages.success(request, success)
            return redirect("visits:detail", pk=visit.pk)
    return render(request, template, {"visit": visit, "form": form})


@require_permission(Permission.RECORD_VISITS)
def add_view(request, pk):
    return _visit_form(
        request,
        pk,
        form_class=forms.PersonViewForm,
        template="visits/add_view.html",
        save=lambda visit, data: actions.add_view(
            service=visit.service, visit=visit, by=request.user, **data
        ),
        success="The view is recorded",
        # Most views are heard at the visit itself.
        form_kwargs=lambda visit: {"initial": {"heard_on": visit.day}},
    )


@require_permission(Permission.RECORD_VISITS)
def add_required_action(request, pk):
    return _visit_form(
        request,
        pk,
        form_class=forms.RequiredActionForm,
        template="visits/add_action.html",
        save=lambda visit, data: actions.add_required_action(visit=visit, by=request.user, **data),
        success="The required action is recorded",
        form_kwargs=lambda visit: {"areas": queries.areas_of(visit)},
    )


@require_permission(Permission.RECORD_VISITS)
def add_concern(request, pk):
    return _visit_form(
        request,
        pk,
        form_class=forms.ConcernForm,
        template="visits/add_concern.html",
        save=lambda visit, data: actions.add_concern(visit=visit, by=request.user, **data),
        success="The concern is recorded",
    )


def _plan_or_403(request, pk):
    visit = load_visit(request.user, pk, record=True)
    if not has_permission(request.user, Permission.PLAN_PROGRAMME, obj=visit):
        raise PermissionDenied
    return visit


@require_permission(Permission.PLAN_PROGRAMME)
def visit_move(request, pk):
    return _visit_form(
        request,
        pk,
        load=_plan_or_403,
        form_class=forms.MoveForm,
        template="visits/move.html",
        save=lambda v, d: actions.move_visit(visit=v, by=request.user, **d),
        success="The visit is moved",
    )


@require_permission(Permission.PLAN_PROGRAMME)
def visit_reassign(request, pk):
    return _visit_form(
        request,
        pk,
        load=_plan_or_403,
        form_class=forms.ReassignForm,
        template="visits/reassign.html",
        save=lambda v, d: actions.reassign_visit(visit=v, by=request.user, **d),
        success="The visit has a new officer",
    )


@require_permission(Permission.PLAN_PROGRAMME)
def visit_cancel(request, pk):
    return _visit_form(
        request,
        pk,
        load=_plan_or_403,
        form_class=forms.CancelForm,
        template="visits/cancel.html",
        save=lambda v, d: actions.cancel_visit(visit=v, by=request.user, **d),
        success="The visit is cancelled",
    )


@require_permission(Permission.PLAN_PROGRAMME)
def visit_add(request):
    from careqa.providers.models import Service

    raw = request.GET.get("service", "")
    if not raw.isdigit():
        raise Http404("No service was chosen for the visit")
    service = get_object_or_404(Service, pk=int(raw))
    if not has_permission(request.user, Permission.PLAN_PROGRAMME, obj=service):
        raise PermissionDenied
    form = forms.AddVisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        visit = run_on_form(
            form,
            lambda: actions.add_visit(
                service=service,
                by=request.user,
                planned_on=data["planned_on"],
                lead_officer=data["lead_officer"],
                visit_type=data["visit_type"],
                announced=data["announced"],
            ),
        )
        if visit is not None:
            messages.success(request, "The visit is added to the programme")
            return redirect("visits:detail", pk=visit.pk)
    return render(request, "visits/add_visit.html", {"service": service, "form": form})
