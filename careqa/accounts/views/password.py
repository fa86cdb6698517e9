"""Changing your own password, open to everyone who is signed in.

The current-password check is throttled: a session left open must not be a way to guess
it (CAREQA_PASSWORD_CHECK_LIMIT wrong ones in the sign-in cool-off pause the form).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from careqa.accounts import actions
from careqa.accounts.authz import signed_in_only
from careqa.accounts.forms import OwnPasswordForm
from careqa.accounts.security import Kind, log_security_event, recent_count
from careqa.accounts.views.sign_in import lockout_policy

PAUSED = (
    "You have entered a wrong current password too many times. "
    "Try again in {minutes} minutes, or sign out and use ‘Forgotten your password?’"
)


@signed_in_only
def password_change(request):
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST":
        minutes = lockout_policy()["cooloff_minutes"]
        wrong = recent_count(Kind.PASSWORD_CHECK_FAILED, minutes=minutes, user_id=request.user.pk)
        if wrong >= settings.CAREQA_PASSWORD_CHECK_LIMIT:
            context = {
                "form": OwnPasswordForm(request.user),
                "paused": PAUSED.format(minutes=minutes),
            }
            return render(request, "accounts/password_change.html", context, status=429)
        if form.is_valid():
            try:
                actions.set_password(
                    user=request.user, password=form.cleaned_data["password"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                # Keep this session signed in; the person's other sessions end.
                update_session_auth_hash(request, request.user)
                messages.success(request, "Your password has been changed")
                return redirect("providers:service-list")
        if form.has_error("current_password", "wrong"):
            log_security_event(Kind.PASSWORD_CHECK_FAILED, request=request, user=request.user)
    return render(request, "accounts/password_change.html", {"form": form})
