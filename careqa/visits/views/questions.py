"""Question sets: read them, and (a manager) change one question, add or remove one. Each
change makes a new version; visits keep the version they used."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from careqa.accounts.authz import has_permission, require_permission
from careqa.accounts.permissions import Permission
from careqa.govuk.forms import run_on_form
from careqa.providers.vocab import KEY_QUESTION_LABELS
from careqa.visits import actions
from careqa.visits.forms import RadioOptions
from careqa.visits.models import Question, QuestionSet
from careqa.visits.question_bank import CHILDREN_KINDS, EVIDENCE_CATEGORIES, areas_for

REFERENCE_FRAMEWORKS = ("CQC quality statement", "PAMMS")


class QuestionForm(RadioOptions, forms.Form):
    area = forms.ChoiceField(label="Key question", widget=forms.RadioSelect)
    text = forms.CharField(
        label="Question",
        max_length=400,
        error_messages={
            "required": "Enter the question",
            "max_length": "The question must be 400 characters or fewer",
        },
    )
    guidance = forms.CharField(label="What good looks like", widget=forms.Textarea, required=False)
    evidence = forms.MultipleChoiceField(
        label="Evidence to seek",
        choices=list(EVIDENCE_CATEGORIES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    cqc_reference = forms.CharField(
        label="CQC quality statement (optional)", max_length=200, required=False
    )
    pamms_reference = forms.CharField(
        label="PAMMS standard (optional)",
        max_length=200,
        required=False,
        help_text="For councils mapping their PAMMS history, for example 'Standard 2.1'.",
    )
    note = forms.CharField(
        label="What changed, and why",
        max_length=300,
        error_messages={"required": "Say what changed and why"},
    )

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(a, KEY_QUESTION_LABELS[a]) for a in areas_for(kind)]

    @staticmethod
    def initial_from(question):
        refs = question.references or {}
        return {
            "area": question.area,
            "text": question.text,
            "guidance": question.guidance,
            "evidence": question.evidence,
            "cqc_reference": refs.get("CQC quality statement", ""),
            "pamms_reference": refs.get("PAMMS", ""),
        }

    def values(self, keep_references=None):
        data = self.cleaned_data
        references = dict(keep_references or {})
        for framework, field in zip(
            REFERENCE_FRAMEWORKS, ("cqc_reference", "pamms_reference"), strict=True
        ):
            if data[field].strip():
                references[framework] = data[field].strip()
            else:
                references.pop(framework, None)
        return {
            "area": data["area"],
            "text": data["text"].strip(),
            "guidance": data["guidance"].strip(),
            "evidence": list(data["evidence"]),
            "references": references,
        }


class RemoveForm(forms.Form):
    note = forms.CharField(
        label="Why remove it?",
        max_length=300,
        error_messages={"required": "Say why the question is removed"},
    )


@require_permission(Permission.VIEW_VISITS)
def question_sets(request):
    sets = QuestionSet.objects.filter(active=True).order_by("kind")
    return render(request, "visits/questions/list.html", {"sets": list(sets)})


@require_permission(Permission.VIEW_VISITS)
def question_set(request, pk):
    qs = get_object_or_404(QuestionSet, pk=pk)
    questions = list(qs.questions.order_by("order"))
    areas = [
        {"label": KEY_QUESTION_LABELS[a], "questions": [q for q in questions if q.area == a]}
        for a in areas_for(qs.kind)
    ]
    return render(
        request,
        "visits/questions/detail.html",
        {
            "set": qs,
            "areas": areas,
            "children": qs.kind in CHILDREN_KINDS,
            "versions": QuestionSet.objects.filter(kind=qs.kind).order_by("-version"),
            "can_edit": qs.active and has_permission(request.user, Permission.PLAN_PROGRAMME),
        },
    )


def _revise(request, form, call, qs):
    revised = run_on_form(form, call)
    if revised is None:
        return None
    messages.success(request, f"Version {revised.version} of the questions is now in use")
    return redirect("visits:question-set", pk=revised.pk)


@require_permission(Permission.PLAN_PROGRAMME)
def question_edit(request, pk):
    question = get_object_or_404(Question.objects.select_related("question_set"), pk=pk)
    qs = question.question_set
    form = QuestionForm(
        request.POST or None, kind=qs.kind, initial=QuestionForm.initial_from(question)
    )
    if request.method == "POST" and form.is_valid():
        done = _revise(
            request,
            form,
            lambda: actions.revise_question_set(
                question_set=qs,
                by=request.user,
                note=form.cleaned_data["note"],
                change=(question, form.values(question.references)),
            ),
            qs,
        )
        if done:
            return done
    return render(
        request, "visits/questions/form.html", {"form": form, "set": qs, "question": question}
    )


@require_permission(Permission.PLAN_PROGRAMME)
def question_add(request, pk):
    qs = get_object_or_404(QuestionSet, pk=pk)
    form = QuestionForm(request.POST or None, kind=qs.kind)
    if request.method == "POST" and form.is_valid():
        done = _revise(
            request,
            form,
            lambda: actions.revise_question_set(
                question_set=qs,
                by=request.user,
                note=form.cleaned_data["note"],
                add=form.values(),
            ),
            qs,
        )
        if done:
            return done
    return render(
        request, "visits/questions/form.html", {"form": form, "set": qs, "question": None}
    )


@require_permission(Permission.PLAN_PROGRAMME)
def question_remove(request, pk):
    question = get_object_or_404(Question.objects.select_related("question_set"), pk=pk)
    qs = question.question_set
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _revise(
            request,
            form,
            lambda: actions.revise_question_set(
                question_set=qs, by=request.user, note=form.cleaned_data["note"], remove=question
            ),
            qs,
        )
        if done:
            return done
    return render(
        request, "visits/questions/remove.html", {"form": form, "set": qs, "question": question}
    )
