"""Issuing a visit report with required actions opens the service's action plan: the
plans register their hook with the visits, which know nothing of plans."""

from careqa.visits.actions import REPORT_ISSUED_HOOKS


def _open_plan(*, report, by, today):
    from careqa.plans.actions import open_plan_from_report

    open_plan_from_report(report=report, by=by, today=today)


if _open_plan not in REPORT_ISSUED_HOOKS:
    REPORT_ISSUED_HOOKS.append(_open_plan)
