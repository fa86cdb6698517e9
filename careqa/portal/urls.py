from django.urls import path

from careqa.portal.views import provider, team

app_name = "portal"
urlpatterns = [
    # The provider's pages.
    path("", provider.home, name="home"),
    path("services/<int:pk>/", provider.service, name="service"),
    path("reports/<int:pk>/", provider.report, name="report"),
    path("reports/<int:pk>/pdf/", provider.report_pdf_download, name="report-pdf"),
    path("plans/<int:pk>/", provider.plan, name="plan"),
    path("plans/<int:pk>/respond/", provider.plan_respond, name="plan-respond"),
    path("items/<int:pk>/", provider.item, name="item"),
    path("items/<int:pk>/progress/", provider.item_progress, name="item-progress"),
    path("items/<int:pk>/evidence/", provider.item_evidence, name="item-evidence"),
    path("items/<int:pk>/done/", provider.item_done, name="item-done"),
    path("documents/<int:pk>/", provider.attachment, name="attachment"),
    path("notices/", provider.notices, name="notices"),
    path("notices/<int:pk>/", provider.notice, name="notice"),
    path("notice-documents/<int:pk>/", provider.notice_document, name="notice-document"),
    path("shared/", provider.shared, name="shared"),
    # The team's side.
    path("team/users/", team.provider_users, name="team-users"),
    path("team/users/invite/", team.invite, name="team-invite"),
    path(
        "team/users/<int:pk>/suspend/",
        team.user_access,
        {"change": "suspend"},
        name="team-user-suspend",
    ),
    path(
        "team/users/<int:pk>/restore/",
        team.user_access,
        {"change": "restore"},
        name="team-user-restore",
    ),
    path("team/comments/", team.comments, name="team-comments"),
    path("team/comments/<int:pk>/", team.comment_answer, name="team-comment"),
    path("team/notices/", team.notices, name="team-notices"),
    path("team/notices/send/", team.notice_send, name="team-notice-send"),
    path("team/notices/<int:pk>/", team.notice_readers, name="team-notice"),
    path("team/intelligence/<int:pk>/share/", team.share_entry, name="team-share-entry"),
]
