"""Risk and intelligence: /risk/ (who to visit next), the weights, the intelligence log
safeguarding enquiries, provider concerns and the compliance dashboard."""

from django.urls import path

from careqa.risk import compliance_views, concern_views, views

app_name = "risk"
urlpatterns = [
    path("", views.who_to_visit_next, name="who-to-visit-next"),
    path("weights/", views.weights, name="weights"),
    path("intelligence/", views.intelligence_list, name="intelligence"),
    path("intelligence/intelligence.csv", views.intelligence_csv, name="intelligence-csv"),
    path("intelligence/new/", views.intelligence_add, name="intelligence-add"),
    path("intelligence/<int:pk>/", views.intelligence_detail, name="intelligence-detail"),
    path("intelligence/<int:pk>/status/", views.intelligence_status, name="intelligence-status"),
    path("safeguarding/", views.safeguarding_list, name="safeguarding"),
    path("safeguarding/counts.csv", views.safeguarding_counts_csv, name="safeguarding-counts"),
    path("safeguarding/new/", views.safeguarding_add, name="enquiry-add"),
    path("safeguarding/<int:pk>/", views.enquiry_detail, name="enquiry"),
    path("safeguarding/<int:pk>/close/", views.enquiry_close, name="enquiry-close"),
    path("concerns/", concern_views.concern_list, name="concerns"),
    path("concerns/new/", concern_views.concern_open, name="concern-open"),
    path("concerns/<int:pk>/", concern_views.concern_detail, name="concern"),
    path(
        "concerns/<int:pk>/strategy-meeting/",
        concern_views.concern_meeting,
        name="concern-meeting",
    ),
    path("concerns/<int:pk>/plan/", concern_views.concern_plan, name="concern-plan"),
    path("concerns/<int:pk>/close/", concern_views.concern_close, name="concern-close"),
    path("compliance/", compliance_views.dashboard, name="compliance"),
    path("compliance/services/", compliance_views.services, name="compliance-services"),
]
