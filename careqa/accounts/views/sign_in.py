"""Signing in and out."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator

from careqa.accounts.authz import signed_in_only
from careqa.accounts.forms import SignInForm


def lockout_policy() -> dict:
    """How many failures pause signing in, and for how long (axes counts hours)."""
    return {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": round(float(settings.AXES_COOLOFF_TIME) * 60),
    }


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    """Django's LoginView; its form calls the request-aware `authenticate`, so axes counts."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **lockout_policy()}


@method_decorator(signed_in_only, name="dispatch")
class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET), then back to the sign-in page."""
