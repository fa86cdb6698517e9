"""The jobs and the schedule, for administrators: /jobs/."""

from django.urls import path

from careqa.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.jobs_page, name="page"),
]
