"""The project's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path

from exchange_portal.urls import handler500
from exchange_portal.urls import urlpatterns as project_urlpatterns


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("tampered input")


def broken(request):
    raise RuntimeError("a bug")


def fragile(request):
    int(request.GET.get("year") or 0)
    return HttpResponse("ok")


def database_down(request):
    raise OperationalError("connection refused")


urlpatterns = [
    path("test-errors/403/", forbidden),
    path("test-errors/400/", suspicious),
    path("test-errors/500/", broken),
    path("test-errors/503/", database_down),
    path("test-errors/fragile/", fragile),
    *project_urlpatterns,
]
handler500 = handler500
