"""The ladder through its actions, on generated sequences of steps: the contract always says
what the steps in force say, a termination never comes without a default notice or an
override, and a lifted suspension is never still shown."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from careqa.accounts.roles import Role
from careqa.escalation import actions, queries, rules
from careqa.escalation.models import Step
from careqa.escalation.vocab import StepKind, StepStatus
from careqa.factories import ContractFactory, UserFactory

TODAY = datetime.date(2027, 3, 3)
OPS = ["suspend", "default", "remedy", "lift", "terminate", "terminate_override"]


def _apply(op, contract, manager):
    service = contract.service
    common = {"service": service, "by": manager, "today": TODAY, "decide": True}
    common |= {"reason": "r", "evidence": "e"}
    current = Step.objects.filter(service=service, status=StepStatus.CURRENT)
    if op == "suspend":
        actions.take_step(
            kind="suspension",
            placements="all",
            conditions=["c"],
            review_on=TODAY,
            **common,
        )
    elif op == "default":
        actions.take_step(
            kind="default_notice",
            clause="1",
            failure="f",
            remedy="m",
            remedy_by=TODAY,
            review_on=TODAY,
            **common,
        )
    elif op == "remedy":
        for notice in current.filter(kind=StepKind.DEFAULT_NOTICE):
            actions.record_outcome(
                step=notice, by=manager, today=TODAY, outcome="remedied", note="done"
            )
    elif op == "lift":
        for suspension in current.filter(kind=StepKind.SUSPENSION):
            actions.end_step(
                step=suspension, by=manager, today=TODAY, reason="ok", unmet_reason="ok"
            )
    else:
        override = "closing" if op == "terminate_override" else ""
        actions.take_step(kind="termination", override_reason=override, **common)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(OPS), max_size=6))
def test_the_contract_always_follows_the_steps_in_force(ops):
    manager = UserFactory(role=Role.QA_MANAGER)
    contract = ContractFactory()
    for op in ops:
        try:
            _apply(op, contract, manager)
        except ValidationError:
            pass  # refused: nothing may have changed half-way (checked below all the same)
        contract.refresh_from_db()
        steps = Step.objects.filter(service=contract.service)
        current = steps.filter(status=StepStatus.CURRENT).values_list("kind", flat=True)
        if contract.status == "terminated":
            break  # no live contract is left to follow
        assert contract.status == rules.contract_status_for(current)
        suspended = rules.is_suspended(steps.values_list("kind", "status"))
        assert (queries.current_suspension(contract.service) is not None) == suspended
    for termination in Step.objects.filter(service=contract.service, kind=StepKind.TERMINATION):
        earlier_notice = Step.objects.filter(
            service=contract.service, kind=StepKind.DEFAULT_NOTICE, pk__lt=termination.pk
        ).exclude(status__in=(StepStatus.PROPOSED, StepStatus.DECLINED))
        assert earlier_notice.exists() or termination.override_reason
