"""Visits: /visits/<pk>/…, the programme /visits/programme/<year>/…, the team and calendars."""

from django.urls import path

from careqa.visits.views import calendar, programme, questions, report, team, visit

app_name = "visits"
urlpatterns = [
    path("new/", visit.visit_add, name="add"),
    path("<int:pk>/", visit.visit_detail, name="detail"),
    path("<int:pk>/record/", visit.visit_record, name="record"),
    path("<int:pk>/findings/<slug:area>/", visit.visit_findings, name="findings"),
    path("<int:pk>/judgements/", visit.visit_judgements, name="judgements"),
    path("<int:pk>/views/new/", visit.add_view, name="add-view"),
    path("<int:pk>/actions/new/", visit.add_required_action, name="add-action"),
    path("<int:pk>/concerns/new/", visit.add_concern, name="add-concern"),
    path("<int:pk>/move/", visit.visit_move, name="move"),
    path("<int:pk>/reassign/", visit.visit_reassign, name="reassign"),
    path("<int:pk>/cancel/", visit.visit_cancel, name="cancel"),
    path("<int:pk>/report/", report.report_draft, name="report-draft"),
    path("reports/<int:pk>/", report.report_detail, name="report"),
    path("reports/<int:pk>/pdf/", report.report_download, name="report-pdf"),
    path("reports/<int:pk>/issue/", report.report_issue, name="report-issue"),
    path("reports/<int:pk>/correct/", report.report_correct, name="report-correct"),
    path("programme/", programme.programme_current, name="programme-current"),
    path("programme/<int:year>/", programme.programme, name="programme"),
    path(
        "programme/<int:year>/month/<int:month>/", programme.programme_month, name="programme-month"
    ),
    path(
        "programme/<int:year>/officers/<int:pk>/",
        programme.programme_officer,
        name="programme-officer",
    ),
    path("programme/<int:year>/services/", programme.programme_services, name="programme-services"),
    path("programme/<int:year>/plan/", programme.programme_plan, name="programme-plan"),
    path("programme/<int:year>/programme.csv", programme.programme_csv, name="programme-csv"),
    path("team/leads/", team.lead_officers, name="lead-officers"),
    path("team/officers/", team.officer_list, name="officers"),
    path("team/officers/<int:pk>/", team.officer_edit, name="officer-edit"),
    path("questions/", questions.question_sets, name="question-sets"),
    path("questions/<int:pk>/", questions.question_set, name="question-set"),
    path("questions/<int:pk>/add/", questions.question_add, name="question-add"),
    path("questions/question/<int:pk>/", questions.question_edit, name="question-edit"),
    path("questions/question/<int:pk>/remove/", questions.question_remove, name="question-remove"),
    path("calendar/", calendar.my_calendar, name="my-calendar"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar-feed"),
]
