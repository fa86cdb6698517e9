"""The portal's links: the provider users' whole menu, and the team's on Administration."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="portal-home",
        label="Your services",
        url_name="portal:home",
        order=10,
        permission=Permission.USE_PORTAL,
        current=("portal:home", "portal:service", "portal:report", "portal:plan", "portal:item"),
        for_providers=True,
    ),
    navigation.Link(
        key="portal-notices",
        label="Notices",
        url_name="portal:notices",
        order=20,
        permission=Permission.USE_PORTAL,
        current=("portal:notice",),
        for_providers=True,
    ),
    navigation.Link(
        key="portal-shared",
        label="What is shared",
        url_name="portal:shared",
        order=30,
        permission=Permission.USE_PORTAL,
        current=("portal:shared",),
        for_providers=True,
    ),
    navigation.Link(
        key="portal-users",
        label="Provider users",
        url_name="portal:team-users",
        order=70,
        permission=Permission.MANAGE_PROVIDER_USERS,
        current=("portal:team-user", "portal:team-invite"),
        group=navigation.ADMINISTRATION,
        description="Invite providers' managers to the provider portal; suspend their access.",
    ),
    navigation.Link(
        key="portal-notices-team",
        label="Notices to providers",
        url_name="portal:team-notices",
        order=71,
        permission=Permission.SEND_PROVIDER_NOTICES,
        current=("portal:team-notice",),
        group=navigation.ADMINISTRATION,
        description="Send guidance, instructions and surveys to providers; see who read them.",
    ),
    navigation.Link(
        key="portal-comments",
        label="Factual-accuracy comments",
        url_name="portal:team-comments",
        order=72,
        permission=Permission.ANSWER_FACTUAL_ACCURACY,
        current=("portal:team-comment",),
        group=navigation.ADMINISTRATION,
        description="Providers' comments on issued reports, and the council's answers.",
    ),
)
