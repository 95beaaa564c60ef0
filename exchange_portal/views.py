"""Site-wide views that belong to no app: the health checks and the handler for server errors."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .bounds import is_too_expensive, too_expensive_response
from .health import ADVISORY_CHECKS, readiness

logger = logging.getLogger("exchange_portal.health")

# Seconds a client or load balancer should wait before retrying while the database is unreachable.
RETRY_AFTER_SECONDS = 5


@never_cache
@require_safe
def live(request):
    """Liveness: 200 ``ok`` whenever this process answers at all. No database, no cache, no file: a load
    balancer or orchestrator restarts an instance that fails this, so it must not fail for a dependency."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def ready(request):
    """Readiness (also ``/healthz``): 200 when every check passes (``degraded`` when only Redis is down), else
    503 with ``Retry-After``; the JSON
    body gives each check's result, "ok" or what is wrong (exchange_portal/health.py), and lists the failing
    ones, e.g. ``{"status": "fail", "failing": ["migrations"], "checks": {"database": "ok", ...}}``."""
    results = readiness()
    # Pages still answer without Redis (the guarded cache holds nothing meanwhile): a Redis outage is named,
    # but taking every instance out of the balancer at once would leave none.
    failing = [name for name, problem in results.items() if problem and name not in ADVISORY_CHECKS]
    degraded = [name for name, problem in results.items() if problem and name in ADVISORY_CHECKS]
    body = {
        "status": "fail" if failing else "degraded" if degraded else "ok",
        "failing": failing,
        "degraded": degraded,
        "checks": {name: problem or "ok" for name, problem in results.items()},
    }
    if failing or degraded:
        logger.warning("not ready: %s", "; ".join(f"{name}: {results[name]}" for name in failing + degraded))
    response = JsonResponse(body, status=503 if failing else 200)
    if failing:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


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
