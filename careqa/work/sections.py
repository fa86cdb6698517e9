"""The home page's section registry.

An app adds a section to everyone's home page (as the scrutiny report's sections and the
service page's panels do) by registering a class with the permission it needs:

    @sections.register
    class ReportsDue(sections.Section):
        key, title, order = "reports-due", "Reports due", 20
        permission = Permission.RECORD_VISITS
        template_name = "visits/work/reports_due.html"
        def context(self): ...

`for_team` sections are the manager's view of the whole team (PLAN_PROGRAMME); the others
are about the signed-in person's own work.
"""

import datetime

from django.template.loader import render_to_string

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission

REGISTRY: list[type["Section"]] = []


def register(cls):
    if all(existing.key != cls.key for existing in REGISTRY):
        REGISTRY.append(cls)
        REGISTRY.sort(key=lambda section: section.order)
    return cls


class Section:
    key = ""
    title = ""
    order = 100
    permission: Permission = Permission.VIEW_REGISTER
    template_name = ""

    def __init__(self, user, today: datetime.date):
        self.user = user
        self.today = today

    def context(self) -> dict:
        return {}

    def render(self, request) -> str:
        context = {"section": self, "user": self.user, "today": self.today, **self.context()}
        return render_to_string(self.template_name, context, request=request)


def sections_for(request, today) -> list[dict]:
    user = request.user
    return [
        {"section": section, "html": section.render(request)}
        for section in (cls(user, today) for cls in REGISTRY)
        if has_permission(user, section.permission)
    ]
