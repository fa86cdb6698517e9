"""Comparator groups: created, changed and retired with an audit event each time."""

import pytest
from django.core.exceptions import ValidationError

from careqa.audit.models import AuditEvent
from careqa.factories import CouncilFactory, UserFactory
from careqa.insights.actions import (
    create_comparator_group,
    restore_comparator_group,
    retire_comparator_group,
    update_comparator_group,
)
from careqa.insights.areas import area_of_group, comparator_group_named

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils():
    return {name: CouncilFactory(name=name) for name in ("Dudley", "Walsall", "Sandwell")}


def _events(group):
    return list(
        AuditEvent.objects.filter(record_type="insights.comparatorgroup", record_id=group.pk)
        .order_by("id")
        .values_list("action", "changes", "actor_name")
    )


def test_a_group_keeps_its_councils_in_order_and_is_audited(councils):
    manager = UserFactory(first_name="Pat", last_name="Manager")
    group = create_comparator_group(
        name="  Black   Country ",
        councils=[councils["Walsall"], councils["Dudley"], councils["Walsall"]],
        description="Neighbours",
        by=manager,
    )
    assert group.name == "Black Country"
    assert group.created_by == manager
    assert [c.name for c in group.ordered_councils()] == ["Walsall", "Dudley"]
    assert area_of_group(group).label == "Black Country"
    [(action, changes, actor)] = _events(group)
    assert action == "created" and actor == "Pat Manager"
    assert changes["councils"] == [None, ["Walsall", "Dudley"]]


def test_changing_a_group_records_only_what_changed(councils):
    group = create_comparator_group(name="Black Country", councils=[councils["Dudley"]], by=None)
    update_comparator_group(
        group, councils=[councils["Sandwell"], councils["Dudley"]], by=UserFactory()
    )
    update_comparator_group(group, name="Black Country", by=UserFactory())  # no change
    events = _events(group)
    assert [a for a, _, _ in events] == ["created", "changed"]
    assert events[1][1] == {"councils": [["Dudley"], ["Sandwell", "Dudley"]]}
    group.refresh_from_db()
    assert [c.name for c in group.ordered_councils()] == ["Sandwell", "Dudley"]


def test_names_are_unique_among_groups_in_use(councils):
    group = create_comparator_group(name="Black Country", councils=[], by=None)
    with pytest.raises(ValidationError):
        create_comparator_group(name="black country", councils=[], by=None)
    with pytest.raises(ValidationError):
        create_comparator_group(name="   ", councils=[], by=None)
    retire_comparator_group(group, by=UserFactory())
    # A retired group is kept, and its name may be used again.
    again = create_comparator_group(name="Black Country", councils=[], by=None)
    assert comparator_group_named("BLACK COUNTRY").key == f"group:{again.pk}"
    with pytest.raises(ValidationError):
        restore_comparator_group(group, by=None)
    assert [a for a, _, _ in _events(group)] == ["created", "deactivated"]
