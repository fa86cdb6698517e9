"""/healthz: whether this service can do its work, for the council's proxy and monitoring."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache


@login_not_required
@never_cache
def healthz(request):
    """200 "ok" when the database answers and a job worker beat recently; else 503.

    The body says nothing more, so the page tells a stranger nothing about the service.
    """
    from careqa.jobs.models import WorkerHeartbeat

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        since = timezone.now() - timedelta(seconds=settings.CAREQA_HEARTBEAT_MAX_AGE)
        alive = WorkerHeartbeat.objects.filter(beat_at__gte=since).exists()
    except DatabaseError:
        alive = False
    if alive:
        return HttpResponse("ok", content_type="text/plain")
    return HttpResponse("unavailable", content_type="text/plain", status=503)
