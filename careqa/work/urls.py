from django.urls import path

from careqa.work import views

app_name = "work"
urlpatterns = [
    path("", views.home, name="home"),
    path("administration/", views.administration, name="administration"),
]
