"""Rules about a service's standing with us: pure functions, no database.

The contract's status is what tells a commissioner whether they may place someone at a
service; a suspension or a default is decided on the escalation ladder, which sets it.
"""

from careqa.providers.vocab import LIVE_CONTRACT_STATUSES, ContractStatus, Rating

# The statuses only an escalation step sets (careqa.providers.actions.set_contract_status,
# inside the step's transaction): the contract form may neither set them nor clear them, so
# the contract and the ladder cannot disagree.
LADDER_STATUSES = frozenset({ContractStatus.SUSPENDED, ContractStatus.IN_DEFAULT})
LADDER_STATUS_MESSAGE = (
    "A contract is suspended or put in default by a decision on the escalation ladder, and "
    "lifted there: use the service's escalation section"
)


def status_change_error(before, after) -> str | None:
    """Why the contract form may not change the status from `before` to `after`, or None.
    `before` is None for a new contract."""
    if before == after:
        return None
    if after in LADDER_STATUSES or before in LADDER_STATUSES:
        return LADDER_STATUS_MESSAGE
    return None


# The most serious live status wins when a service has several contracts.
SERIOUSNESS = {
    ContractStatus.ACTIVE: 1,
    ContractStatus.SUSPENDED: 2,
    ContractStatus.IN_DEFAULT: 3,
}

STANDING_LABELS = {
    ContractStatus.ACTIVE: "Commissioned",
    ContractStatus.SUSPENDED: "Contract suspended",
    ContractStatus.IN_DEFAULT: "Contract in default",
}
# GOV.UK tag colours; the words carry the meaning.
STANDING_TAGS = {
    ContractStatus.ACTIVE: "govuk-tag--purple",
    ContractStatus.SUSPENDED: "govuk-tag--orange",
    ContractStatus.IN_DEFAULT: "govuk-tag--red",
}


def contract_standing(statuses) -> str | None:
    """The live contract status that speaks for a service: the most serious of its
    contracts' statuses, or None if we hold no live contract (not commissioned)."""
    live = [ContractStatus(s) for s in statuses if s in LIVE_CONTRACT_STATUSES]
    if not live:
        return None
    return max(live, key=SERIOUSNESS.__getitem__).value


def placement_warning(rating, standing) -> str | None:
    """What a commissioner must read before placing someone, or None.

    A service rated Inadequate that we still commission needs a word with the QA team
    first, whatever the contract says; a suspended or defaulted contract says so itself.
    """
    if standing is None:
        return None
    if rating == Rating.INADEQUATE:
        if standing == ContractStatus.ACTIVE:
            return (
                "Rated Inadequate by the regulator, and our contract is active: speak to "
                "the quality assurance team before placing anyone here."
            )
        return (
            f"Rated Inadequate by the regulator, and our contract is "
            f"{ContractStatus(standing).label.lower()}: do not place anyone here without "
            "the quality assurance team's agreement."
        )
    if standing == ContractStatus.SUSPENDED:
        return "Our contract is suspended: no new placements without the QA team's agreement."
    if standing == ContractStatus.IN_DEFAULT:
        return "Our contract is in default: speak to the QA team before placing anyone here."
    return None


def list_warning(rating, standing) -> str | None:
    """The register list's short form: the tag already says a contract is suspended."""
    if standing is not None and rating == Rating.INADEQUATE:
        return "rated Inadequate. Speak to the QA team first."
    return None
