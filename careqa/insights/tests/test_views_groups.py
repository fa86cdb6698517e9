"""Comparator groups: QA managers and administrators manage them; everyone else reads."""

import pytest

from careqa.audit.models import AuditEvent
from careqa.factories import CouncilFactory, RegionFactory
from careqa.insights.models import ComparatorGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils(db):
    region = RegionFactory(name="West Midlands")
    return [CouncilFactory(name=n, region=region) for n in ("Dudley", "Walsall", "Sandwell")]


@pytest.mark.parametrize("role", ["qa_manager", "administrator"])
def test_managers_create_a_group_with_an_audit_event(client, personas, councils, role):
    client.force_login(personas[role])
    response = client.post(
        "/insights/groups/new/",
        {"name": "Black Country", "councils": [councils[0].pk, councils[1].pk]},
    )
    assert response.status_code == 302
    group = ComparatorGroup.objects.get(name="Black Country")
    assert [c.name for c in group.ordered_councils()] == ["Dudley", "Walsall"]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATED).exists()


@pytest.mark.parametrize("role", ["qa_officer", "commissioner", "partner"])
def test_others_may_not_create_edit_or_retire(client, personas, councils, role):
    group = ComparatorGroup.objects.create(name="Existing")
    client.force_login(personas[role])
    assert client.get("/insights/groups/new/").status_code == 403
    assert client.post("/insights/groups/new/", {"name": "X"}).status_code == 403
    assert client.get(f"/insights/groups/{group.pk}/edit/").status_code == 403
    assert client.post(f"/insights/groups/{group.pk}/retire/").status_code == 403
    page = client.get("/insights/groups/").content.decode()
    assert "Existing" in page and "Create a comparator group" not in page


def test_a_group_needs_councils_and_a_free_name(client, personas, councils):
    client.force_login(personas["qa_manager"])
    ComparatorGroup.objects.create(name="Black Country")
    response = client.post("/insights/groups/new/", {"name": "", "councils": []})
    page = response.content.decode()
    assert "Select at least one council" in page and "There is a problem" in page
    response = client.post(
        "/insights/groups/new/", {"name": "black country", "councils": [councils[0].pk]}
    )
    assert "already exists" in response.content.decode()


def test_edit_then_retire_then_restore(client, personas, councils):
    client.force_login(personas["qa_manager"])
    client.post("/insights/groups/new/", {"name": "Pair", "councils": [councils[0].pk]})
    group = ComparatorGroup.objects.get(name="Pair")
    page = client.get(f"/insights/groups/{group.pk}/edit/").content.decode()
    assert "West Midlands" in page  # councils grouped by region
    client.post(
        f"/insights/groups/{group.pk}/edit/",
        {"name": "Trio", "councils": [c.pk for c in councils]},
    )
    group.refresh_from_db()
    assert group.name == "Trio" and len(group.ordered_councils()) == 3
    client.post(f"/insights/groups/{group.pk}/retire/")
    group.refresh_from_db()
    assert group.active is False
    assert client.get(f"/insights/groups/{group.pk}/retire/").status_code == 405
    client.post(f"/insights/groups/{group.pk}/restore/")
    group.refresh_from_db()
    assert group.active is True
    assert ComparatorGroup.objects.count() == 1  # never deleted
