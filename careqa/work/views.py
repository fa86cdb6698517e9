"""My work: what the signed-in person (and, for a manager, the team) has to do."""

from django.shortcuts import render
from django.utils import timezone

from careqa.accounts.authz import signed_in_only
from careqa.work.sections import sections_for


@signed_in_only
def home(request):
    today = timezone.localdate()
    return render(
        request, "work/home.html", {"sections": sections_for(request, today), "today": today}
    )
