"""The people every view test speaks of: one user per staff role, a provider user of
provider A and one of provider B. Anonymous is `None`.

Made once per test through the `personas` fixture (conftest.py), as healthchecks'
hc/test.py does, so that a test says who may and who may not.
"""

from careqa.accounts.roles import STAFF_ROLES, Role
from careqa.factories import ProviderFactory, UserFactory

PROVIDER_A = "provider_a"
PROVIDER_B = "provider_b"


def make_personas():
    people = {role.value: UserFactory(username=role.value, role=role) for role in STAFF_ROLES}
    for key, name in ((PROVIDER_A, "Amber Care Ltd"), (PROVIDER_B, "Birch Homes Ltd")):
        people[key] = UserFactory(
            username=key,
            role=Role.PROVIDER,
            scope_provider=ProviderFactory(name=name),
            first_name="Registered",
            last_name=f"Manager {key[-1].upper()}",
        )
    return people
