"""The people every view test speaks of: one user per staff role, a provider user of
provider A and one of provider B. Anonymous is `None`.

Made per test through the `personas` fixture (conftest.py), as healthchecks' hc/test.py
does, so that a test says who may and who may not. The provider users (and their
providers) are made when a test first asks for them, so that tests counting providers
are not thrown by two they never mentioned.
"""

from careqa.accounts.roles import STAFF_ROLES, Role
from careqa.factories import ProviderFactory, UserFactory

PROVIDER_A = "provider_a"
PROVIDER_B = "provider_b"
PROVIDER_NAMES = {PROVIDER_A: "Amber Care Ltd", PROVIDER_B: "Birch Homes Ltd"}
EVERYONE = (*(role.value for role in STAFF_ROLES), PROVIDER_A, PROVIDER_B)


class Personas(dict):
    def __missing__(self, key):
        if key not in PROVIDER_NAMES:
            raise KeyError(key)
        self[key] = UserFactory(
            username=key,
            role=Role.PROVIDER,
            scope_provider=ProviderFactory(name=PROVIDER_NAMES[key]),
            first_name="Registered",
            last_name=f"Manager {key[-1].upper()}",
        )
        return self[key]

    def everyone(self) -> dict:
        return {key: self[key] for key in EVERYONE}


def make_personas():
    return Personas(
        {role.value: UserFactory(username=role.value, role=role) for role in STAFF_ROLES}
    )
