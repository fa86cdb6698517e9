"""Escalation: /escalation/ (what is in force), a service's ladder, each step's pages."""

from django.urls import path

from careqa.escalation import views

app_name = "escalation"
urlpatterns = [
    path("", views.current, name="current"),
    path("services/<int:pk>/", views.service_ladder, name="service"),
    path("services/<int:pk>/new/<slug:kind>/", views.take_step, name="take-step"),
    path("suspensions/<int:pk>/", views.suspension_detail, name="suspension"),
    path("steps/<int:pk>/", views.step_detail, name="step"),
    path("steps/<int:pk>/decide/", views.decide, name="decide"),
    path("steps/<int:pk>/end/", views.end, name="end"),
    path("steps/<int:pk>/review/", views.review, name="review"),
    path("steps/<int:pk>/conditions/", views.conditions, name="conditions"),
    path("steps/<int:pk>/outcome/", views.outcome, name="outcome"),
    path("steps/<int:pk>/told/", views.add_notification, name="add-notification"),
    path("steps/<int:pk>/people-reviews/", views.add_people_review, name="add-people-review"),
    path("people-reviews/<int:pk>/done/", views.people_review_done, name="people-review-done"),
]
