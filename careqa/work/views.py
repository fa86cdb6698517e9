"""My work: what the signed-in person (and, for a manager, the team) has to do."""

from django.shortcuts import redirect, render
from django.utils import timezone

from careqa.accounts.authz import signed_in_only
from careqa.work.navigation import ADMINISTRATION, links_for
from careqa.work.sections import sections_for


@signed_in_only
def home(request):
    from careqa.accounts.roles import PROVIDER_ROLES

    if request.user.role in PROVIDER_ROLES:
        return redirect("portal:home")  # the portal is a provider user's home
    today = timezone.localdate()
    return render(
        request, "work/home.html", {"sections": sections_for(request, today), "today": today}
    )


@signed_in_only
def administration(request):
    """The council's settings and the administrators' tools this person may use (the menu
    shows the page only to someone with at least one)."""
    links = [link for link in links_for(request.user, ADMINISTRATION) if link.href()]
    return render(request, "work/links.html", {"title": "Administration", "links": links})
