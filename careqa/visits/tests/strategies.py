"""Hypothesis strategies shared by the visits' rule tests: services' facts and the like."""

from datetime import date

from hypothesis import strategies as st

from careqa.providers.vocab import ContractStatus, Rating
from careqa.visits.rules.needs import ServiceFacts

YEAR = 2026

ratings = st.sampled_from([*(r.value for r in Rating), None])
standings = st.sampled_from(
    [ContractStatus.ACTIVE.value, ContractStatus.SUSPENDED.value, ContractStatus.IN_DEFAULT.value]
)
some_dates = st.dates(min_value=date(2015, 1, 1), max_value=date(YEAR + 1, 3, 31))


@st.composite
def service_facts(draw, service_id=None, commissioned=None):
    """Facts about one service; `commissioned=True` always gives a live contract."""
    if commissioned is None:
        commissioned = draw(st.booleans())
    return ServiceFacts(
        service_id=service_id if service_id is not None else draw(st.integers(1, 10_000)),
        regulator=draw(st.sampled_from(["cqc", "ofsted"])),
        rating=draw(ratings),
        rated_on=draw(st.none() | some_dates),
        commissioned_since=draw(st.none() | some_dates),
        contract_standing=draw(standings) if commissioned else None,
        overdue_actions=draw(st.integers(0, 5)),
        last_visit_on=draw(st.none() | some_dates),
        risk_score=draw(st.none() | st.floats(0, 100)),
        active=draw(st.booleans()) if not commissioned else draw(st.booleans() | st.just(True)),
    )
