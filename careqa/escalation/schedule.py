"""The daily policy check (careqa.jobs.schedule): services the policy rule flags."""

from careqa.jobs.schedule import register

register(
    "policy-check",
    "06:00",
    description="Services whose rating has fallen often enough to flag them for suspension",
    command=("policy_check",),
)
