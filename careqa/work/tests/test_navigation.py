"""The menu, the Administration page and the account page, built from the apps' links."""

import re

import pytest
from django.urls import reverse

from careqa.accounts.authz import has_permission
from careqa.work import navigation

pytestmark = pytest.mark.django_db


def menu_labels(html):
    start = html.index('id="navigation"')
    menu = html[start : html.index("</nav>", start)]
    return re.findall(r'govuk-service-navigation__link"[^>]*>(?:<strong[^>]*>)?([^<]+)<', menu)


@pytest.mark.parametrize(
    "who, expected",
    [
        (
            "qa_manager",
            [
                "My work",
                "Services",
                "Visits",
                "Action plans",
                "Suspensions",
                "Meetings",
                "Risk",
                "Intelligence",
                "Insights",
                "Administration",
            ],
        ),
        ("administrator", None),
        ("partner", None),
    ],
)
def test_the_menu_lists_what_each_role_may_use(client, personas, who, expected):
    client.force_login(personas[who])
    labels = menu_labels(client.get(reverse("work:home")).text)
    if expected:
        assert labels == expected
    assert labels[0] == "My work"
    for link in navigation.REGISTRY.values():
        if link.group == navigation.MENU and not link.for_providers:
            may = link.permission is None or has_permission(personas[who], link.permission)
            assert (link.label in labels) == may, (who, link.label)


def test_administration_gathers_the_tools_out_of_the_menu(client, personas):
    client.force_login(personas["administrator"])
    html = client.get(reverse("work:administration")).text
    for label in ("Imports", "Council settings", "Users", "Security log"):
        assert f">{label}</a>" in html
    assert "Users" not in menu_labels(html)
    # The Administration item is current on its tools' pages too.
    html = client.get(reverse("accounts:user-list")).text
    fallback = '<strong class="govuk-service-navigation__active-fallback">Administration'
    assert f'aria-current="true">{fallback}' in html


def test_someone_without_tools_has_no_administration_item(client, personas):
    client.force_login(personas["partner"])
    html = client.get(reverse("work:home")).text
    assert "Administration" not in menu_labels(html)
    page = client.get(reverse("work:administration"))
    assert page.status_code == 200 and "There is nothing here for your role." in page.text


def test_your_account_is_in_the_header_for_everyone(client, personas):
    client.force_login(personas["partner"])
    html = client.get(reverse("work:home")).text
    header = html[: html.index('id="navigation"')]
    assert f'href="{reverse("accounts:security")}"' in header and "Sign out" in header


def test_a_link_whose_page_is_not_installed_is_left_out(client, personas, monkeypatch):
    monkeypatch.setitem(
        navigation.REGISTRY,
        "gone",
        navigation.Link(key="gone", label="Gone", url_name="nowhere:page", order=15),
    )
    client.force_login(personas["qa_officer"])
    assert "Gone" not in menu_labels(client.get(reverse("work:home")).text)


def test_a_provider_user_sees_the_portal_and_their_returns_only(client, personas):
    from careqa.tests.personas import PROVIDER_A

    client.force_login(personas[PROVIDER_A])
    html = client.get(reverse("portal:home")).text
    assert menu_labels(html) == ["Your services", "Data returns", "Notices", "What is shared"]
