"""Data returns: /returns/ (the returns asked for), a service's returns and its form,
uploads, who is late, the figures and the templates."""

from django.urls import path

from careqa.returns import views

app_name = "returns"
urlpatterns = [
    path("", views.index, name="index"),
    path("late/", views.late, name="late"),
    path("templates/new/", views.template_add, name="template-add"),
    path("templates/<int:pk>/", views.template_detail, name="template"),
    path("templates/<int:pk>/edit/", views.template_edit, name="template-edit"),
    path("templates/<int:pk>/switch/", views.template_switch, name="template-switch"),
    path("templates/<int:pk>/layout.<str:fmt>", views.layout, name="layout"),
    path("templates/<int:pk>/upload/", views.upload_returns, name="upload"),
    path("templates/<int:pk>/capacity-tracker/", views.tracker_upload, name="tracker-upload"),
    path("templates/<int:pk>/figures/", views.figures, name="figures"),
    path("templates/<int:pk>/figures.<str:fmt>", views.figures_download, name="figures-download"),
    path("templates/<int:pk>/services/<int:service_pk>/", views.submit, name="submit"),
    path("services/<int:pk>/", views.service_returns, name="service"),
    path("sent/<int:pk>/", views.submission_detail, name="submission"),
    path("programmes/", views.programmes, name="programmes"),
    path("programmes/new/", views.programme_add, name="programme-add"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme"),
    path("programmes/<int:pk>/services/new/", views.participant_add, name="participant-add"),
    path("programmes/<int:pk>/events/new/", views.programme_event_add, name="event-add"),
]
