"""The navigation's registry: each app adds its own links, so the menu and the
Administration page list what is installed without the base template knowing them.

    navigation.register(navigation.Link(
        key="visits", label="Visits", url_name="visits:programme-current", order=40,
        permission=Permission.VIEW_VISITS, current=("visits:",),
    ))

`group` puts a link in the menu (MENU) or on the Administration page (ADMINISTRATION: the
council's settings and the tools of administrators, kept out of the menu so that the menu
fits one line).
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from careqa.accounts.authz import has_permission
from careqa.accounts.permissions import Permission

MENU, ADMINISTRATION = "menu", "administration"


@dataclass(frozen=True)
class Link:
    key: str
    label: str
    url_name: str
    order: int = 100
    # None: anyone signed in.
    permission: Permission | None = None
    # URL names (prefixes) of the pages that belong to this link, for the menu's highlight.
    current: tuple[str, ...] = ()
    group: str = MENU
    # A line under the link on the Administration page.
    description: str = ""
    # The provider portal's links: provider users see these and no others.
    for_providers: bool = False

    def href(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None

    def is_current(self, view_name: str) -> bool:
        return any(view_name.startswith(prefix) for prefix in self.current or (self.url_name,))


REGISTRY: dict[str, Link] = {}


def register(*links: Link) -> None:
    for link in links:
        REGISTRY.setdefault(link.key, link)


def links_for(user, group: str) -> list[Link]:
    """The links of `group` this person may follow, in order: a provider user only the
    portal's, everyone else only the rest."""
    from careqa.accounts.roles import PROVIDER_ROLES

    provider = getattr(user, "role", None) in PROVIDER_ROLES
    found = [
        link
        for link in REGISTRY.values()
        if link.group == group
        and link.for_providers == provider
        and (link.permission is None or has_permission(user, link.permission))
    ]
    return sorted(found, key=lambda link: (link.order, link.label))


def menu_for(user, view_name: str) -> list[dict]:
    """The menu's items as the template needs them; "Administration" stands for the
    Administration page's links when this person has any."""
    items = [
        {"label": link.label, "href": link.href(), "current": link.is_current(view_name)}
        for link in links_for(user, MENU)
    ]
    administration = links_for(user, ADMINISTRATION)
    if administration:
        items.append(
            {
                "label": "Administration",
                "href": reverse("work:administration"),
                "current": view_name == "work:administration"
                or any(link.is_current(view_name) for link in administration),
            }
        )
    return [item for item in items if item["href"]]


# My work is the home page; the rest register from their own apps.
register(Link(key="home", label="My work", url_name="work:home", order=10, current=("work:home",)))
