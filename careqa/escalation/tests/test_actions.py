"""The ladder's actions: the data, the contract's status and the audit trail, together."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from careqa.accounts.roles import Role
from careqa.audit.models import AuditEvent
from careqa.escalation import actions
from careqa.escalation.models import Condition, Step
from careqa.escalation.vocab import StepKind, StepStatus
from careqa.factories import ContractFactory, ServiceFactory, UserFactory
from careqa.providers.queries import contract_standings
from careqa.providers.vocab import ContractStatus

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 3, 3)


@pytest.fixture
def manager():
    return UserFactory(role=Role.QA_MANAGER, first_name="Morgan", last_name="Patel")


@pytest.fixture
def contract():
    return ContractFactory(service=ServiceFactory(name="Amber Court"))


def _suspend(contract, manager, **extra):
    fields = {
        "reason": "Three safeguarding concerns in a month",
        "evidence": "Visit of 1 March; CQC inspection",
        "placements": "some",
        "placements_detail": "Nursing beds only",
        "conditions": ["A new registered manager in post", "Staffing at assessed levels"],
        "review_on": datetime.date(2027, 3, 31),
        **extra,
    }
    return actions.take_step(
        service=contract.service, kind="suspension", by=manager, today=TODAY, decide=True, **fields
    )


def _default(contract, manager, decide=True):
    return actions.take_step(
        service=contract.service,
        kind="default_notice",
        by=manager,
        today=TODAY,
        decide=decide,
        reason="Staffing records not kept",
        evidence="Visit of 1 March",
        clause="Schedule 2, clause 14.2",
        failure="Did not keep staffing rotas",
        remedy="Keep four weeks of rotas",
        remedy_by=datetime.date(2027, 4, 1),
        review_on=datetime.date(2027, 4, 2),
    )


def test_a_suspension_suspends_the_contract_and_the_register_follows(contract, manager):
    step = _suspend(contract, manager)
    contract.refresh_from_db()
    assert step.status == StepStatus.CURRENT
    assert step.decided_by == manager
    assert contract.status == ContractStatus.SUSPENDED
    assert contract_standings([contract.service_id]) == {contract.service_id: "suspended"}
    assert [c.text for c in step.conditions.all()] == [
        "A new registered manager in post",
        "Staffing at assessed levels",
    ]
    events = AuditEvent.objects.filter(service_id=contract.service_id)
    assert {e.record_type for e in events} == {"escalation.step", "providers.contract"}
    created = events.get(record_type="escalation.step", action=AuditEvent.Action.CREATED)
    assert created.changes["conditions_for_lifting"][1].startswith(
        "A new registered manager in post; "
    )
    assert created.changes["placements_detail"] == [None, "Nursing beds only"]


def test_lifting_needs_a_reason_and_saves_nothing_without_one(contract, manager):
    step = _suspend(contract, manager)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        actions.end_step(step=step, by=manager, today=TODAY, reason=" ")
    assert error.value.message_dict == {"reason": ["Enter the reason"]}
    step.refresh_from_db()
    contract.refresh_from_db()
    assert step.status == StepStatus.CURRENT
    assert contract.status == ContractStatus.SUSPENDED
    assert AuditEvent.objects.count() == before


def test_lifting_with_unmet_conditions_needs_a_reason_for_that(contract, manager):
    step = _suspend(contract, manager)
    with pytest.raises(ValidationError) as error:
        actions.end_step(step=step, by=manager, today=TODAY, reason="Improved")
    assert "unmet_reason" in error.value.message_dict
    first = step.conditions.first()
    actions.mark_conditions(step=step, met_ids=[c.pk for c in step.conditions.all()], by=manager)
    assert Condition.objects.get(pk=first.pk).met
    actions.end_step(step=step, by=manager, today=TODAY, reason="Both conditions met")
    step.refresh_from_db()
    contract.refresh_from_db()
    assert step.status == StepStatus.ENDED
    assert step.end_reason == "Both conditions met"
    assert contract.status == ContractStatus.ACTIVE


def test_a_review_date_in_the_past_is_refused_and_nothing_is_saved(contract, manager):
    with pytest.raises(ValidationError) as error:
        _suspend(contract, manager, review_on=datetime.date(2027, 3, 2))
    assert error.value.message_dict["review_on"] == ["Review date must be today or in the future"]
    assert not Step.objects.exists()
    assert not Condition.objects.exists()
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE


def test_an_officer_proposes_and_the_contract_waits_for_the_decision(contract, manager):
    officer = UserFactory(role=Role.QA_OFFICER)
    step = actions.take_step(
        service=contract.service,
        kind="suspension",
        by=officer,
        today=TODAY,
        decide=False,
        reason="r",
        evidence="e",
        placements="all",
        conditions=["c"],
        review_on=datetime.date(2027, 3, 31),
    )
    contract.refresh_from_db()
    assert step.status == StepStatus.PROPOSED
    assert contract.status == ContractStatus.ACTIVE
    actions.decide_step(step=step, by=manager, today=TODAY, meeting_on=datetime.date(2027, 3, 2))
    step.refresh_from_db()
    contract.refresh_from_db()
    assert (step.status, step.by_meeting, step.meeting_on) == (
        StepStatus.CURRENT,
        True,
        datetime.date(2027, 3, 2),
    )
    assert contract.status == ContractStatus.SUSPENDED


def test_a_default_notice_outranks_a_suspension_until_remedied(contract, manager):
    _suspend(contract, manager)
    notice = _default(contract, manager)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.IN_DEFAULT
    actions.record_outcome(step=notice, by=manager, today=TODAY, outcome="remedied", note="Done")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SUSPENDED


def test_an_extension_keeps_the_notice_open_with_a_new_deadline(contract, manager):
    notice = _default(contract, manager)
    actions.record_outcome(
        step=notice,
        by=manager,
        today=TODAY,
        outcome="extended",
        note="Asked for two weeks more",
        remedy_by=datetime.date(2027, 4, 15),
    )
    notice.refresh_from_db()
    assert notice.status == StepStatus.CURRENT
    assert notice.remedy_by == datetime.date(2027, 4, 15)


def _terminate(contract, manager, override=""):
    return actions.take_step(
        service=contract.service,
        kind="termination",
        by=manager,
        today=TODAY,
        decide=True,
        reason="No improvement",
        evidence="Three visits",
        override_reason=override,
    )


def test_a_termination_needs_a_prior_default_notice(contract, manager):
    with pytest.raises(ValidationError) as error:
        _terminate(contract, manager)
    assert "override_reason" in error.value.message_dict
    assert not Step.objects.exists()
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE


def test_a_termination_after_a_default_notice_ends_the_contract_and_the_steps(contract, manager):
    suspension = _suspend(contract, manager)
    notice = _default(contract, manager)
    _terminate(contract, manager)
    contract.refresh_from_db()
    suspension.refresh_from_db()
    notice.refresh_from_db()
    assert contract.status == ContractStatus.TERMINATED
    assert suspension.status == notice.status == StepStatus.ENDED
    assert notice.outcome == "escalated"


def test_a_manager_may_terminate_without_a_default_notice_giving_the_reason(contract, manager):
    step = _terminate(contract, manager, override="The provider has closed the home")
    contract.refresh_from_db()
    assert step.status == StepStatus.CURRENT
    assert contract.status == ContractStatus.TERMINATED


def test_a_contract_step_needs_a_live_contract(manager):
    service = ServiceFactory()
    with pytest.raises(ValidationError) as error:
        actions.take_step(
            service=service,
            kind="suspension",
            by=manager,
            today=TODAY,
            decide=True,
            reason="r",
            evidence="e",
            placements="all",
            conditions=["c"],
            review_on=TODAY,
        )
    assert "no live contract" in str(error.value)


def test_additional_monitoring_needs_no_contract(manager):
    step = actions.take_step(
        service=ServiceFactory(),
        kind=StepKind.MONITORING,
        by=manager,
        today=TODAY,
        decide=True,
        reason="Falling standards",
        evidence="Two concerns",
        review_on=TODAY,
    )
    assert step.status == StepStatus.CURRENT
    assert step.contract is None


def test_a_review_moves_the_review_date_and_refuses_one_in_the_past(contract, manager):
    step = _suspend(contract, manager)
    with pytest.raises(ValidationError):
        actions.record_review(
            step=step, by=manager, today=TODAY, notes="x", next_review_on=datetime.date(2027, 1, 1)
        )
    actions.record_review(
        step=step,
        by=manager,
        today=TODAY,
        notes="Still short of staff",
        next_review_on=datetime.date(2027, 4, 30),
    )
    step.refresh_from_db()
    assert step.review_on == datetime.date(2027, 4, 30)


def test_a_proposal_whose_review_date_has_passed_is_decided_with_a_new_one(contract, manager):
    officer = UserFactory(role=Role.QA_OFFICER)
    step = actions.take_step(
        service=contract.service,
        kind="monitoring",
        by=officer,
        today=TODAY,
        decide=False,
        reason="r",
        evidence="e",
        review_on=datetime.date(2027, 3, 10),
    )
    later = datetime.date(2027, 3, 20)
    with pytest.raises(ValidationError) as error:
        actions.decide_step(step=step, by=manager, today=later)
    assert error.value.message_dict["review_on"] == ["Review date must be today or in the future"]
    step.refresh_from_db()
    assert step.status == StepStatus.PROPOSED
    actions.decide_step(step=step, by=manager, today=later, review_on=datetime.date(2027, 4, 1))
    step.refresh_from_db()
    assert (step.status, step.review_on) == (StepStatus.CURRENT, datetime.date(2027, 4, 1))


def test_a_proposal_not_agreed_keeps_the_reason_and_changes_no_contract(contract, manager):
    officer = UserFactory(role=Role.QA_OFFICER)
    step = _default(contract, officer, decide=False)
    with pytest.raises(ValidationError):
        actions.decide_step(step=step, by=manager, today=TODAY, agree=False, note=" ")
    actions.decide_step(step=step, by=manager, today=TODAY, agree=False, note="Informal first")
    step.refresh_from_db()
    contract.refresh_from_db()
    assert (step.status, step.end_reason) == (StepStatus.DECLINED, "Informal first")
    assert contract.status == ContractStatus.ACTIVE


def test_an_escalated_notice_keeps_the_contract_in_default_until_terminated(contract, manager):
    notice = _default(contract, manager)
    actions.record_outcome(
        step=notice, by=manager, today=TODAY, outcome="escalated", note="To termination"
    )
    notice.refresh_from_db()
    contract.refresh_from_db()
    assert notice.status == StepStatus.CURRENT
    assert contract.status == ContractStatus.IN_DEFAULT
    _terminate(contract, manager)
    notice.refresh_from_db()
    contract.refresh_from_db()
    assert notice.status == StepStatus.ENDED
    assert contract.status == ContractStatus.TERMINATED


def test_a_termination_is_final_and_a_default_notice_ends_with_its_outcome(contract, manager):
    notice = _default(contract, manager)
    with pytest.raises(ValidationError, match="record the outcome"):
        actions.end_step(step=notice, by=manager, today=TODAY, reason="x")
    termination = _terminate(contract, manager)
    with pytest.raises(ValidationError, match="final"):
        actions.end_step(step=termination, by=manager, today=TODAY, reason="x")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.TERMINATED
