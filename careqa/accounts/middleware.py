"""Request bodies are judged before a byte is read: by their stated size and by who sends them.

Django reads a form's body (and writes an uploaded file to disk) the first time anything
asks for request.POST, which CsrfViewMiddleware does in process_view, before any view or
the sign-in redirect runs. This middleware answers in __call__, which runs before every
process_view: a body bigger than CAREQA_MAX_UPLOAD_BYTES gets 413 from anyone, and a body
from someone not signed in is refused unless the page is open to everyone (the sign-in
form), which then takes only a small one.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
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
