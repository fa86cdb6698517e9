"""The register: services and providers."""

from django.urls import path

from careqa.providers.views import providers, services

app_name = "providers"
urlpatterns = [
    path("services/", services.service_list, name="service-list"),
    path("services/<int:pk>/", services.service_detail, name="service-detail"),
    path("services/<int:pk>/audit/", services.service_audit, name="service-audit"),
    path("services/<int:pk>/our-name/", services.service_local_name, name="service-local-name"),
    path("services/export.csv", services.service_export, name="service-export"),
    path("providers/", providers.provider_list, name="provider-list"),
    path("providers/<int:pk>/", providers.provider_detail, name="provider-detail"),
]
