"""Every service's risk score recomputed nightly (careqa.jobs.schedule): imports of the
regulators' files write in bulk, without the signals that recompute a score at once."""

from careqa.jobs.schedule import register
from careqa.risk.alerts import reviews_passed

register(
    "recompute-risk",
    "02:30",
    description="Every service's risk score, after the night's CQC sync and the day's imports",
    command=("recompute_risk",),
)

register(
    "review-dates-passed",
    "07:00",
    description="Tells lead officers of suspensions and default notices past their review date",
    call=reviews_passed,
)
