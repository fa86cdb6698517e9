"""Meetings: /meetings/ (the list), a meeting, its agenda, decisions, pack and minutes."""

from django.urls import path

from careqa.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.new_meeting, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/agenda/build/", views.build, name="build"),
    path("<int:pk>/agenda/add/", views.add_item, name="add-item"),
    path("<int:pk>/attendees/add/", views.add_attendee, name="add-attendee"),
    path("<int:pk>/held/", views.held, name="held"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/pack.pdf", views.pack_pdf, name="pack-pdf"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes-pdf"),
    path("items/<int:pk>/decide/", views.decide, name="decide"),
    path("items/<int:pk>/actions/add/", views.add_action, name="add-action"),
    path("actions/<int:pk>/done/", views.action_done, name="action-done"),
]
