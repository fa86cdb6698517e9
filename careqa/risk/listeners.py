"""Recompute a service's risk score when another app changes one of its inputs, without
editing those apps: Django's post_save on their records (a plan item, a plan, a visit,
an escalation step, a contract). The recompute runs after the transaction commits
(a rolled-back change recomputes nothing). Imports write
ratings in bulk (no signals): `careqa recompute-risk` after an import catches those, and
the regulators' import command is followed by it in the demo.

Intelligence and enquiries recompute in their own actions, in the same transaction.
"""

from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

_paused = [0]


@contextmanager
def paused():
    """No recompute on each save (the demo loads thousands, then recomputes in full)."""
    _paused[0] += 1
    try:
        yield
    finally:
        _paused[0] -= 1


def _recompute(service_id):
    from careqa.risk.actions import recompute

    recompute(service_ids=[service_id], today=timezone.localdate())


def _schedule(service_id):
    if _paused[0] or service_id is None:
        return
    transaction.on_commit(lambda: _recompute(service_id))


def _on_save(sender, instance, **kwargs):
    from careqa.providers.subjects import service_of

    service = service_of(instance)
    _schedule(getattr(service, "pk", None))


def _connect():
    from careqa.escalation.models import Step
    from careqa.plans.models import ActionPlan, PlanItem
    from careqa.providers.models import Contract
    from careqa.visits.models import Report, Visit

    for model in (PlanItem, ActionPlan, Visit, Report, Step, Contract):
        post_save.connect(_on_save, sender=model, dispatch_uid=f"risk-{model._meta.label}")


_connect()
