"""The visits' sections of the home page (careqa.work.sections): an officer's own visits
and reports, and for a manager the team's, with the programme's progress."""

import datetime

from careqa.accounts.permissions import Permission
from careqa.visits import queries
from careqa.visits.rules.deadlines import report_due, report_status
from careqa.work.sections import Section, register


def report_days():
    from django.conf import settings

    return settings.CAREQA_REPORT_DUE_DAYS


def _report_rows(visits, today):
    days = report_days()
    rows = []
    for visit in visits:
        status = report_status(visit.carried_out_on, None, today=today, days=days)
        rows.append(
            {
                "visit": visit,
                "due": report_due(visit.carried_out_on, days=days),
                "status": status,
            }
        )
    return rows


class _OwnOrTeam(Section):
    team = False

    @property
    def officer(self):
        return None if self.team else self.user


@register
class VisitsSoon(_OwnOrTeam):
    key = "visits-soon"
    title = "Your visits this week and next"
    order = 10
    permission = Permission.RECORD_VISITS
    template_name = "visits/work/visits_soon.html"

    def context(self):
        start, _ = queries.week_of(self.today)
        end = start + datetime.timedelta(days=13)
        visits = queries.visits_between(start, end, officer=self.officer)
        return {"visits": list(visits), "start": start, "end": end}


@register
class ReportsToWrite(_OwnOrTeam):
    key = "reports-to-write"
    title = "Your reports: due, overdue and not yet issued"
    order = 20
    permission = Permission.RECORD_VISITS
    template_name = "visits/work/reports.html"

    def context(self):
        rows = _report_rows(queries.without_a_report(officer=self.officer), self.today)
        return {
            "overdue": [r for r in rows if r["status"] == "overdue"],
            "due_soon": [r for r in rows if r["status"] == "due soon"],
            "later": [r for r in rows if r["status"] == "not due"],
            "report_days": report_days(),
        }


@register
class TeamVisitsSoon(VisitsSoon):
    key = "team-visits-soon"
    title = "The team's visits this week and next"
    order = 30
    permission = Permission.PLAN_PROGRAMME
    team = True


@register
class TeamReports(ReportsToWrite):
    key = "team-reports"
    title = "The team's reports: due, overdue and not yet issued"
    order = 40
    permission = Permission.PLAN_PROGRAMME
    team = True


@register
class ProgrammeProgress(Section):
    key = "programme-progress"
    title = "This year's programme"
    order = 50
    permission = Permission.PLAN_PROGRAMME
    template_name = "visits/work/progress.html"

    def context(self):
        from careqa.visits.rules.deadlines import median_days, share_on_time

        year = self.today.year
        rows = queries.progress(year, today=self.today)
        pairs = queries.issued_reports(year)
        on_time = share_on_time(pairs, days=report_days())
        return {
            "year": year,
            "rows": rows,
            "totals": {k: sum(r[k] for r in rows) for k in ("done", "due", "overdue")},
            "on_time_percent": f"{on_time:.0%}" if on_time is not None else "",
            "median_days": median_days(pairs),
            "issued": len(pairs),
        }
