"""The daily deadline check (careqa.jobs.schedule): visit reports and action plans overdue.

It lists what is overdue today for the run's log; the reminders that will act on it
(e-mail, My work) come from the workflow issues.
"""

from django.conf import settings
from django.utils import timezone

from careqa.jobs.schedule import register


def deadline_check(today=None):
    from careqa.plans.queries import clocks
    from careqa.visits.queries import without_a_report
    from careqa.visits.rules.deadlines import OVERDUE, report_status

    today = today or timezone.localdate()
    days = settings.CAREQA_REPORT_DUE_DAYS
    reports = [
        v
        for v in without_a_report()
        if report_status(v.carried_out_on, None, today=today, days=days) == OVERDUE
    ]
    plans = clocks(today=today)
    lines = [
        f"Deadlines on {today.isoformat()}:",
        f"visit reports overdue: {len(reports)}",
        f"action plan items overdue: {len(plans['overdue_items'])}",
        f"action plan responses overdue: {len(plans['overdue_responses'])}",
    ]
    lines += [f"  report overdue: {v.service.name}, visited {v.carried_out_on}" for v in reports]
    lines += [
        f"  item overdue: {i.plan.service.name}, due {i.due_on}" for i in plans["overdue_items"]
    ]
    lines += [
        f"  response overdue: {p.service.name}, due {p.response_due}"
        for p in plans["overdue_responses"]
    ]
    return "\n".join(lines)


register(
    "deadline-check",
    "06:30",
    description="Visit reports and action plan items and responses that are overdue",
    call=deadline_check,
)
