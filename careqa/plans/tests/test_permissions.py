"""Who holds the action plans' permissions: staff and commissioners read, officers and
managers run plans; partners and provider users hold neither."""

import pytest

from careqa.accounts.permissions import Permission
from careqa.accounts.roles import PERMISSIONS, Role

READERS = {Role.QA_OFFICER, Role.QA_MANAGER, Role.ADMINISTRATOR, Role.COMMISSIONER}
RUNNERS = {Role.QA_OFFICER, Role.QA_MANAGER}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_holds_the_plans_permissions_it_should(role):
    held = PERMISSIONS[role]
    assert (Permission.VIEW_ACTION_PLANS in held) == (role in READERS)
    assert (Permission.RUN_ACTION_PLANS in held) == (role in RUNNERS)


@pytest.mark.django_db
def test_the_service_page_with_a_plan_stays_within_its_query_budget(
    client, manager, plan, django_assert_max_num_queries
):
    from django.urls import reverse

    from careqa.plans import actions
    from careqa.plans.tests.conftest import ISSUED

    for number in range(5):
        actions.add_item(
            plan=plan,
            by=manager,
            today=ISSUED,
            area="safe",
            remedy=f"Item {number}",
            priority="low",
            evidence_needed="A record",
            owner="Manager",
            source="desktop_monitoring",
        )
    client.force_login(manager)
    url = reverse("providers:service-detail", args=[plan.service_id])
    client.get(url)
    # The budget is the page's with every registered panel (risk and the CQC API's panels
    # joined it, then provider concerns and the compliance status, 8 more, then the header's
    # unread count and the surveillance log, 2 more, then the provider portal's, 2 more,
    # then the data returns', 2 more): what matters is that five items cost no more than one.
    with django_assert_max_num_queries(46):
        assert client.get(url).status_code == 200
