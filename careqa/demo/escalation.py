"""The demo's escalation: a current suspension and an open default notice, taken through
the ladder on the contracts of poorly rated services (the ladder sets the contracts'
status, so they agree), and what the policy rule makes of the generated rating history."""

import datetime

from careqa.accounts.roles import Role
from careqa.escalation.actions import take_step
from careqa.escalation.queries import flagged_services
from careqa.providers.models import Contract
from careqa.providers.vocab import ContractStatus, Rating


def load_escalation(*, users, today: datetime.date) -> dict:
    manager = users[Role.QA_MANAGER]
    decided_on = today - datetime.timedelta(days=21)
    done = {"suspensions": 0, "default notices": 0}
    suspended = _first(Rating.INADEQUATE)
    if suspended is not None:
        take_step(
            service=suspended.service,
            kind="suspension",
            by=manager,
            today=decided_on,
            decide=True,
            meeting_on=decided_on - datetime.timedelta(days=1),
            reason="Three safeguarding concerns about medicines in a month, and the registered "
            "manager has left.",
            evidence="Our monitoring visit; two safeguarding enquiries; the CQC inspection.",
            placements="some",
            placements_detail="Nursing beds only",
            risk_assessment_shared_on=decided_on,
            conditions=[
                "A registered manager in post",
                "Medicines audits for four weeks in a row show no missed doses",
                "Staffing at the assessed levels on every shift for a month",
            ],
            review_on=today + datetime.timedelta(days=7),
        )
        done["suspensions"] += 1
    in_default = _first(Rating.REQUIRES_IMPROVEMENT)
    if in_default is not None:
        take_step(
            service=in_default.service,
            kind="default_notice",
            by=manager,
            today=decided_on,
            decide=True,
            reason="Staff rotas and training records were not kept.",
            evidence="Two monitoring visits found no rotas for the previous month.",
            clause="Schedule 2, clause 14.2 (records)",
            failure="Did not keep four weeks of staff rotas and training records.",
            remedy="Keep rotas and training records and send us four weeks of them.",
            remedy_by=today + datetime.timedelta(days=14),
            review_on=today + datetime.timedelta(days=14),
        )
        done["default notices"] += 1
    done["services flagged by the policy rule"] = len(flagged_services(today))
    return done


def _first(rating):
    """The first active contract, by reference, whose service is rated `rating` (or, if
    none is, any) and has no escalation step yet."""
    candidates = (
        Contract.objects.filter(
            status=ContractStatus.ACTIVE, service__escalation_steps__isnull=True
        )
        .select_related("service")
        .order_by("reference", "pk")
    )
    return candidates.filter(service__rating=rating).first() or candidates.first()
