"""The demo's action plans: the plans that issuing the demo's reports opened, moved on as
a team's would be. Older plans have the provider's response accepted and some items
verified; recent ones still wait for it; one item is left overdue.

Everything goes through the plans' actions, each dated on the day it happened, from a
seeded random generator, so the same day gives the same demo.
"""

import datetime
import random

from django.db import transaction

from careqa.accounts.roles import Role
from careqa.plans import actions
from careqa.plans.models import ActionPlan
from careqa.plans.vocab import PlanStatus

HOW = (
    "The deputy manager will check the records every week and sign them off.",
    "Staff will be retrained at the next team meeting, and we will audit monthly.",
    "We have a new procedure; the manager will review it with every shift.",
)
WHO = ("The registered manager", "The deputy manager", "The clinical lead")
EVIDENCE = (
    "Signed weekly checks for the last month, seen on the visit.",
    "The audit log and its actions, sent by the manager.",
    "Training records for every member of staff.",
)


def _day(day, today):
    return min(day, today)


def _due_dates(items, received, rng, today, still_to_do):
    for item in items:
        due = received + datetime.timedelta(days=rng.choice((28, 42, 56)))
        yield item, max(due, today + datetime.timedelta(days=14)) if still_to_do else due


@transaction.atomic
def load_action_plans(*, users, today, seed=2026) -> dict:
    rng = random.Random(seed)
    manager, officer = users[Role.QA_MANAGER], users[Role.QA_OFFICER]
    counts = {"action plans": 0, "items agreed": 0, "items verified": 0, "items overdue": 0}
    plans = ActionPlan.objects.filter(status=PlanStatus.OPEN).select_related("service")
    plans = list(plans.order_by("opened_on", "pk"))
    answered = [plan for plan in plans if (today - plan.opened_on).days >= 10]
    # The latest answered plan's actions are still to do, whatever the generator drew, so
    # the demo always shows agreed work under way.
    still_to_do = answered[-1] if answered else None
    overdue_left = False
    for plan in plans:
        counts["action plans"] += 1
        items = list(plan.items.all())
        age = (today - plan.opened_on).days
        if age < 10:
            continue  # the response is not due yet
        received = plan.opened_on + datetime.timedelta(days=rng.randrange(7, 14))
        received = _day(received, today)
        response = actions.record_response(
            plan=plan,
            by=officer,
            received_on=received,
            today=received,
            actions=[
                (item, rng.choice(HOW), rng.choice(WHO), due)
                for item, due in _due_dates(items, received, rng, today, plan is still_to_do)
            ],
        )
        accepted = _day(received + datetime.timedelta(days=2), today)
        actions.accept_response(response=response, by=manager, today=accepted)
        counts["items agreed"] += len(items)
        for item in plan.items.all():
            if item.due_on >= today:
                continue
            if not overdue_left:
                # One item the provider has not finished by the date it agreed.
                actions.start_item(item=item, by=officer)
                actions.add_progress_note(
                    item=item,
                    by=officer,
                    noted_on=_day(item.due_on + datetime.timedelta(days=1), today),
                    source="call",
                    text="The manager says the checks have started but are not finished.",
                    today=today,
                )
                overdue_left = True
                counts["items overdue"] += 1
                continue
            done = item.due_on - datetime.timedelta(days=rng.randrange(0, 7))
            actions.start_item(item=item, by=officer)
            actions.complete_item(
                item=item,
                by=officer,
                evidence=rng.choice(EVIDENCE),
                completed_on=max(done, accepted),
                today=today,
            )
            if rng.random() < 0.7:
                verified = _day(item.due_on + datetime.timedelta(days=7), today)
                actions.verify_item(item=item, by=manager, today=verified)
                counts["items verified"] += 1
    return counts
