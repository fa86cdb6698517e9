"""Reads about visits that span models: a visit's answers by area, what is still unjudged,
an officer's and the team's work, and the programme's progress."""

import datetime

from django.db.models import Count, Q

from careqa.providers.vocab import CQC_KEY_QUESTIONS, KEY_QUESTION_LABELS, OFSTED_AREAS, Regulator
from careqa.visits.models import Report, Visit
from careqa.visits.vocab import HAPPENED, ReportStatus, VisitStatus


def areas_of(visit) -> tuple[str, ...]:
    """CQC's five key questions, or Ofsted's three areas for children's services."""
    return OFSTED_AREAS if visit.service.regulator == Regulator.OFSTED else CQC_KEY_QUESTIONS


def answers_by_area(visit) -> dict[str, list[str]]:
    found = {}
    for area, answer in visit.findings.values_list("question__area", "answer"):
        found.setdefault(area, []).append(answer)
    return found


def unassessed_areas(visit) -> list[str]:
    """The key questions (in words) with no judgement yet."""
    judged = set(visit.judgements.exclude(judgement="").values_list("area", flat=True))
    return [KEY_QUESTION_LABELS[a] for a in areas_of(visit) if a not in judged]


def visits_between(start, end, *, officer=None):
    visits = Visit.objects.filter(planned_on__range=(start, end)).exclude(
        status=VisitStatus.CANCELLED
    )
    if officer is not None:
        visits = visits.filter(Q(lead_officer=officer) | Q(other_officers=officer)).distinct()
    return visits.select_related("service", "lead_officer").order_by("planned_on", "pk")


def without_a_report(*, officer=None):
    """Visits carried out whose report is not issued yet."""
    visits = Visit.objects.filter(status__in=(VisitStatus.CARRIED_OUT, VisitStatus.REPORT_DRAFTED))
    if officer is not None:
        visits = visits.filter(lead_officer=officer)
    return visits.select_related("service", "lead_officer").order_by("carried_out_on", "pk")


def issued_reports(year):
    """(visit day, issue day) of the first issued report of each visit carried out in `year`."""
    rows = (
        Report.objects.filter(
            visit__carried_out_on__year=year,
            status__in=(ReportStatus.ISSUED, ReportStatus.SUPERSEDED),
        )
        .order_by("visit_id", "version")
        .values_list("visit_id", "visit__carried_out_on", "issued_on")
    )
    first = {}
    for visit_id, visited, issued in rows:
        first.setdefault(visit_id, (visited, issued))
    return list(first.values())


def progress(year, *, today):
    """Per officer: visits done, still due, and overdue (planned before today, not done)."""
    visits = Visit.objects.filter(year=year).exclude(status=VisitStatus.CANCELLED)
    rows = visits.values("lead_officer_id", "lead_officer__first_name", "lead_officer__last_name")
    rows = rows.annotate(
        done=Count("pk", filter=Q(status__in=HAPPENED)),
        due=Count("pk", filter=Q(status=VisitStatus.PLANNED, planned_on__gte=today)),
        overdue=Count("pk", filter=Q(status=VisitStatus.PLANNED, planned_on__lt=today)),
    ).order_by("lead_officer__first_name", "lead_officer__last_name")
    return list(rows)


def week_of(day: datetime.date):
    start = day - datetime.timedelta(days=day.weekday())
    return start, start + datetime.timedelta(days=6)


def answered_counts(visit) -> dict[str, int]:
    """How many of each key question's questions have an answer, in the areas' order."""
    counts = dict.fromkeys(areas_of(visit), 0)
    for area in visit.findings.values_list("question__area", flat=True):
        if area in counts:
            counts[area] += 1
    return counts


def question_counts(visit) -> dict[str, int]:
    """How many questions each key question has in the visit's question set."""
    from careqa.visits.models import Question

    if visit.question_set_id is None:
        return {}
    rows = Question.objects.filter(question_set_id=visit.question_set_id).values("area")
    return {r["area"]: r["n"] for r in rows.annotate(n=Count("pk")).order_by()}


def active_question_set(service):
    """The question set now in use for this kind of service, or None if there is none."""
    from careqa.visits.models import QuestionSet
    from careqa.visits.question_bank import kind_for

    kind = kind_for(set(service.type_codes), care_home=service.care_home)
    return QuestionSet.objects.filter(kind=kind, active=True).first()
