"""A request id on every request and response, and one log line for each request."""

import logging
import re
import time
import uuid

logger = logging.getLogger("careqa.requests")

# An id from the council's proxy is kept if it looks like one; anything else is replaced,
# so a client cannot write arbitrary text into the logs.
GOOD_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
HEADER = "X-Request-ID"


def request_id_of(request):
    given = request.headers.get(HEADER, "")
    return given if GOOD_ID.match(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_of(request)
        started = time.perf_counter()
        response = self.get_response(request)
        response[HEADER] = request.request_id
        user = getattr(request, "user", None)
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "request_id": request.request_id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response
