"""Changing your own password, open to everyone who is signed in."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from careqa.accounts import actions
from careqa.accounts.authz import signed_in_only
from careqa.accounts.forms import OwnPasswordForm


@signed_in_only
def password_change(request):
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
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
    return render(request, "accounts/password_change.html", {"form": form})
