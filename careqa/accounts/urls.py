from django.urls import path

from careqa.accounts.views import password, sign_in, users

app_name = "accounts"
urlpatterns = [
    path("sign-in/", sign_in.SignInView.as_view(), name="login"),
    path("sign-out/", sign_in.SignOutView.as_view(), name="logout"),
    path("password/", password.password_change, name="password-change"),
    path("users/", users.user_list, name="user-list"),
    path("users/add/", users.user_add, name="user-add"),
    path("users/<int:pk>/", users.user_detail, name="user-detail"),
    path("users/<int:pk>/change/", users.user_change, name="user-change"),
    path("users/<int:pk>/password/", users.user_password, name="user-password"),
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
