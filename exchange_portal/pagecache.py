"""The page cache for anonymous visitors, invalidated by any write that a public page shows.

A public page asked for by a visitor without a session is kept in Django's cache (local memory by
default, Redis when ``REDIS_URL`` is set) under a key that carries the registry's *generation*: a
random number in the database (``RegistryGeneration``) that every write to a model public pages read
(``shown_publicly``, declared by each app) replaces when its transaction commits. A write therefore
shows at the next request on every app server, and nothing has to be deleted: entries of an older
generation are never asked for again and expire. Random rather than counted, so that a restored backup
(which brings back an old row) or a rolled-back transaction never revives the key of pages that showed
other data.

Writes made through the ORM raise the generation by signal; code that writes around the ORM's
signals (``bulk_create``, ``QuerySet.update``, COPY, loaddata of a backup) calls ``registry_changed()``.
Only views that mark their response with ``public()`` are cached, and only responses that set no
cookie: the public pages carry no CSRF token and no per-visitor content.
"""

import functools
import hashlib
import secrets
import threading
from importlib import import_module
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.exceptions import SuspiciousOperation
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.utils.translation import get_language

from .models import RegistryGeneration

# The models some public page, feed, export or API answer reads, registered by their apps (the core knows
# none of them). Only their writes start a new generation: a participant's, an enrollment's or an audit-trail
# row's write changes no public page, so it leaves every cached page in place.
PUBLIC_MODELS = set()


def shown_publicly(*models):
    PUBLIC_MODELS.update(model._meta.concrete_model for model in models)


def changes_public_pages(model):
    """Whether a write to ``model`` may change a public page: a registered model, or the link table of a
    many-to-many field between two of them (``Program.themes``; not ``Institute.staff``, whose users no
    public page shows)."""
    model = model._meta.concrete_model
    if model in PUBLIC_MODELS:
        return True
    if model._meta.auto_created:
        return {field.related_model for field in model._meta.fields if field.is_relation} <= PUBLIC_MODELS
    return False


def public(response):
    """Marks a view's response as a public page, one that any anonymous visitor may be served."""
    response.public_page = True
    return response


# The generation as read during the current request: the page cache, the facet index and the figures kept
# with it all ask for it, and one small query per request answers them all.
_request = threading.local()


def generation():
    known = getattr(_request, "generation", None)
    if known is not None:
        return known
    value = RegistryGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0
    if getattr(_request, "active", False):
        _request.generation = value
    return value


def _request_started(**kwargs):
    _request.active, _request.generation = True, None


def _request_finished(**kwargs):
    _request.active, _request.generation = False, None


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
        if admitted(key, parts):
            cache.set(key, value, seconds)
    return value


def _new_generation():
    RegistryGeneration.objects.update_or_create(pk=1, defaults={"value": secrets.randbits(62)})
    _request.generation = None


# Called at every write to the registry in this process, before it commits: what a worker keeps per
# generation in its own memory (the facet index) is dropped, since a test's writes never commit.
WRITE_LISTENERS = []


def on_write(callback):
    WRITE_LISTENERS.append(callback)


def registry_changed():
    """Starts a new generation once the current transaction commits (at once outside a transaction);
    several writes in one transaction start one."""
    _request.generation = None  # read it again
    for callback in WRITE_LISTENERS:
        callback()
    # Callbacks of a rolled-back transaction are dropped with it, so look in the pending list itself.
    if any(callback is _new_generation for _sids, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_new_generation)


def _on_write(sender, **kwargs):
    if changes_public_pages(sender):
        registry_changed()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_write, dispatch_uid=f"pagecache-{id(signal)}")
    request_started.connect(_request_started, dispatch_uid="pagecache-request-started")
    request_finished.connect(_request_finished, dispatch_uid="pagecache-request-finished")


class PublicPageCacheMiddleware:
    """Answers a repeated anonymous GET of a public page from the cache, and sets its HTTP caching headers.

    Sits before the session, CSRF and locale middleware, so that a hit costs one small query (the
    generation) and a cache read; the stored response already carries the headers those add.

    - The key (and the ``ETag``) holds the generation, the code's version, the scheme, host and path, and
      only the query parameters the view reads (``cache_parameters`` on the view; else every parameter an
      app registered), sorted: ``?year=2017&x=1`` is served the entry of ``?year=2017``, and a request with
      a parameter the view does not read is never stored, so unknown parameters create no entry.
    - A page with a query string is stored from its ``PAGE_CACHE_ADMIT_AFTER``-th request on (counted across
      workers): one-off URLs (a random search) never push the pages people share out of the cache.
    - A session cookie bypasses the cache only when it names a live, non-empty session; a made-up one does not.
    - While the page cache is on, anonymous public 200 answers carry a strong ``ETag`` and
      ``Cache-Control: public, max-age=…, stale-while-revalidate=…``; ``If-None-Match`` with the current
      ETag answers 304 before the view runs.
      Signed-in visitors' answers get ``Cache-Control: private, no-store``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if signed_in(request):
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_store=True)
            return response
        seconds = settings.PAGE_CACHE_SECONDS
        names = view_parameters(request) if seconds else None
        if names is None:  # the cache is off, or no view answers this path (a 404 or a redirect)
            return self.get_response(request)
        try:
            query = canonical_query(request, names)
            etag = page_etag(request, query)
        except (DatabaseError, SuspiciousOperation):  # the view answers 503, or 400 (too many parameters)
            return self.get_response(request)
        key = f"page:{etag.strip(chr(34))}"
        response = cache.get(key)
        # Weak comparison, as RFC 9110 has it for If-None-Match: the gzip middleware outside marks the tag of
        # a compressed answer weak (W/"…"), and that is what browsers send back.
        if etag in {tag.removeprefix("W/") for tag in parse_etags(request.headers.get("if-none-match", ""))}:
            return not_modified(etag, response)
        if response is None:
            response = self.get_response(request)
            if not set(request.GET) <= set(names):
                return response  # its links carry the unknown parameters: neither stored nor tagged
            if request.method == "GET" and self.storable(response) and admitted(key, query):
                cache_headers(response, etag)
                cache.set(key, response, seconds)
        if getattr(response, "public_page", False) and response.status_code == 200 and not response.cookies:
            cache_headers(response, etag)  # never "public" on an answer that sets a cookie
        return response

    @staticmethod
    def key(request):
        """The cache key of a request's page (None for a path no view answers)."""
        names = view_parameters(request)
        if names is None:
            return None
        return "page:" + page_etag(request, canonical_query(request, names)).strip('"')

    @staticmethod
    def storable(response):
        return (
            getattr(response, "public_page", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and len(response.content) <= settings.PAGE_CACHE_MAX_ENTRY_BYTES
        )


# Query parameters the apps' public views read, registered by those apps (the core knows none of them).
QUERY_PARAMETERS = set()


def register_query_parameters(*names):
    QUERY_PARAMETERS.update(names)


def view_parameters(request):
    """The query parameters the view of ``request.path_info`` reads, or None when no view answers it.

    Resolved in the language of the path's prefix, since ``i18n_patterns`` match only the active one."""
    path = request.path_info
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    view = getattr(match.func, "view_class", None) or getattr(match.func, "cls", None) or match.func
    names = getattr(view, "cache_parameters", None)
    return QUERY_PARAMETERS if names is None else frozenset(names)


def canonical_query(request, names):
    """The query string with only ``names``, sorted by name (repeated values keep their order)."""
    return urlencode(
        [(name, value) for name in sorted(set(request.GET) & set(names)) for value in request.GET.getlist(name)]
    )


def page_etag(request, query):
    url = f"{request.scheme}://{request.META.get('HTTP_HOST', '')}{request.path}?{query}"
    digest = hashlib.sha256(f"{generation()}:{code_version()}:{url}".encode()).hexdigest()[:40]
    return f'"{digest}"'


def cache_headers(response, etag):
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=settings.HTTP_CACHE_MAX_AGE,
        stale_while_revalidate=settings.HTTP_CACHE_STALE_WHILE_REVALIDATE,
    )


def not_modified(etag, stored=None):
    """304 with the headers a 200 would carry that matter to a cache: ETag, Cache-Control, and the stored
    page's Vary when there is one."""
    response = HttpResponseNotModified()
    if stored is not None and stored.has_header("Vary"):
        response["Vary"] = stored["Vary"]
    cache_headers(response, etag)
    return response


def signed_in(request):
    """Whether the request's session cookie names a live session with something in it (a signed-in user).

    Looked up only while the page cache is on (one query); with it off any session cookie counts, so
    that pages cost no query more."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    if not settings.PAGE_CACHE_SECONDS:
        return True
    try:
        return bool(import_module(settings.SESSION_ENGINE).SessionStore(session_key).load())
    except DatabaseError:
        return True  # the view answers 503 on its own


def admitted(key, query):
    """Whether a page may be stored: at once without a query string, else from its
    ``PAGE_CACHE_ADMIT_AFTER``-th request on, counted in the "shared" cache so that the requests every
    worker and app server saw add up (each worker counting alone, N workers needed N times as many). A
    count stops being written once it reaches the threshold; it expires with the page."""
    needed = settings.PAGE_CACHE_ADMIT_AFTER
    if not query or needed <= 1:
        return True
    shared, seen_key = caches["shared"], f"admit:{key}"
    try:
        seen = (shared.get(seen_key) or 0) + 1
        if seen <= needed:
            shared.set(seen_key, seen, settings.PAGE_CACHE_SECONDS)
    except DatabaseError:  # the database cache, and the database is failing: keep nothing
        return False
    return seen >= needed


@functools.cache
def code_version():
    """A digest of the code, templates, translations and static files: a deploy that changes what a page
    looks like changes its ETag even while the registry's generation stays the same."""
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    folders = ("exchange_portal", "programs", "cities", "participants", "templates", "static")
    for folder in folders:
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".html", ".mo", ".css", ".js", ".svg", ".json"}:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class PublicPage:
    """What every public page's view shares: its responses may be kept in the anonymous page cache.

    ``cache_parameters`` names the query parameters the view reads (its cache key and ETag hold only
    those); None means every parameter the apps registered (``register_query_parameters``)."""

    cache_parameters = None

    def dispatch(self, request, *args, **kwargs):
        return public(super().dispatch(request, *args, **kwargs))
