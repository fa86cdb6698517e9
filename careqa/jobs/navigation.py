"""The jobs page's link on the Administration page: careqa.work.navigation's registry."""

from careqa.accounts.permissions import Permission
from careqa.work import navigation

navigation.register(
    navigation.Link(
        key="jobs",
        label="Jobs and schedule",
        url_name="jobs:page",
        order=50,
        permission=Permission.CONFIGURE_COUNCIL,
        current=("jobs:",),
        group=navigation.ADMINISTRATION,
        description="The job worker's health, queued and failed jobs, the daily schedule and "
        "its runs, and notices for administrators.",
    )
)
