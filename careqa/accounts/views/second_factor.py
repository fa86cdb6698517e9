"""The second step of signing in, and setting up or changing a second factor.

The sign-in steps are open to everyone (the person is not signed in yet) and work only
for a pending sign-in (careqa.accounts.signing_in); without one they say to start again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careqa.accounts import devices, signing_in
from careqa.accounts.authz import require_permission, signed_in_only
from careqa.accounts.forms import CodeForm
from careqa.accounts.models import User
from careqa.accounts.permissions import Permission
from careqa.accounts.second_factor import requires_second_factor
from careqa.accounts.security import Kind, log_security_event


@login_not_required
def second_factor(request):
    """Sign-in, step 2: the code from the app, or a recovery code."""
    user = signing_in.pending_user(request)
    if user is None:
        return _start_again(request)
    form = CodeForm(request.POST or None, recovery=True)
    if request.method == "POST" and form.is_valid():
        device = devices.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            next_url = signing_in.pending_next(request)
            signing_in.finish(request, user, device)
            if device.name == devices.CODES_NAME:
                log_security_event(Kind.RECOVERY_CODE_USED, request=request, user=user)
                left = devices.recovery_codes_left(user)
                messages.warning(
                    request,
                    f"You signed in with a recovery code. You have {left} left: "
                    "make new ones, or set up your app again, from ‘Your sign-in security’.",
                )
            return redirect(next_url)
        log_security_event(Kind.SECOND_FACTOR_FAILED, request=request, user=user)
        if signing_in.count_wrong_code(request):
            return _start_again(request, too_many=True)
        form.add_error("code", "The code is not correct. Check your app shows this account")
    return render(request, "accounts/second_factor.html", {"form": form, "person": user})


@login_not_required
def second_factor_setup(request):
    """Set up an authenticator app: at first sign-in (pending) or later (signed in)."""
    pending = signing_in.pending_user(request)
    user = request.user if request.user.is_authenticated else pending
    if user is None:
        return _start_again(request)
    if not request.user.is_authenticated and devices.has_app(user):
        # A password alone must never replace an app: the code comes first.
        return redirect("accounts:second-factor")
    device = devices.unconfirmed_app(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = devices.confirm_app(
            device=device, token=form.cleaned_data["code"], request=request, by=user
        )
        if codes is not None:
            if request.user.is_authenticated:
                signing_in.mark_signed_in_with(request, device)
                next_url = reverse("accounts:security")
            else:
                next_url = signing_in.pending_next(request)
                signing_in.finish(request, user, device)
            return _show_codes(request, codes, next_url, first=True)
        form.add_error(
            "code", "The code is not correct. Enter the code the app shows now for CareQA"
        )
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "person": user,
            "qr": devices.qr_svg(device),
            "secret": devices.typed_secret(device),
            "required": requires_second_factor(user),
            "signing_in": not request.user.is_authenticated,
        },
    )


def _start_again(request, too_many=False):
    return render(
        request,
        "accounts/sign_in_again.html",
        {"too_many": too_many, "signed_in": request.user.is_authenticated},
    )


@signed_in_only
def security(request):
    """Your sign-in security: your app, your recovery codes, what to do if you lose them."""
    user = request.user
    return render(
        request,
        "accounts/security.html",
        {
            "has_app": devices.has_app(user),
            "codes_left": devices.recovery_codes_left(user),
            "required": requires_second_factor(user),
        },
    )


@require_POST
@signed_in_only
def recovery_codes(request):
    if not devices.has_app(request.user):
        return redirect("accounts:second-factor-setup")
    codes = devices.make_recovery_codes(user=request.user, request=request, by=request.user)
    return _show_codes(request, codes, reverse("accounts:security"), first=False)


def _show_codes(request, codes, next_url, first):
    """Shown once, in the answer to the POST that made them (never stored by the browser)."""
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next_url": next_url, "first": first},
    )


@require_POST
@signed_in_only
def remove_own_second_factor(request):
    if requires_second_factor(request.user):
        messages.error(request, "Your role needs a second factor: set up a new app instead")
        return redirect("accounts:security")
    devices.remove_second_factor(user=request.user, request=request, by=request.user)
    request.session[signing_in.SIGNED_IN_WITH] = signing_in.NO_DEVICE
    messages.success(request, "Your second factor has been removed")
    return redirect("accounts:security")


@require_permission(Permission.MANAGE_USERS)
def user_second_factor(request, pk):
    """An administrator removes someone's app and codes (a lost phone), after confirming."""
    person = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        devices.remove_second_factor(
            user=person, request=request, by=request.user, note="Removed by an administrator"
        )
        messages.success(
            request,
            f"{person.display_name}'s second factor has been removed. They set up a new one "
            "the next time they sign in.",
        )
        return redirect("accounts:user-detail", pk=person.pk)
    return render(
        request,
        "accounts/user_second_factor.html",
        {"person": person, "has_app": devices.has_app(person)},
    )
