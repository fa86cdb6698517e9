"""The returns' daily clocks (careqa.jobs.schedule): reminders before a window closes,
then missed returns raised as intelligence. Each is done once, however often it runs."""

from django.utils import timezone

from careqa.jobs.schedule import register


def _run():
    from careqa.returns.actions import run_clocks

    return run_clocks(today=timezone.localdate())


register(
    "returns-clocks",
    "07:00",
    description="Data returns: reminders before the window closes; missed returns to intelligence",
    call=_run,
)
