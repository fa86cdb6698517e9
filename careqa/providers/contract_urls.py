"""Contracts: /contracts/new/?service=<pk>, /contracts/<pk>/, /contracts/<pk>/edit/."""

from django.urls import path

from careqa.providers.views import contracts

app_name = "contracts"
urlpatterns = [
    path("new/", contracts.contract_create, name="create"),
    path("<int:pk>/", contracts.contract_detail, name="detail"),
    path("<int:pk>/edit/", contracts.contract_edit, name="edit"),
]
