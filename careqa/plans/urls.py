"""Action plans: /plans/<pk>/…, items /plans/items/<pk>/…, and the team's clocks."""

from django.urls import path

from careqa.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.team_clocks, name="team"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/responses/new/", views.response_add, name="response-add"),
    path("responses/<int:pk>/accept/", views.response_accept, name="response-accept"),
    path("services/<int:pk>/items/new/", views.item_add, name="item-add"),
    path("items/<int:pk>/move/<slug:move>/", views.item_move, name="item-move"),
    path("items/<int:pk>/notes/new/", views.note_add, name="note-add"),
    path("items/<int:pk>/documents/new/", views.attachment_add, name="attachment-add"),
    path("items/<int:pk>/follow-up/", views.follow_up_visit, name="follow-up"),
    path("documents/<int:pk>/", views.attachment_download, name="attachment"),
]
