"""Imports of the regulators' files: /imports/, upload/, <pk>/ and <pk>/progress.json."""

from django.urls import path

from careqa.regulators import views

app_name = "regulators"
urlpatterns = [
    path("", views.import_list, name="import-list"),
    path("upload/", views.import_upload, name="import-upload"),
    path("<int:pk>/", views.import_detail, name="import-detail"),
    path("<int:pk>/progress.json", views.import_progress, name="import-progress"),
]
