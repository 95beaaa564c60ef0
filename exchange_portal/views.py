"""Site-wide views that belong to no app: the health check and the handler for server errors."""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .bounds import is_too_expensive, too_expensive_response

logger = logging.getLogger("exchange_portal.health")

# Seconds a client or load balancer should wait before retrying while the database is unreachable.
RETRY_AFTER_SECONDS = 5


@never_cache
@require_safe
def healthz(request):
    """200 ``ok`` when the database answers a trivial query, else 503 with a short reason."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health check failed: %s", error.__class__.__name__)
        response = HttpResponse("database unavailable", status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def server_error(request):
    """handler500: 503 with Retry-After when the cause is an unreachable database, else the 500 page.

    Django calls it inside its ``except`` block, so ``sys.exc_info()`` is the error being handled. Both
    templates render without the request and without the database, and a failure to render them falls
    back to plain text: the error page itself must never fail.
    """
    error = sys.exc_info()[1]
    if is_too_expensive(error):
        return too_expensive_response(request)
    if _is_connection_error(error):
        response = _render_error_page("503.html", status=503, fallback="Service temporarily unavailable")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _render_error_page("500.html", status=500, fallback="Server error")


def _is_connection_error(error):
    # OperationalError and InterfaceError cover a server that is down, restarting or unreachable; other
    # database errors (IntegrityError, ProgrammingError) are bugs and stay 500.
    return isinstance(error, OperationalError | InterfaceError)


def _render_error_page(template_name, *, status, fallback):
    try:
        body = loader.get_template(template_name).render()
        content_type = "text/html; charset=utf-8"
    except Exception:  # the last line of defence must not raise
        logger.exception("could not render %s", template_name)
        body, content_type = fallback, "text/plain; charset=utf-8"
    response = HttpResponseServerError(body, content_type=content_type)
    response.status_code = status
    return response
