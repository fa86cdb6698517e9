"""The retention policy, applied daily (careqa.jobs.schedule)."""

from careqa.jobs.schedule import register

register(
    "apply-retention",
    "04:00",
    description="Personal details past the retention policy's period, redacted",
    command=("apply_retention",),
)
