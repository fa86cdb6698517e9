"""A person's notices: /notices/ (the inbox), one notice, and marking them all read."""

from django.urls import path

from careqa.notify import views

app_name = "notify"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read-all/", views.read_all, name="read-all"),
    path("<int:pk>/", views.open_notice, name="open"),
]
