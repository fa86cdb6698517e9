from django.urls import include, path

from careqa.server.views import healthz

urlpatterns = [
    path("accounts/", include("careqa.accounts.urls")),
    path("imports/", include("careqa.regulators.urls")),
    path("contracts/", include("careqa.providers.contract_urls")),
    path("settings/", include("careqa.areas.urls")),
    path("insights/", include("careqa.insights.urls")),
    path("visits/", include("careqa.visits.urls")),
    path("plans/", include("careqa.plans.urls")),
    path("escalation/", include("careqa.escalation.urls")),
    path("meetings/", include("careqa.meetings.urls")),
    path("jobs/", include("careqa.jobs.urls")),
    path("risk/", include("careqa.risk.urls")),
    path("notices/", include("careqa.notify.urls")),
    path("portal/", include("careqa.portal.urls")),
    path("returns/", include("careqa.returns.urls")),
    path("", include("careqa.work.urls")),
    path("", include("careqa.providers.urls")),
    path("healthz", healthz, name="healthz"),
]

# A database that cannot be reached answers 503 "Sorry, the service is unavailable".
handler500 = "careqa.operations.views.server_error"
