"""Expired invitations, closed daily (careqa.jobs.schedule)."""

from careqa.jobs.schedule import register

register(
    "expire-invitations",
    "03:00",
    description="Invitations whose link has expired, closed so they cannot be used",
    command=("expire_invitations",),
)
