from django.urls import path

from careqa.accounts.views import (
    invitations,
    password,
    password_reset,
    second_factor,
    security_log,
    sign_in,
    users,
)

app_name = "accounts"
urlpatterns = [
    path("sign-in/", sign_in.SignInView.as_view(), name="login"),
    path("sign-in/code/", second_factor.second_factor, name="second-factor"),
    path("sign-out/", sign_in.SignOutView.as_view(), name="logout"),
    path("password/", password.password_change, name="password-change"),
    path("password/reset/", password_reset.AskForReset.as_view(), name="password-reset"),
    path("password/reset/sent/", password_reset.ResetSent.as_view(), name="password-reset-sent"),
    path(
        "password/reset/<uidb64>/<token>/",
        password_reset.ChooseNewPassword.as_view(),
        name="password-reset-confirm",
    ),
    path("password/reset/done/", password_reset.ResetDone.as_view(), name="password-reset-done"),
    path("invitation/<str:token>/", invitations.accept, name="invitation"),
    path("you/", second_factor.security, name="security"),
    path("you/second-factor/", second_factor.second_factor_setup, name="second-factor-setup"),
    path(
        "you/second-factor/remove/",
        second_factor.remove_own_second_factor,
        name="second-factor-remove",
    ),
    path("you/recovery-codes/", second_factor.recovery_codes, name="recovery-codes"),
    path("security-log/", security_log.security_log, name="security-log"),
    path("security-log.csv", security_log.security_log_csv, name="security-log-csv"),
    path("users/", users.user_list, name="user-list"),
    path("users/add/", users.user_add, name="user-add"),
    path("users/<int:pk>/", users.user_detail, name="user-detail"),
    path("users/<int:pk>/change/", users.user_change, name="user-change"),
    path("users/<int:pk>/password/", users.user_password, name="user-password"),
    path("users/<int:pk>/invite-again/", users.user_invite_again, name="user-invite-again"),
    path(
        "users/<int:pk>/second-factor/",
        second_factor.user_second_factor,
        name="user-second-factor",
    ),
    path(
        "users/<int:pk>/deactivate/",
        users.user_status,
        {"change": "deactivate"},
        name="user-deactivate",
    ),
    path(
        "users/<int:pk>/reactivate/",
        users.user_status,
        {"change": "reactivate"},
        name="user-reactivate",
    ),
]
