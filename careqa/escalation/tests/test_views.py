"""Escalation's pages for each role: who may see and change what, and the messages."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from careqa.audit.models import AuditEvent
from careqa.escalation import actions
from careqa.escalation.models import Step
from careqa.escalation.vocab import StepStatus
from careqa.factories import (
    ContractFactory,
    CouncilFactory,
    CouncilProfileFactory,
    PublishedRatingFactory,
    ServiceFactory,
)
from careqa.providers.vocab import ContractStatus
from careqa.tests.personas import PROVIDER_A

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
LATER = TODAY + datetime.timedelta(days=28)


@pytest.fixture
def contract(personas):
    service = ServiceFactory(name="Amber Court", provider=personas[PROVIDER_A].scope_provider)
    return ContractFactory(service=service)


@pytest.fixture
def suspension(contract, personas):
    return actions.take_step(
        service=contract.service,
        kind="suspension",
        by=personas["qa_manager"],
        today=datetime.date(2027, 3, 3),
        decide=True,
        reason="Safeguarding concerns",
        evidence="Visit of 1 March",
        placements="all",
        conditions=["A new registered manager in post"],
        review_on=datetime.date(2027, 3, 31),
    )


@pytest.fixture
def notice(contract, personas):
    return actions.take_step(
        service=contract.service,
        kind="default_notice",
        by=personas["qa_manager"],
        today=TODAY,
        decide=True,
        reason="r",
        evidence="e",
        clause="14.2",
        failure="No rotas",
        remedy="Keep rotas",
        remedy_by=LATER,
        review_on=LATER,
    )


def _as(client, personas, who):
    client.force_login(personas[who])
    return client


def test_a_suspended_service_carries_the_banner_on_its_page(client, personas, suspension):
    page = _as(client, personas, "commissioner").get(
        reverse("providers:service-detail", args=[suspension.service.pk])
    )
    html = page.content.decode()
    assert "careqa-notification-banner--suspended" in html
    assert "Suspended: no new placements since 3 March 2027, review 31 March" in html
    assert "Contract suspended" in html


def test_the_banner_goes_when_the_suspension_is_lifted(client, personas, suspension):
    actions.mark_conditions(
        step=suspension, met_ids=[c.pk for c in suspension.conditions.all()], by=None
    )
    actions.end_step(
        step=suspension, by=personas["qa_manager"], today=datetime.date(2027, 3, 20), reason="Ok"
    )
    page = _as(client, personas, "partner").get(
        reverse("providers:service-detail", args=[suspension.service.pk])
    )
    assert "careqa-notification-banner--suspended" not in page.content.decode()


def test_partners_see_suspensions_but_not_default_notices(client, personas, suspension, notice):
    client = _as(client, personas, "partner")
    page = client.get(reverse("escalation:current"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Amber Court" in html
    assert "Open default notices" not in html
    assert client.get(reverse("escalation:suspension", args=[suspension.pk])).status_code == 200
    assert client.get(reverse("escalation:step", args=[notice.pk])).status_code == 403


def test_commissioners_see_both_and_cannot_change_them(client, personas, suspension, notice):
    client = _as(client, personas, "commissioner")
    html = client.get(reverse("escalation:current")).content.decode()
    assert "Open default notices" in html and "14.2" in html
    page = client.get(reverse("escalation:suspension", args=[suspension.pk])).content.decode()
    assert "Lift the suspension" not in page
    response = client.post(reverse("escalation:end", args=[suspension.pk]), {"reason": "x"})
    assert response.status_code == 403
    suspension.refresh_from_db()
    assert suspension.status == StepStatus.CURRENT


def test_provider_users_are_refused(client, personas, suspension):
    client = _as(client, personas, PROVIDER_A)
    assert client.get(reverse("escalation:current")).status_code == 403
    assert client.get(reverse("escalation:suspension", args=[suspension.pk])).status_code == 403


def test_an_officer_proposes_and_a_manager_decides(client, personas, contract):
    client = _as(client, personas, "qa_officer")
    url = reverse("escalation:take-step", args=[contract.service.pk, "monitoring"])
    page = client.get(url).content.decode()
    assert "Propose: additional monitoring" in page
    assert "Who decided" not in page
    response = client.post(
        url,
        {
            "reason": "Concerns",
            "evidence": "Two visits",
            "review_on_day": LATER.day,
            "review_on_month": LATER.month,
            "review_on_year": LATER.year,
        },
    )
    step = Step.objects.get()
    assert response.status_code == 302
    assert step.status == StepStatus.PROPOSED
    client = _as(client, personas, "qa_manager")
    response = client.post(
        reverse("escalation:decide", args=[step.pk]), {"agree": "yes", "decided": "manager"}
    )
    step.refresh_from_db()
    assert step.status == StepStatus.CURRENT
    assert step.decided_by == personas["qa_manager"]


def test_a_review_date_in_the_past_is_shown_against_its_field(client, personas, contract):
    client = _as(client, personas, "qa_manager")
    past = TODAY - datetime.timedelta(days=1)
    response = client.post(
        reverse("escalation:take-step", args=[contract.service.pk, "suspension"]),
        {
            "reason": "r",
            "evidence": "e",
            "placements": "all",
            "conditions": "Manager in post",
            "review_on_day": past.day,
            "review_on_month": past.month,
            "review_on_year": past.year,
            "decided": "manager",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Review date must be today or in the future" in html
    assert 'value="Manager in post"' in html or "Manager in post</textarea>" in html
    assert not Step.objects.exists()
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE


def test_a_termination_without_a_default_notice_is_refused_with_the_rule(
    client, personas, contract
):
    client = _as(client, personas, "qa_manager")
    response = client.post(
        reverse("escalation:take-step", args=[contract.service.pk, "termination"]),
        {"reason": "r", "evidence": "e", "decided": "manager"},
    )
    assert "A contract can only be terminated after a default notice" in response.content.decode()
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE


def test_lifting_without_a_reason_is_refused(client, personas, suspension):
    client = _as(client, personas, "qa_manager")
    before = AuditEvent.objects.count()
    response = client.post(reverse("escalation:end", args=[suspension.pk]), {"reason": ""})
    assert "Enter the reason" in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_lifting_before_the_conditions_are_met_asks_why(client, personas, suspension):
    client = _as(client, personas, "qa_manager")
    url = reverse("escalation:end", args=[suspension.pk])
    response = client.post(url, {"reason": "Much better"})
    assert "Not every condition for lifting is marked met" in response.content.decode()
    response = client.post(url, {"reason": "Much better", "unmet_reason": "Interim manager"})
    assert response.status_code == 302
    suspension.refresh_from_db()
    suspension.contract.refresh_from_db()
    assert suspension.status == StepStatus.ENDED
    assert suspension.contract.status == ContractStatus.ACTIVE


def test_an_officer_marks_conditions_and_records_a_review(client, personas, suspension):
    client = _as(client, personas, "qa_officer")
    condition = suspension.conditions.get()
    client.post(reverse("escalation:conditions", args=[suspension.pk]), {"met": [condition.pk]})
    condition.refresh_from_db()
    assert condition.met
    response = client.post(
        reverse("escalation:review", args=[suspension.pk]),
        {
            "notes": "Improving",
            "next_review_on_day": LATER.day,
            "next_review_on_month": LATER.month,
            "next_review_on_year": LATER.year + 1,
        },
    )
    assert response.status_code == 302
    suspension.refresh_from_db()
    assert suspension.review_on.year == LATER.year + 1


def test_a_manager_records_a_default_notices_outcome(client, personas, notice):
    client = _as(client, personas, "qa_manager")
    response = client.post(
        reverse("escalation:outcome", args=[notice.pk]),
        {"outcome": "withdrawn", "note": "Issued in error"},
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    notice.contract.refresh_from_db()
    assert notice.status == StepStatus.ENDED
    assert notice.contract.status == ContractStatus.ACTIVE
    page = client.get(reverse("escalation:step", args=[notice.pk])).content.decode()
    assert "Withdrawn (the record is kept): Issued in error" in page


def _three_falls(service):
    ratings = ["good", "requires_improvement", "good", "inadequate", "outstanding", "inadequate"]
    for i, overall in enumerate(ratings):
        PublishedRatingFactory(
            service=service, rated_on=datetime.date(2015 + i, 5, 1), overall=overall
        )
    # A withdrawn rating does not count.
    PublishedRatingFactory(
        service=service,
        rated_on=datetime.date(2022, 1, 1),
        overall="good",
        withdrawn_on=datetime.date(2022, 2, 1),
    )


def test_the_policy_rule_lists_flagged_services(client, personas):
    council = CouncilFactory(name="Demo City")
    CouncilProfileFactory(our_area=[council])
    flagged = ServiceFactory(name="Cedar House", council=council)
    _three_falls(flagged)
    _three_falls(ServiceFactory(name="Elsewhere Court"))  # not in our area
    out = io.StringIO()
    call_command("policy_check", "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "service_id,location_id,service_name,falls,dates"
    assert lines[1:] == [
        f"{flagged.pk},{flagged.location_id},Cedar House,3,2016-05-01 2018-05-01 2020-05-01"
    ]
    table = io.StringIO()
    call_command("policy_check", stdout=table)
    assert "Cedar House" in table.getvalue()
    html = _as(client, personas, "qa_officer").get(reverse("escalation:current")).content.decode()
    assert "Cedar House" in html and "1 May 2016" in html
    assert "Elsewhere Court" not in html


def test_a_managers_home_page_lists_overdue_reviews(client, personas, contract):
    step = actions.take_step(
        service=contract.service,
        kind="monitoring",
        by=personas["qa_manager"],
        today=TODAY - datetime.timedelta(days=10),
        decide=True,
        reason="r",
        evidence="e",
        review_on=TODAY - datetime.timedelta(days=3),
    )
    html = _as(client, personas, "qa_manager").get("/").content.decode()
    assert "Escalation: reviews and decisions" in html
    assert "review overdue since" in html
    assert step.service.name in html


def test_who_was_told_and_the_reviews_of_people_living_there(client, personas, suspension):
    client = _as(client, personas, "qa_officer")
    url = reverse("escalation:add-notification", args=[suspension.pk])
    future = TODAY + datetime.timedelta(days=2)
    response = client.post(
        url,
        {
            "told": "regulator",
            "told_on_day": future.day,
            "told_on_month": future.month,
            "told_on_year": future.year,
        },
    )
    assert "Date they were told must be today or in the past" in response.content.decode()
    client.post(
        url,
        {
            "told": "other_councils",
            "detail": "Dudley",
            "told_on_day": TODAY.day,
            "told_on_month": TODAY.month,
            "told_on_year": TODAY.year,
        },
    )
    response = client.post(
        reverse("escalation:add-people-review", args=[suspension.pk]),
        {"reference": "The 12 people we fund", "people": "12"},
    )
    review = suspension.people_reviews.get()
    page = client.get(reverse("escalation:suspension", args=[suspension.pk])).content.decode()
    assert "Other councils that place there (Dudley)" in page
    assert "The 12 people we fund" in page and "Outstanding" in page
    client.post(reverse("escalation:people-review-done", args=[review.pk]))
    review.refresh_from_db()
    assert review.done_on == TODAY
    events = AuditEvent.objects.filter(service_id=suspension.service_id)
    assert {"escalation.notification", "escalation.peoplereview"} <= {e.record_type for e in events}


def test_the_registers_list_says_since_when_and_the_review(client, personas, suspension):
    html = _as(client, personas, "partner").get(reverse("providers:service-list")).content.decode()
    assert "Suspended: no new placements since 3 March 2027, review 31 March" in html
    html = _as(client, personas, "commissioner").get(reverse("providers:service-list"))
    assert "Contract suspended" in html.content.decode()


def test_the_csv_export_says_suspended_in_words_to_whoever_may_see_suspensions(
    client, personas, suspension
):
    import csv

    words = "Suspended: no new placements since 3 March 2027, review 31 March"
    for who in ("commissioner", "qa_officer"):
        response = _as(client, personas, who).get(reverse("providers:service-export"))
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = {row["Name"]: row for row in csv.DictReader(io.StringIO(text))}
        assert rows["Amber Court"]["Notes"] == words, who
        if "Contract status" in rows["Amber Court"]:
            # "Commissioned" never hides it: the status says suspended too.
            assert rows["Amber Court"]["Contract status"] == "Suspended", who
    actions.end_step(
        step=suspension,
        by=personas["qa_manager"],
        today=TODAY,
        reason="Improved",
        unmet_reason="A new manager starts next week",
    )
    response = _as(client, personas, "commissioner").get(reverse("providers:service-export"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row["Name"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["Amber Court"]["Notes"] == ""


def test_the_timeline_and_trail_show_the_steps_to_those_who_may_see_them(
    client, personas, suspension, notice
):
    url = reverse("providers:service-detail", args=[suspension.service.pk])
    html = _as(client, personas, "partner").get(url).content.decode()
    assert "Suspension of new placements" in html
    assert "Contract default notice" not in html
    html = _as(client, personas, "commissioner").get(url).content.decode()
    assert "Contract default notice" in html
    html = _as(client, personas, "qa_officer").get(url).content.decode()
    assert "Escalation: Contract default notice" in html  # the contract's change, in the trail
