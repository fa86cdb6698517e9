"""Signing in (the password step) and out."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator

from careqa.accounts import signing_in
from careqa.accounts.addresses import client_address
from careqa.accounts.authz import signed_in_only
from careqa.accounts.forms import SignInForm
from careqa.accounts.security import Kind, log_security_event, recent_count

SIGNED_OUT_MESSAGES = {
    "yes": "You have signed out.",
    "idle": "You were signed out after {minutes} minutes without activity.",
}


def lockout_policy() -> dict:
    """How many failures pause signing in, and for how long (axes counts hours)."""
    return {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": round(float(settings.AXES_COOLOFF_TIME) * 60),
    }


def address_paused(request) -> bool:
    """Too many failed sign-ins from this address, whatever names were tried."""
    if not settings.AXES_ENABLED:
        return False
    return (
        recent_count(
            Kind.SIGN_IN_FAILED,
            minutes=lockout_policy()["cooloff_minutes"],
            address=client_address(request),
        )
        >= settings.CAREQA_ADDRESS_FAILURE_LIMIT
    )


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    """Django's LoginView; its form calls the request-aware `authenticate`, so axes counts.
    A right password leads to the second factor where the person has or needs one."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if address_paused(request):
            log_security_event(
                Kind.ADDRESS_LIMITED, request=request, username=request.POST.get("username", "")
            )
            context = {**lockout_policy(), "username": "", "address": True}
            return render(request, "accounts/locked_out.html", context, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        return signing_in.after_password(self.request, form.get_user(), self.get_success_url())

    def get_context_data(self, **kwargs):
        signed_out = SIGNED_OUT_MESSAGES.get(self.request.GET.get("signed_out", ""), "")
        return {
            **super().get_context_data(**kwargs),
            **lockout_policy(),
            "signed_out": signed_out.format(minutes=settings.CAREQA_IDLE_MINUTES),
        }


@method_decorator(signed_in_only, name="dispatch")
class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET), then back to the sign-in page."""

    def get_success_url(self):
        return f"{reverse('accounts:login')}?signed_out=yes"
