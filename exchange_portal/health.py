"""Readiness checks for ``/healthz/ready``: can this process serve pages right now?

Each check returns ``None`` when it passes, or a short reason for operators (plain English, never
translated, never a secret). What they catch, each seen in a real deployment mistake:

- ``database``: the database answers a query (down, unreachable, wrong credentials);
- ``migrations``: every migration in the code is applied (a deploy that skipped ``migrate``: every page
  would fail). Once all are applied this process remembers it, so a ready instance reads no migration
  files again; migrations never become unapplied while the code runs;
- ``static``: in production the process's static manifest names ``css/site.css`` (``collectstatic`` not
  run, or run after the start: the storage reads its manifest once, so every page would answer 500);
- ``statement_timeout``: on PostgreSQL the session's ``statement_timeout`` is the configured limit and JIT
  is off (PgBouncer refuses or silently drops the libpq options, and then only a role setting applies;
  see ``manage.py setup_database_roles``);
- ``redis``: with ``REDIS_URL`` set, Redis answers a ping. Advisory (``ADVISORY_CHECKS``): pages still answer
  without it, so a Redis outage is reported as ``degraded`` and the instance stays ready.
"""

import redis
from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

# A file every page links: when the manifest lacks it, no page renders.
STATIC_SENTINEL = "css/site.css"
# The longest a ping to Redis may take before Redis counts as down (seconds).
REDIS_PING_TIMEOUT = 0.5

_migrations_applied = False

# Checks whose failure is reported but leaves the instance ready.
ADVISORY_CHECKS = frozenset({"redis"})
_redis_clients = {}


def database_problem(connection):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return f"unavailable ({error.__class__.__name__})"
    return None


def migrations_problem(connection):
    global _migrations_applied
    if _migrations_applied:
        return None
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        return f"{len(names)} unapplied: {shown} (run manage.py migrate)"
    _migrations_applied = True
    return None


def static_problem(storage):
    try:
        name = storage.stored_name(STATIC_SENTINEL)
    except ValueError:
        return f"the manifest has no {STATIC_SENTINEL} (run manage.py collectstatic, then restart)"
    if not storage.exists(name):
        return f"{name} is missing from STATIC_ROOT (run manage.py collectstatic, then restart)"
    return None


def statement_timeout_problem(connection):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('statement_timeout'), current_setting('jit'), "
            "(SELECT setting::bigint FROM pg_settings WHERE name = 'statement_timeout')"
        )
        timeout, jit, milliseconds = cursor.fetchone()
    expected = round(settings.DATABASE_STATEMENT_TIMEOUT * 1000)
    problems = []
    if milliseconds != expected:
        wanted = f"{expected}ms" if expected else "0 (none)"
        problems.append(f"statement_timeout is {timeout}, not {wanted}")
    if jit != "off":
        problems.append(f"jit is {jit}, not off")
    if problems:
        return "; ".join(problems) + " (behind PgBouncer: manage.py setup_database_roles)"
    return None


def redis_problem(url):
    # A client of its own: the cache's guard would answer "nothing cached" instead of the truth, and its
    # timeouts (0.5 s to connect, 1 s per command) are for pages.
    client = _redis_clients.get(url)
    if client is None:
        client = _redis_clients[url] = redis.Redis.from_url(
            url, socket_timeout=REDIS_PING_TIMEOUT, socket_connect_timeout=REDIS_PING_TIMEOUT
        )
    try:
        client.ping()
    except redis.RedisError as error:
        return f"unreachable ({error.__class__.__name__})"
    return None


def redis_url():
    cache = settings.CACHES["default"]
    return cache["LOCATION"] if cache["BACKEND"].endswith("RedisCache") else None


def readiness(alias=DEFAULT_DB_ALIAS):
    """``{check: None when it passes, else the reason}`` for the checks that apply here, in a fixed order.

    Checks that need the database are left out while it is unavailable (the database is what is wrong);
    ``statement_timeout`` applies to PostgreSQL, ``static`` to the manifest storage with DEBUG off,
    ``redis`` to a Redis cache.
    """
    connection = connections[alias]
    results = {"database": database_problem(connection)}
    if results["database"] is None:
        checks = [("migrations", migrations_problem)]
        if connection.vendor == "postgresql":
            checks.append(("statement_timeout", statement_timeout_problem))
        for name, check in checks:
            try:
                results[name] = check(connection)
            except DatabaseError as error:
                results[name] = f"could not be checked ({error.__class__.__name__})"
    storage = storages["staticfiles"]  # the instance pages use, with the manifest it read once
    if not settings.DEBUG and isinstance(storage, ManifestFilesMixin):
        results["static"] = static_problem(storage)
    if url := redis_url():
        results["redis"] = redis_problem(url)
    return results


def forget_migrations():
    """For tests: check the migrations again at the next call."""
    global _migrations_applied
    _migrations_applied = False
