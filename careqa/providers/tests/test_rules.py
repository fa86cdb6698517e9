"""The rules of a service's standing with us, on every combination (hypothesis)."""

from hypothesis import given
from hypothesis import strategies as st

from careqa.providers.rules import (
    SERIOUSNESS,
    contract_standing,
    list_warning,
    placement_warning,
)
from careqa.providers.vocab import LIVE_CONTRACT_STATUSES, ContractStatus, Rating

statuses = st.lists(st.sampled_from(list(ContractStatus)), max_size=6)
ratings = st.sampled_from([*Rating, None])


@given(statuses)
def test_the_most_serious_live_contract_speaks_for_the_service(found):
    standing = contract_standing(found)
    live = [s for s in found if s in LIVE_CONTRACT_STATUSES]
    if not live:
        assert standing is None
    else:
        assert standing in live
        assert all(SERIOUSNESS[standing] >= SERIOUSNESS[s] for s in live)


@given(statuses, ratings)
def test_a_warning_exactly_when_placing_someone_needs_a_word_first(found, rating):
    standing = contract_standing(found)
    warning = placement_warning(rating, standing)
    needs_one = standing is not None and (
        rating == Rating.INADEQUATE or standing != ContractStatus.ACTIVE
    )
    assert (warning is not None) is needs_one
    if warning and rating == Rating.INADEQUATE:
        assert "Inadequate" in warning
    # The list's short form only where the tag cannot say it: an Inadequate rating.
    assert (list_warning(rating, standing) is not None) is (
        standing is not None and rating == Rating.INADEQUATE
    )


def test_terminated_contracts_do_not_make_a_service_commissioned():
    assert contract_standing([ContractStatus.TERMINATED]) is None
    assert contract_standing(["active", "in_default", "suspended"]) == "in_default"
