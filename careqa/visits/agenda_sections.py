"""The meetings' agenda (careqa.meetings.agenda): visit reports overdue by the meeting's
date (carried out, not yet issued, past the report's due day)."""

from careqa.meetings import agenda
from careqa.visits import queries
from careqa.visits.rules.deadlines import OVERDUE, report_due, report_status
from careqa.visits.work_sections import report_days


def _day(date):
    return f"{date.day} {date:%B %Y}"


@agenda.register
class ReportsOverdue(agenda.Section):
    key = "reports-overdue"
    title = "Visit reports overdue"
    order = 50

    def items(self):
        c, days = self.context, report_days()
        proposed = []
        for visit in queries.without_a_report().filter(service__council_id=c.council_id):
            if report_status(visit.carried_out_on, None, today=c.on, days=days) != OVERDUE:
                continue
            due = report_due(visit.carried_out_on, days=days)
            proposed.append(
                agenda.Proposed(
                    service=visit.service,
                    topic=f"Visit report overdue: visit of {_day(visit.carried_out_on)}",
                    detail=[
                        f"{visit.get_visit_type_display()} led by "
                        f"{visit.lead_officer.display_name}",
                        f"Report due {_day(due)}",
                    ],
                )
            )
        return proposed
