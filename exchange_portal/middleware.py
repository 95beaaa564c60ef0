"""Middleware for production: one structured log line per request, the Permissions-Policy header
(Django's SecurityMiddleware sends most other security headers, django-csp the Content-Security-Policy),
and the health checks answered before the expensive middleware."""

import json
import logging
import time
from datetime import UTC, datetime

from django.conf import settings
from django.urls import resolve, reverse
from django.utils import translation

request_logger = logging.getLogger("exchange_portal.requests")


class RequestLogMiddleware:
    """Logs method, path, status and duration of every request, static files and errors included.

    Sits outermost, so the duration covers all other middleware; the query string is left out of the
    log on purpose (it may carry search terms people typed).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        request_logger.info(
            "request",
            extra={
                "http": {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                }
            },
        )
        return response


class HealthCheckMiddleware:
    """Answers ``/healthz``, ``/healthz/ready`` and ``/healthz/live`` at once, with their views.

    Sits after the security headers and before whitenoise, so a probe costs no page-cache lookup (a Redis
    round trip), no session, no language resolution, no CSRF or authentication work; only the request log
    and the security headers wrap it. Host validation (ALLOWED_HOSTS) is skipped too: balancers often probe
    with the instance's address as Host, and the answer holds nothing taken from the request.
    """

    URL_NAMES = ("healthz", "healthz-ready", "healthz-live")

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = None

    def __call__(self, request):
        if self.views is None:
            self.views = {reverse(name): resolve(reverse(name)).func for name in self.URL_NAMES}
        view = self.views.get(request.path_info)
        if view is None:
            return self.get_response(request)
        return view(request)


class SecurityHeadersMiddleware:
    """Adds ``settings.PERMISSIONS_POLICY`` as the Permissions-Policy header, and X-Frame-Options to the
    responses that never reach Django's XFrameOptionsMiddleware (static files served by whitenoise)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = settings.PERMISSIONS_POLICY
        self.frame_options = settings.X_FRAME_OPTIONS

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", self.frame_options)
        return response


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON object per line: time, level, logger, message and, for request
    lines, the fields RequestLogMiddleware attaches."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "http", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class AdminLocaleMiddleware:
    """Middleware for the staff admin.

    The public pages put the language in the URL (``/ko/…``) with English unprefixed, so Django's
    LocaleMiddleware treats every unprefixed path, ``/admin/`` included, as English. The admin has no
    prefixed URLs; there the language comes from the language cookie or the browser's Accept-Language,
    so Korean and Traditional Chinese staff get Django's own admin translations.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:
            self.prefix = reverse("admin:index")
        if request.path_info.startswith(self.prefix):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
