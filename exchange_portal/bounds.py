"""Requests too expensive to answer: a query PostgreSQL cancelled at ``DATABASE_STATEMENT_TIMEOUT``, or
one SQLite refused as too large (too many variables, an expression tree too deep). Both come from what a
visitor asked for, not from a database that is down, so they answer 400 "too expensive" (JSON under
``/api/``) and are logged as such; ``/healthz`` and the 503 outage page stay for real outages
(``exchange_portal/views.py``).

A retry would cost the same again, so the answer is a client error and carries no ``Retry-After``: a load
balancer that retries 503 answers on another app server (nginx's ``proxy_next_upstream http_503``) does
not repeat it.
"""

import logging

from django.db import OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger("exchange_portal.bounds")

# SQLSTATE codes: query_canceled (statement_timeout), statement_too_complex (e.g. stack depth exceeded).
CANCELLED_SQLSTATES = frozenset({"57014", "54001"})
SQLITE_LIMIT_MESSAGES = (
    "too many sql variables",
    "expression tree is too large",
    "parser stack overflow",
    "like or glob pattern too complex",
    "too many terms in compound select",
)


def is_too_expensive(error):
    """True for a database error that says the query was too costly, not that the database is away."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in CANCELLED_SQLSTATES:
        return True
    message = str(error).lower()
    return any(text in message for text in SQLITE_LIMIT_MESSAGES)


def too_expensive_response(request):
    message = _(
        "This request was too expensive to answer. Search for fewer words or choose fewer filters, and try again."
    )
    if request is not None and request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    try:
        body = loader.render_to_string("400_too_expensive.html", {"message": message}, request=request)
    except Exception:  # an error page must not fail
        logger.exception("could not render 400_too_expensive.html")
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    return HttpResponse(body, status=400)


class TooExpensiveMiddleware:
    """Turns a cancelled or refused query raised by a view (or while rendering its template) into the
    400 "too expensive" answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_too_expensive(exception):
            return None
        logger.warning("request too expensive: %s %s: %s", request.method, request.path, exception.__cause__)
        return too_expensive_response(request)
