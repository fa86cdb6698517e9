"""The team: who leads on each service we commission, and each officer's capacity and
patch, which the programme is planned against."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from careqa.accounts.authz import require_permission
from careqa.accounts.permissions import Permission
from careqa.govuk.forms import show_errors
from careqa.visits import actions, forms
from careqa.visits.models import OfficerProfile
from careqa.visits.planning_inputs import commissioned_services


@require_permission(Permission.PLAN_PROGRAMME)
def lead_officers(request):
    officers = list(forms.officers())
    if request.method == "POST":
        service = get_object_or_404(commissioned_services(), pk=request.POST.get("service"))
        officer = next((o for o in officers if str(o.pk) == request.POST.get("officer")), None)
        if officer is None:
            messages.error(request, f"Choose an officer to lead on {service}")
        else:
            actions.assign_lead_officer(
                service=service, officer=officer, by=request.user, today=timezone.localdate()
            )
            messages.success(request, f"{officer.display_name} now leads on {service}")
        return redirect("visits:lead-officers")
    services = (
        commissioned_services().select_related("council", "lead__officer").order_by("name", "pk")
    )
    return render(
        request,
        "visits/team/leads.html",
        {"services": list(services), "officers": officers},
    )


@require_permission(Permission.PLAN_PROGRAMME)
def officer_list(request):
    officers = forms.officers()
    profiles = {p.officer_id: p for p in OfficerProfile.objects.prefetch_related("councils")}
    rows = [{"officer": o, "profile": profiles.get(o.pk)} for o in officers]
    return render(request, "visits/team/officers.html", {"rows": rows})


@require_permission(Permission.PLAN_PROGRAMME)
def officer_edit(request, pk):
    officer = get_object_or_404(forms.officers(), pk=pk)
    profile = OfficerProfile.objects.filter(officer=officer).first()
    form = forms.CapacityForm(request.POST or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.save_officer_profile(
                officer=officer,
                by=request.user,
                councils=list(data["councils"]),
                visits_per_week=data["visits_per_week"],
                working_days=[int(d) for d in data["working_days"]],
                service_types=list(data["service_types"]),
                plans_visits=data["plans_visits"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{officer.display_name}'s capacity is saved")
            return redirect("visits:officers")
    return render(request, "visits/team/officer_form.html", {"officer": officer, "form": form})
