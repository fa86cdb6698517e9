"""Council configuration, included at /settings/: /settings/council/."""

from django.urls import path

from careqa.areas import views

app_name = "areas"
urlpatterns = [
    path("council/", views.council_settings, name="council-settings"),
]
