"""Sharing levels and small-number suppression: pure rules."""

from hypothesis import given, settings
from hypothesis import strategies as st

from careqa.accounts.roles import PERMISSIONS, Role
from careqa.risk.rules.sharing import level_label, levels_for, most_restrictive
from careqa.risk.rules.suppression import published_count
from careqa.risk.vocab import SharingLevel

levels = st.lists(st.sampled_from(list(SharingLevel)))


@settings(deadline=None)
@given(levels)
def test_the_most_restrictive_level_present_wins(present):
    result = most_restrictive(present)
    if not present:
        assert result is None
    else:
        assert result in present
        assert all(result >= level for level in present)


def test_a_qa_only_entry_makes_the_whole_list_qa_only():
    mixed = [SharingLevel.PARTNERS, SharingLevel.QA_TEAM, SharingLevel.COUNCIL]
    assert level_label(most_restrictive(mixed)) == "QA team only"
    assert level_label(None) == "No entries"


def test_which_roles_read_which_levels():
    def read(role):
        return levels_for({str(p) for p in PERMISSIONS[role]})

    everything = {1, 2, 3}
    assert read(Role.QA_OFFICER) == everything
    assert read(Role.QA_MANAGER) == everything
    assert read(Role.COMMISSIONER) == {1, 2}
    assert read(Role.ADMINISTRATOR) == {1, 2}
    assert read(Role.PARTNER) == {1}
    assert read(Role.PROVIDER) == set()


@settings(deadline=None)
@given(st.integers(0, 10_000))
def test_counts_from_1_to_4_are_suppressed(count):
    shown = published_count(count)
    if 1 <= count <= 4:
        assert shown == "*"
    else:
        assert shown == str(count)
