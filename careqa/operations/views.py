"""The page for a request that failed because the database is unavailable.

Django turns an exception into a response at every middleware layer, so a middleware sees
only the view's exceptions, not those of the session and sign-in middleware that are the
first to touch the database. The 500 handler sees them all: a database that cannot be
reached answers 503 "Sorry, the service is unavailable" with Retry-After, and any other
failure the usual 500 page. Neither page shows a traceback or any data.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

# A database restart takes seconds; the page asks the browser to wait about this long.
RETRY_AFTER_SECONDS = 30


def database_unavailable(error: BaseException | None) -> bool:
    """Whether `error` (or what caused it) is a lost or refused database connection."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def server_error(request):
    """handler500: no request context, no database (either may be what failed)."""
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())


class DatabaseUnavailableLogFilter(logging.Filter):
    """One line, not a traceback, for each request refused while the database is away: an
    outage of a minute would otherwise write tens of thousands of lines of the same trace."""

    def filter(self, record):
        if record.exc_info and database_unavailable(record.exc_info[1]):
            error = record.exc_info[1]
            record.msg = f"{record.getMessage()} (database unavailable: {_first_line(error)})"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        return True


def _first_line(error):
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__
