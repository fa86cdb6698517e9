"""The parts of a service's page that other records bring: a registry of panels.

An app adds a section to every service page by registering a panel with the permission
it needs and a template; the page lists the panels the person may see, in `order`, and
links to each from its contents. The register's own details, ratings and timeline are
the page itself; contracts are the first panel.
"""

from django.template.loader import render_to_string

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission

REGISTRY: list[type["Panel"]] = []


def register(cls):
    """Class decorator: show this panel on every service page."""
    if all(existing.key != cls.key for existing in REGISTRY):
        REGISTRY.append(cls)
        REGISTRY.sort(key=lambda panel: panel.order)
    return cls


class Panel:
    key = ""  # also the section's id on the page
    title = ""
    order = 100
    permission: Permission = Permission.VIEW_REGISTER
    template_name = ""
    # A banner is drawn under the page's heading instead of as a section (a suspension).
    banner = False

    def __init__(self, service, user):
        self.service = service
        self.user = user

    def context(self) -> dict:
        """What the panel's template needs beyond `panel`, `service` and `user`."""
        return {}

    def shown(self) -> bool:
        """Whether this service has anything for the panel (a banner only while it holds)."""
        return True

    def render(self, request) -> str:
        context = {"panel": self, "service": self.service, "user": self.user, **self.context()}
        return render_to_string(self.template_name, context, request=request)


def panels_for(service, request) -> list[dict]:
    """The panels the signed-in person may see on `service`'s page, rendered."""
    user = request.user
    return [
        {"panel": panel, "html": panel.render(request)}
        for panel in (cls(service, user) for cls in REGISTRY)
        if has_permission(user, panel.permission, obj=service) and panel.shown()
    ]
