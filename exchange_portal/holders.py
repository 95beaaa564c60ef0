"""The personal-data holders of the core and of the third-party apps it installs: the admin log, change
proposals, history change reasons, sessions, django-axes' sign-in records, import previews and the
cache. Each finds the person by the names, emails and phones they have held (``Person.identifiers``); the
holders that know a participant's own rows live in ``participants/holders.py``. Registered by
``CoreConfig.ready`` (see ``exchange_portal/personal_data.py``)."""

import base64
import json
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import connections, router
from django.db.models import Q

from .import_previews import preview_text
from .models import ChangeProposal, ImportPreview
from .personal_data import Holder, export_rows, redact_rows, register

PROPOSAL_TEXT = ["values", "base_values", "reason", "review_note"]


@register
class AdminLogText(Holder):
    identifier = "admin-log-text"
    verbose_name = "Admin log, free text"
    erasure = (
        "any name, email or phone in any entry's `object_repr` or `change_message` (an inline's "
        "“Added enrollment …”) replaced by `[erased]`"
    )
    models = ("admin.LogEntry",)

    def rows(self, person):
        return export_rows(LogEntry, ["object_repr", "change_message"], person, shown=["action_time"])

    def erase(self, person):
        return redact_rows(LogEntry, ["object_repr", "change_message"], person)


@register
class ChangeProposalText(Holder):
    identifier = "change-proposals"
    verbose_name = "Change proposals"
    erasure = (
        "name, email and phone replaced by `[erased]` in the proposed and base values (JSON), the reason and "
        "the review note, in every version"
    )
    models = ("exchange_portal.ChangeProposal", "exchange_portal.HistoricalChangeProposal")

    def rows(self, person):
        return export_rows(ChangeProposal, PROPOSAL_TEXT, person)

    def erase(self, person):
        return redact_rows(ChangeProposal, PROPOSAL_TEXT, person) + redact_rows(
            ChangeProposal.history.model, PROPOSAL_TEXT, person
        )


def history_models():
    return [
        model for model in apps.get_models() if "history_change_reason" in {f.name for f in model._meta.concrete_fields}
    ]


@register
class HistoryChangeReasons(Holder):
    identifier = "history-change-reasons"
    verbose_name = "History change reasons"
    erasure = "name, email and phone replaced by `[erased]`"
    store = "`history_change_reason` of every history table"

    def rows(self, person):
        found = []
        for model in history_models():
            for row in export_rows(model, ["history_change_reason"], person, shown=["history_date"]):
                found.append({"table": model._meta.db_table, **row})
        return found

    def erase(self, person):
        return sum(redact_rows(model, ["history_change_reason"], person) for model in history_models())


def _session_engine():
    """The session store, when sessions live in the database (the only engine this project sets)."""
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        raise NotImplementedError(f"No holder for sessions kept by {settings.SESSION_ENGINE}")
    return import_module(settings.SESSION_ENGINE)


def _sessions_naming(person):
    """Sessions are stored encoded: decode each to see whether it names the person (a message left in
    the session, say)."""
    engine = _session_engine()
    for session in Session.objects.iterator():
        store = engine.SessionStore(session_key=session.session_key)
        text = json.dumps(store.decode(session.session_data), default=str, ensure_ascii=False)
        if person.named_in(text):
            yield session, store


@register
class Sessions(Holder):
    identifier = "sessions"
    verbose_name = "Sessions"
    erasure = "sessions whose decoded data names the person deleted"
    models = ("sessions.Session",)

    def rows(self, person):
        return [{"expires": session.expire_date} for session, _store in _sessions_naming(person)]

    def erase(self, person):
        deleted = 0
        for _session, store in list(_sessions_naming(person)):
            store.delete()
            deleted += 1
        return deleted


SIGN_IN_MODELS = (AccessAttempt, AccessLog, AccessFailureLog)


def _sign_ins(model, person):
    """django-axes' rows whose user name is one of the person's identifiers (staff type emails as user
    names), or whose recorded query or form data names them."""
    condition = Q(pk__in=[])
    for identifier in person.identifiers:
        condition |= Q(username__iexact=identifier)
        if model is AccessAttempt:
            condition |= Q(get_data__icontains=identifier) | Q(post_data__icontains=identifier)
    return model.objects.filter(condition)


@register
class SignInRecords(Holder):
    identifier = "sign-in-records"
    verbose_name = "Sign-in records (django-axes)"
    erasure = (
        "attempts, failures and sign-ins whose user name is the person's email or name, or whose recorded "
        "form data names them, deleted (with their addresses and browsers)"
    )
    models = ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog")

    def rows(self, person):
        return [
            {
                "table": model._meta.db_table,
                "username": row.username,
                "ip_address": row.ip_address,
                "user_agent": row.user_agent,
                "at": row.attempt_time,
            }
            for model in SIGN_IN_MODELS
            for row in _sign_ins(model, person).order_by("pk")
        ]

    def erase(self, person):
        return sum(_sign_ins(model, person).delete()[1].get(model._meta.label, 0) for model in SIGN_IN_MODELS)


def _previews_naming(person):
    for preview in ImportPreview.objects.order_by("pk").iterator():
        if person.named_in(preview_text(preview.data)):
            yield preview


@register
class ImportPreviews(Holder):
    identifier = "import-previews"
    verbose_name = "Import previews"
    erasure = (
        "files uploaded to an admin import and not yet confirmed (kept an hour at most) deleted when their "
        "content names the person; a later confirmation asks to upload again"
    )
    models = ("exchange_portal.ImportPreview",)

    def rows(self, person):
        return [{"uploaded_at": preview.created_at, "preview": preview.name} for preview in _previews_naming(person)]

    def erase(self, person):
        names = [preview.name for preview in _previews_naming(person)]
        return ImportPreview.objects.filter(name__in=names).delete()[0]


# The page cache's entries (exchange_portal/pagecache.py): public pages, rendered from public records only.
# Reading every cached page for every erased person would cost the whole cache each time.
PUBLIC_PAGE_KEYS = "page:"


def cache_entries(cache, *, pages=True):
    """(key, raw value) of every entry of a local-memory or Redis cache (without the public pages'
    unless ``pages``). A local-memory cache is this process's own: other workers' are out of reach."""
    public = cache.make_key(PUBLIC_PAGE_KEYS)
    if isinstance(cache, LocMemCache):
        with cache._lock:
            entries = list(cache._cache.items())
    elif isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=False)  # unreachable: raises, and the erasure with it
        keys = [
            key for key in client.scan_iter(match=cache.make_key("*")) if pages or not key.startswith(public.encode())
        ]
        return [(key, client.get(key)) for key in keys]
    elif isinstance(cache, DatabaseCache):  # the "shared" cache without Redis: its own table
        cursor, table = _cache_table(cache)
        with cursor:
            cursor.execute(f"SELECT cache_key, value FROM {table}")
            entries = [(key, base64.b64decode(value)) for key, value in cursor.fetchall()]
    else:
        raise NotImplementedError(f"No holder reads a {type(cache).__name__}")
    return [(key, raw) for key, raw in entries if pages or not key.startswith(public)]


def _cache_table(cache):
    """A cursor on a database cache's connection, and its table's quoted name."""
    connection = connections[router.db_for_write(cache.cache_model_class)]
    return connection.cursor(), connection.ops.quote_name(cache._table)


def _entries_naming(cache, person):
    for key, raw in cache_entries(cache, pages=False):
        if raw is not None and person.named_in(bytes(raw).decode("utf-8", errors="replace")):
            yield key


@register
class CacheEntries(Holder):
    """The cache holds public pages and counters, never personal data by design; this holder reads every
    entry but the public pages' and deletes any that names the person anyway."""

    identifier = "cache"
    verbose_name = "Cache"
    erasure = (
        "entries (other than public pages) whose stored value names the person deleted; by design the cache "
        "holds public pages and counters only"
    )
    store = "every alias of `CACHES`"

    def rows(self, person):
        return [
            {"cache": alias, "key": str(key)}
            for alias in settings.CACHES
            for key in _entries_naming(caches[alias], person)
        ]

    def erase(self, person):
        deleted = 0
        for alias in settings.CACHES:
            cache = caches[alias]
            for key in list(_entries_naming(cache, person)):
                if isinstance(cache, LocMemCache):
                    with cache._lock:
                        cache._delete(key)
                elif isinstance(cache, DatabaseCache):
                    cursor, table = _cache_table(cache)
                    with cursor:
                        cursor.execute(f"DELETE FROM {table} WHERE cache_key = %s", [key])
                else:
                    cache._cache.get_client(write=True).delete(key)
                deleted += 1
        return deleted
