"""The returns' link for provider users (their whole menu is the portal's links; the team
reaches returns from My work and the service page, so that its menu keeps to one line)."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="returns-provider",
        label="Data returns",
        url_name="returns:index",
        order=15,
        permission=Permission.SUBMIT_RETURNS,
        current=("returns:index", "returns:submit", "returns:service", "returns:submission"),
        for_providers=True,
    ),
)
