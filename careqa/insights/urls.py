"""The insight pages: market figures, comparator groups and the scrutiny report."""

from django.urls import path

from careqa.insights.views import figures, groups, report, services

app_name = "insights"
urlpatterns = [
    path("", figures.distribution, name="figures"),
    path("comparator/", figures.comparator, name="comparator"),
    path("beds/", figures.beds, name="beds"),
    path("change/", figures.change, name="change"),
    path("download/<slug:table>.<slug:fmt>", figures.download, name="download"),
    path("services/", services.services_behind_count, name="services"),
    path("groups/", groups.group_list, name="group-list"),
    path("groups/new/", groups.group_create, name="group-create"),
    path("groups/<int:pk>/edit/", groups.group_edit, name="group-edit"),
    path("groups/<int:pk>/retire/", groups.group_retire, name="group-retire"),
    path("groups/<int:pk>/restore/", groups.group_restore, name="group-restore"),
    path("report/", report.report_form, name="report"),
    path("report/built/", report.report_builds, name="report-builds"),
    path("report/built/<int:pk>/", report.report_build, name="report-build"),
    path(
        "report/built/<int:pk>/progress.json",
        report.report_build_progress,
        name="report-build-progress",
    ),
    path(
        "report/built/<int:pk>/download/",
        report.report_build_download,
        name="report-build-download",
    ),
]
