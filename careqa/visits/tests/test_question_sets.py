"""Question sets are versioned: a change makes a new version, a visit keeps its own."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careqa.audit.models import AuditEvent
from careqa.visits import actions
from careqa.visits.models import QuestionSet

pytestmark = pytest.mark.django_db


def care_home_set():
    return QuestionSet.objects.get(kind="care_home", active=True)


def test_every_kind_has_its_default_set_from_the_migration():
    kinds = set(QuestionSet.objects.filter(active=True).values_list("kind", flat=True))
    assert len(kinds) == 8 and "childrens_home" in kinds
    assert care_home_set().version == 1


def test_changing_a_question_makes_a_new_version_and_a_visit_keeps_the_old(home, officer, manager):
    visit = actions.add_visit(
        service=home,
        by=manager,
        planned_on=datetime.date(2026, 3, 2),
        lead_officer=officer,
        visit_type="contract_review",
    )
    visit = actions.record_visit(
        visit=visit,
        by=officer,
        today=datetime.date(2026, 3, 3),
        carried_out_on=datetime.date(2026, 3, 2),
    )
    old = care_home_set()
    first = old.questions.order_by("order").first()
    revised = actions.revise_question_set(
        question_set=old,
        by=manager,
        note="Plainer words",
        change=(first, {"text": "Are medicines given safely?"}),
    )
    assert revised.version == 2 and revised.active
    old.refresh_from_db()
    assert not old.active
    assert revised.questions.count() == old.questions.count()
    assert revised.questions.order_by("order").first().text == "Are medicines given safely?"
    visit.refresh_from_db()
    assert visit.question_set == old  # the visit keeps the version it used
    assert AuditEvent.objects.filter(record_type="visits.questionset", record_id=revised.pk)
    with pytest.raises(ValidationError):  # the old version cannot be changed again
        actions.revise_question_set(question_set=old, by=manager, note="x", remove=first)


def test_adding_and_removing_questions(manager):
    base = care_home_set()
    added = actions.revise_question_set(
        question_set=base,
        by=manager,
        note="Falls are a local priority",
        add={
            "area": "safe",
            "text": "Are falls reviewed after each one?",
            "guidance": "",
            "evidence": ["processes"],
            "references": {"PAMMS": "Standard 3.2"},
        },
    )
    safe = list(added.questions.filter(area="safe").order_by("order"))
    assert safe[-1].text == "Are falls reviewed after each one?"
    assert safe[-1].references == {"PAMMS": "Standard 3.2"}
    removed = actions.revise_question_set(
        question_set=added, by=manager, note="Duplicate", remove=safe[-1]
    )
    assert removed.questions.count() == base.questions.count()


def test_only_a_manager_edits_and_the_form_says_what_is_missing(client, personas):
    question = care_home_set().questions.first()
    url = reverse("visits:question-edit", args=[question.pk])
    client.force_login(personas["qa_officer"])
    assert client.get(url).status_code == 403
    assert (
        client.get(reverse("visits:question-set", args=[question.question_set_id])).status_code
        == 200
    )
    client.force_login(personas["qa_manager"])
    response = client.post(url, {"area": "safe", "text": "", "note": ""})
    html = response.content.decode()
    assert "Enter the question" in html and "Say what changed and why" in html
    assert QuestionSet.objects.filter(kind="care_home").count() == 1
    response = client.post(
        url,
        {
            "area": "safe",
            "text": "Are medicines safe?",
            "note": "Shorter",
            "evidence": ["observation"],
        },
    )
    assert response.status_code == 302
    assert care_home_set().version == 2
