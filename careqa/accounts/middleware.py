"""Accounts' middleware: request body limits, no-store, idle sign-out, the second-factor
policy and the log of downloads.

Request bodies are judged before a byte is read: by their stated size and by who sends them.

Django reads a form's body (and writes an uploaded file to disk) the first time anything
asks for request.POST, which CsrfViewMiddleware does in process_view, before any view or
the sign-in redirect runs. This middleware answers in __call__, which runs before every
process_view: a body bigger than CAREQA_MAX_UPLOAD_BYTES gets 413 from anyone, and a body
from someone not signed in is refused unless the page is open to everyone (the sign-in
form), which then takes only a small one.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve

# The sign-in form's fields: a few hundred bytes. Anything much bigger is not a sign-in.
ANONYMOUS_MAX_BODY_BYTES = 64 * 1024


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _stated_length(request)
        if length:
            limit = settings.CAREQA_MAX_UPLOAD_BYTES
            if not request.user.is_authenticated:
                if not _open_to_everyone(request):
                    # Nothing is read: the sender signs in first, then sends it again.
                    return redirect_to_login(request.get_full_path())
                limit = min(limit, ANONYMOUS_MAX_BODY_BYTES)
            if length > limit:
                return _too_large(request, length, limit)
        return self.get_response(request)


def _stated_length(request):
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0  # Django reads no body it cannot size


def _open_to_everyone(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "login_required", True) is False


def _too_large(request, length, limit):
    response = render(
        request,
        "413.html",
        {"limit": _size(limit), "length": _size(length)},
        status=413,
    )
    # The body was not read: the connection cannot be reused for another request.
    response["Connection"] = "close"
    return response


def _size(size):
    if size < 1024 * 1024:
        return f"{-(-size // 1024):,} KB"
    return f"{-(-size // (1024 * 1024)):,} MB"


class NoStoreWhenSignedInMiddleware:
    """Pages and downloads for someone signed in are not kept by the browser or a proxy:
    a shared computer's back button or cache must not show the register to the next
    person. A response that sets its own Cache-Control keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response


LAST_SEEN = "careqa_last_seen"
# Seconds between writes of the last-seen time: the session is not saved on every request.
LAST_SEEN_RESOLUTION = 60


def is_idle(last_seen: float | None, now: float, idle_minutes: int) -> bool:
    """Whether a session last used at `last_seen` (epoch seconds) has gone idle by `now`."""
    return last_seen is not None and now - last_seen > idle_minutes * 60


class IdleSignOutMiddleware:
    """Signs out a session unused for CAREQA_IDLE_MINUTES, and the sign-in page says so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN)
            if is_idle(last_seen, now, settings.CAREQA_IDLE_MINUTES):
                request.careqa_signed_out_idle = True  # the security log says why
                logout(request)
                target = redirect_to_login(request.get_full_path())
                target["Location"] += "&signed_out=idle"
                return target
            if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN] = int(now)
        return self.get_response(request)


class SecondFactorPolicyMiddleware:
    """A session signed in without a second factor whose person now needs one (a new role,
    or the council's policy changed) is sent to set one up before anything else."""

    ALLOWED = ("accounts:second-factor-setup", "accounts:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from careqa.accounts.second_factor import requires_second_factor
        from careqa.accounts.signing_in import NO_DEVICE, SIGNED_IN_WITH

        if (
            request.user.is_authenticated
            and request.session.get(SIGNED_IN_WITH) == NO_DEVICE
            and requires_second_factor(request.user)
            and _url_name(request) not in self.ALLOWED
        ):
            return redirect("accounts:second-factor-setup")
        return self.get_response(request)


def _url_name(request):
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


class DownloadsLogMiddleware:
    """Every file downloaded by someone signed in (a response sent as an attachment: an
    export, a report, a document) is written to the security log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        disposition = response.get("Content-Disposition", "")
        if (
            request.user.is_authenticated
            and disposition.startswith("attachment")
            and response.status_code == 200
        ):
            from careqa.accounts.security import Kind, log_security_event

            filename = disposition.partition("filename=")[2].strip('"')
            log_security_event(
                Kind.DOWNLOADED,
                request=request,
                user=request.user,
                detail=f"{request.get_full_path()} ({filename})" if filename else request.path,
            )
        return response
