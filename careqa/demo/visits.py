"""The demo team's work: officers with capacity and patches, lead officers, last year's
visits carried out and reported, and this year's programme, carried out up to today.

Everything goes through the visits' actions and the real planner, from a seeded random
generator, so the same day gives the same demo. Dates follow the day it is loaded: last
year is history, this year's visits before today have happened (a few reports are left
due or overdue, as in any team), the rest are planned.
"""

import datetime
import random

from django.db import transaction

from careqa.accounts.actions import add_user
from careqa.accounts.models import User
from careqa.accounts.roles import Role
from careqa.areas.models import CouncilProfile
from careqa.providers.vocab import Rating
from careqa.visits import actions
from careqa.visits.models import Visit
from careqa.visits.programme import draft_programme
from careqa.visits.queries import areas_of
from careqa.visits.rules.judgements import area_judgement
from careqa.visits.vocab import Answer, VisitStatus

# Two more officers, so the programme has a team to spread over.
MORE_OFFICERS = (("sam", "Sam", "Okafor"), ("jo", "Jo", "Lindqvist"))
JOINT_WITH = "NHS Black Country ICB quality nurse"

# How likely each answer is, by the regulator's rating: our findings follow CQC's, roughly.
ANSWER_ODDS = {
    Rating.OUTSTANDING: (0.92, 0.07, 0.01),
    Rating.GOOD: (0.82, 0.15, 0.03),
    Rating.REQUIRES_IMPROVEMENT: (0.55, 0.33, 0.12),
    Rating.INADEQUATE: (0.35, 0.40, 0.25),
    None: (0.75, 0.2, 0.05),
}
EVIDENCE = {
    Answer.MET: (
        "Seen in the care plans we sampled.",
        "Residents and staff described this consistently.",
        "Records were complete and up to date.",
        "Observed during the visit.",
    ),
    Answer.PARTLY_MET: (
        "Two of the five care plans we sampled were not reviewed this month.",
        "Staff knew the procedure, but the records were incomplete.",
        "In place, but not consistently applied on the late shift.",
    ),
    Answer.NOT_MET: (
        "No record of the checks in the last six weeks.",
        "Staff could not tell us what the policy required.",
        "Not in place at the time of the visit.",
    ),
}
VIEWS = (
    ("resident", "positive", "The staff are kind and they always knock before coming in."),
    ("relative", "positive", "Mum has settled well and they keep me informed."),
    ("relative", "mixed", "The care is good but I can never get through on the phone."),
    ("staff", "mixed", "We are a good team, but we are often short on the late shift."),
    ("resident", "negative", "I have to wait a long time when I ring my bell at night."),
    ("carer", "positive", "The manager listens and acts on what we say."),
)
ACTIONS = {
    "safe": "Make sure medicines records are complete and checked every week.",
    "effective": "Review every care plan monthly and record the review.",
    "caring": "Involve people and their families in reviewing their care.",
    "responsive": "Record complaints and what was done about them, and learn from them.",
    "well_led": "Carry out and record the monthly quality audits, with actions and owners.",
    "experiences_progress": "Set and review each child's education and activity goals.",
    "help_protection": "Review every missing-from-care episode with the child's social worker.",
    "leadership": "Send the Regulation 44 reports and the manager's response to the council.",
}


# A year of visits behind today; and from October, next year's programme is planned too.
HISTORY = datetime.timedelta(days=365)
PLAN_NEXT_YEAR_FROM_MONTH = 10


@transaction.atomic  # one transaction: the actions' own become savepoints, far cheaper
def load_team_work(*, users, today, password, seed=2026) -> dict:
    rng = random.Random(seed)
    officers = _team(users, password)
    _leads(officers, today)
    counts = {"visits carried out": 0, "reports issued": 0, "planned": 0}
    questions = {}  # each question set's questions, read once
    start = today - HISTORY
    years = [start.year, today.year]
    if today.month >= PLAN_NEXT_YEAR_FROM_MONTH:
        years.append(today.year + 1)
    for year in sorted(set(years)):
        result, _ = draft_programme(year, today=datetime.date(year, 1, 1))
        # Before the year of history, the programme is not the demo's business.
        result.visits[:] = [v for v in result.visits if v.day >= start]
        actions.apply_programme(year=year, result=result, by=users[Role.QA_MANAGER])
        past = Visit.objects.filter(year=year, planned_on__lt=today).select_related("service")
        for visit in past.order_by("planned_on", "pk"):
            _carry_out(visit, rng, users, today, counts, questions)
        counts["planned"] += Visit.objects.filter(year=year, status=VisitStatus.PLANNED).count()
    return counts


def _team(users, password):
    manager = users[Role.QA_MANAGER]
    officers = [users[Role.QA_OFFICER]]
    for username, first, last in MORE_OFFICERS:
        officer = User.objects.filter(username=username).first() or add_user(
            password=password,
            by="Demo loader",
            username=username,
            first_name=first,
            last_name=last,
            role=Role.QA_OFFICER,
            email=f"{username}@careqa-demo.example",
            job_title="Quality assurance officer",
        )
        officers.append(officer)
    area = list(CouncilProfile.objects.get().our_area.all())
    patches = (
        {"visits_per_week": 4, "working_days": [0, 1, 2, 3, 4]},
        {"visits_per_week": 4, "working_days": [0, 1, 2, 3]},
        {
            "visits_per_week": 3,
            "working_days": [1, 2, 3, 4],
            "service_types": ["domiciliary", "supported_living", "extra_care"],
        },
    )
    for officer, patch in zip(officers, patches, strict=True):
        actions.save_officer_profile(officer=officer, by=manager, councils=area, **patch)
    actions.save_officer_profile(
        officer=manager, by=manager, councils=area, visits_per_week=1, working_days=[2]
    )
    return officers


def _leads(officers, today):
    from careqa.visits.planning_inputs import commissioned_services

    home_care = {"domiciliary", "supported_living", "extra_care"}
    services = commissioned_services().order_by("location_id")
    for index, service in enumerate(services):
        community = bool(home_care & set(service.type_codes))
        officer = officers[2] if community else officers[index % 2]
        actions.assign_lead_officer(service=service, officer=officer, by="Demo loader", today=today)


def _carry_out(visit, rng, users, today, counts, questions):
    officer = visit.lead_officer
    recent = (today - visit.planned_on).days
    if recent > 30 and rng.random() < 0.01:
        return  # the odd visit never done: it shows as overdue
    joint = rng.random() < 0.15
    visit = actions.record_visit(
        visit=visit,
        by=officer,
        today=today,
        carried_out_on=visit.planned_on,
        starts_at=datetime.time(9 + rng.randrange(0, 4), rng.choice((0, 30))),
        ends_at=datetime.time(14 + rng.randrange(0, 3), 0),
        announced=rng.random() < 0.7,
        joint_with=JOINT_WITH if joint else "",
        partners=[users[Role.PARTNER]] if joint else [],
        purpose=f"The {visit.get_visit_type_display().lower()} of the year's programme.",
        methodology=(
            "We spoke to residents, relatives and staff, observed the lunchtime meal and "
            "activities, and sampled care plans, medicines records and audits."
        ),
        interaction_observed="Staff were patient and spoke to people respectfully.",
        environment_observed="Clean and homely; one bathroom was out of use.",
        verbal_feedback="We shared our main findings with the manager at the end of the day.",
    )
    counts["visits carried out"] += 1
    if visit.question_set is None:
        return
    odds = ANSWER_ODDS.get(visit.service.rating or None, ANSWER_ODDS[None])
    answers = {}
    if visit.question_set_id not in questions:
        questions[visit.question_set_id] = list(visit.question_set.questions.all())
    for question in questions[visit.question_set_id]:
        answer = rng.choices((Answer.MET, Answer.PARTLY_MET, Answer.NOT_MET), weights=odds)[0]
        answers[question] = (answer, rng.choice(EVIDENCE[answer]), "")
    actions.save_findings(visit=visit, answers=answers, by=officer)
    by_area = {}
    for question, (answer, _, _) in answers.items():
        by_area.setdefault(question.area, []).append(answer)
    judgements = {}
    for area in areas_of(visit):
        rule = area_judgement(by_area.get(area, []))
        poor = rule.judgement in (Rating.REQUIRES_IMPROVEMENT, Rating.INADEQUATE)
        evidence = "See the findings: several questions were only partly met." if poor else ""
        judgements[area] = (rule.judgement or "", "", evidence)
        if poor:
            actions.add_required_action(
                visit=visit,
                by=officer,
                area=area,
                priority="high" if rule.judgement == Rating.INADEQUATE else "medium",
                action=ACTIONS[area],
            )
    actions.judge_visit(visit=visit, by=officer, judgements=judgements)
    for role, sentiment, said in rng.sample(VIEWS, 2):
        actions.add_view(
            service=visit.service,
            visit=visit,
            by=officer,
            heard_on=visit.planned_on,
            role=role,
            method="at_visit",
            said=said,
            sentiment=sentiment,
            consent_to_share=rng.random() < 0.8,
        )
    report = actions.draft_report(visit=visit, by=officer)
    issue_after = rng.choice((5, 7, 9, 10, 12, 13, 14, 14, 18, 25))
    if recent >= issue_after:
        issued_on = visit.planned_on + datetime.timedelta(days=issue_after)
        actions.issue_report(report=report, by=users[Role.QA_MANAGER], today=issued_on)
        counts["reports issued"] += 1
