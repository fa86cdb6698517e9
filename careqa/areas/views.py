"""The council settings page: the administrator names the council and chooses its area."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from careqa.accounts.authz import require_permission
from careqa.accounts.permissions import Permission
from careqa.areas.actions import configure_council
from careqa.areas.forms import CouncilSettingsForm
from careqa.areas.models import CouncilProfile


@require_permission(Permission.CONFIGURE_COUNCIL)
def council_settings(request):
    profile = CouncilProfile.objects.order_by("pk").first()
    initial = (
        {"name": profile.name, "our_area": [c.pk for c in profile.our_area.all()]}
        if profile
        else {}
    )
    form = CouncilSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            configure_council(
                name=form.cleaned_data["name"],
                our_area=form.cleaned_data["our_area"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Council settings saved")
            return redirect("areas:council-settings")
    return render(
        request,
        "areas/council_settings.html",
        {
            "form": form,
            "profile": profile,
            "current_area": [c.name for c in profile.our_area.order_by("name")] if profile else [],
        },
    )
