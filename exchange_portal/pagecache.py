"""The page cache for anonymous visitors, invalidated by any write to the registry.

A public page asked for by a visitor without a session is kept in Django's cache (local memory by
default, Redis when ``REDIS_URL`` is set) under a key that carries the registry's *generation*: a
random number in the database (``RegistryGeneration``) that every write to a model of the registry
replaces when its transaction commits. A write therefore shows at the next request on every app
server, and nothing has to be deleted: entries of an older generation are never asked for again and
expire. Random rather than counted, so that a restored backup (which brings back an old row) or a
rolled-back transaction never revives the key of pages that showed other data.

Writes made through the ORM raise the generation by signal; code that writes around the ORM's
signals (``bulk_create``, ``QuerySet.update``, COPY, loaddata of a backup) calls ``registry_changed()``.
Only views that mark their response with ``public()`` are cached, and only responses that set no
cookie: the public pages carry no CSRF token and no per-visitor content.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from .models import RegistryGeneration

REGISTRY_APPS = frozenset({"cities", "programs", "participants"})
MAX_CACHED_BYTES = 2 * 1024 * 1024


def public(response):
    """Marks a view's response as a public page, one that any anonymous visitor may be served."""
    response.public_page = True
    return response


def generation():
    row = RegistryGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    return row or 0


def memoize(name, parts, compute):
    """``compute()``, kept in the cache for the current generation and language: for the parts of a
    page that many different URLs share (the facets of every page and sort order of one selection)."""
    seconds = settings.PAGE_CACHE_SECONDS
    if not seconds:
        return compute()
    try:
        key = f"{name}:{generation()}:{get_language()}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
    except DatabaseError:
        return compute()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _new_generation():
    RegistryGeneration.objects.update_or_create(pk=1, defaults={"value": secrets.randbits(62)})


def registry_changed():
    """Starts a new generation once the current transaction commits (at once outside a transaction);
    several writes in one transaction start one."""
    # Callbacks of a rolled-back transaction are dropped with it, so look in the pending list itself.
    if any(callback is _new_generation for _sids, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_new_generation)


def _on_write(sender, **kwargs):
    if sender._meta.app_label in REGISTRY_APPS and sender._meta.model_name != "registrygeneration":
        registry_changed()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_write, dispatch_uid=f"pagecache-{id(signal)}")


class PublicPageCacheMiddleware:
    """Answers a repeated anonymous GET of a public page from the cache.

    Sits before the session, CSRF and locale middleware, so that a hit costs one small query (the
    generation) and a cache read; the stored response already carries the headers those add."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return self.get_response(request)
        try:
            key = self.key(request)
        except DatabaseError:  # the view answers 503 on its own
            return self.get_response(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if self.storable(response):
            cache.set(key, response, seconds)
        return response

    @staticmethod
    def key(request):
        # Scheme and host too: exports carry absolute links (the view itself validates the host).
        url = f"{request.scheme}://{request.META.get('HTTP_HOST', '')}{request.get_full_path()}"
        return f"page:{generation()}:{hashlib.sha256(url.encode()).hexdigest()}"

    @staticmethod
    def storable(response):
        return (
            getattr(response, "public_page", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and len(response.content) <= MAX_CACHED_BYTES
        )


class PublicPage:
    """What every public page's view shares: its responses may be kept in the anonymous page cache."""

    def dispatch(self, request, *args, **kwargs):
        return public(super().dispatch(request, *args, **kwargs))
