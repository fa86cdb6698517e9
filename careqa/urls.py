from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path


@login_not_required
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("accounts/", include("careqa.accounts.urls")),
    path("imports/", include("careqa.regulators.urls")),
    path("contracts/", include("careqa.providers.contract_urls")),
    path("settings/", include("careqa.areas.urls")),
    path("insights/", include("careqa.insights.urls")),
    path("visits/", include("careqa.visits.urls")),
    path("plans/", include("careqa.plans.urls")),
    path("escalation/", include("careqa.escalation.urls")),
    path("risk/", include("careqa.risk.urls")),
    path("", include("careqa.work.urls")),
    path("", include("careqa.providers.urls")),
    path("healthz", healthz, name="healthz"),
]
