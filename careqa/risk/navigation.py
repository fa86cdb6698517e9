"""Risk's links in the menu: careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="risk",
        label="Risk",
        url_name="risk:who-to-visit-next",
        order=70,
        permission=Permission.VIEW_RISK,
        # The compliance dashboard and provider concerns sit under Risk (the page links to
        # them), so that the menu keeps to one line.
        current=("risk:who", "risk:weights", "risk:compliance", "risk:concern"),
    ),
    navigation.Link(
        key="intelligence",
        label="Intelligence",
        url_name="risk:intelligence",
        order=72,
        permission=Permission.VIEW_SHARED_INTELLIGENCE,
        current=("risk:intelligence", "risk:safeguarding", "risk:enquiry"),
    ),
)
