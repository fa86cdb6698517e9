"""Signing in in two steps: the password, then the second factor.

Until both are done nobody is signed in: the session holds only a pending sign-in (whose
password was right, where to go next, since when), so no page but the second-factor
pages can be reached with a password alone. A pending sign-in lasts PENDING_MINUTES and
survives MAX_CODE_FAILURES wrong codes (django-otp also slows down each device).
"""

import time

from django.contrib.auth import login
from django.shortcuts import redirect
from django_otp import login as otp_login
from django_otp import user_has_device

from careqa.accounts.models import User
from careqa.accounts.second_factor import requires_second_factor

PENDING = "careqa_pending_sign_in"
# What the session was signed in with: a device's persistent id, or NO_DEVICE.
SIGNED_IN_WITH = "careqa_second_factor"
NO_DEVICE = "none"
PENDING_MINUTES = 10
MAX_CODE_FAILURES = 5


def after_password(request, user, next_url):
    """The password was right: sign in, or hold the sign-in for the second factor."""
    if user_has_device(user, confirmed=True):
        _hold(request, user, next_url)
        return redirect("accounts:second-factor")
    if requires_second_factor(user):
        _hold(request, user, next_url)
        return redirect("accounts:second-factor-setup")
    finish(request, user, device=None, backend=getattr(user, "backend", None))
    return redirect(next_url)


def _hold(request, user, next_url):
    # A new session key, so a key seen before the password was typed is worth nothing.
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", None) or "django.contrib.auth.backends.ModelBackend",
        "next": next_url,
        "since": int(time.time()),
        "failures": 0,
    }


def pending_user(request):
    """The person whose password was right a moment ago, or None (none, stale, or switched off)."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["since"] > PENDING_MINUTES * 60:
        return None
    return User.objects.filter(pk=pending["user"], is_active=True).first()


def pending_next(request):
    return request.session.get(PENDING, {}).get("next") or "/"


def count_wrong_code(request) -> bool:
    """Record a wrong code; True when the pending sign-in is now given up."""
    pending = request.session[PENDING]
    pending["failures"] += 1
    request.session.modified = True
    if pending["failures"] >= MAX_CODE_FAILURES:
        del request.session[PENDING]
        return True
    return False


def finish(request, user, device, backend=None):
    """Both steps done (or the second not needed): sign in, and say with what."""
    backend = backend or request.session.get(PENDING, {}).get("backend")
    request.session.pop(PENDING, None)
    login(request, user, backend=backend)
    if device is not None:
        otp_login(request, device)
    request.session[SIGNED_IN_WITH] = device.persistent_id if device is not None else NO_DEVICE


def mark_signed_in_with(request, device):
    """A signed-in person has just set up a device: this session has now used it."""
    otp_login(request, device)
    request.session[SIGNED_IN_WITH] = device.persistent_id
