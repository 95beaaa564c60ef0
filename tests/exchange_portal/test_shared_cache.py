"""The "shared" cache without Redis: a table in the database every worker reads, from which expired rows
(the API throttle's, which name client addresses) are deleted within a minute rather than when it is full.
The login lockout needs no cache: django-axes counts failures in the database."""

import datetime

import pytest
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from exchange_portal.shared_cache import SharedDatabaseCache


def rows(settings):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {settings.SHARED_CACHE_TABLE} ORDER BY cache_key")
        return [key for (key,) in cursor.fetchall()]


def test_without_redis_the_shared_cache_is_the_database(settings):
    assert type(caches["shared"]) is SharedDatabaseCache
    assert caches["shared"]._table == settings.SHARED_CACHE_TABLE


def test_the_login_lockout_counts_in_the_database_every_worker_shares():
    # django-axes' default handler; its cache handler would count per worker without Redis.
    assert type(AxesProxyHandler.get_implementation(force=True)) is AxesDatabaseHandler


@pytest.mark.django_db
def test_an_expired_row_is_deleted_at_a_later_write(settings):
    backend = SharedDatabaseCache(settings.SHARED_CACHE_TABLE, {"OPTIONS": {"PURGE_SECONDS": 0}})
    backend.set("throttle_api_198.51.100.7", [1.0], 60)
    backend.set("throttle_api_198.51.100.8", [1.0], 60)
    past = connection.ops.adapt_datetimefield_value(timezone.now() - datetime.timedelta(minutes=5))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {settings.SHARED_CACHE_TABLE} SET expires = %s WHERE cache_key = %s",
            [past, ":1:throttle_api_198.51.100.7"],
        )
    assert rows(settings) == [":1:throttle_api_198.51.100.7", ":1:throttle_api_198.51.100.8"]
    backend.set("admit:page:x", 1, 60)
    assert rows(settings) == [":1:admit:page:x", ":1:throttle_api_198.51.100.8"]


@pytest.mark.django_db
def test_between_purges_a_write_deletes_nothing(settings):
    backend = SharedDatabaseCache(settings.SHARED_CACHE_TABLE, {"OPTIONS": {"PURGE_SECONDS": 3600}})
    backend.set("first", 1, 60)  # the first write purges
    backend.set("gone", 1, 0)  # expires at once; stays until the next purge (or a read of it)
    backend.set("second", 1, 60)
    assert rows(settings) == [":1:first", ":1:gone", ":1:second"]


# A pair, in this order: the flush after a transactional test leaves the cache table alone, so
# tests/conftest.py empties it, or one test's throttle counts would reach the next.
@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_leaves_a_count():
    caches["shared"].set("throttle_api_203.0.113.9", [1.0], 60)
    assert caches["shared"].get("throttle_api_203.0.113.9") == [1.0]


@pytest.mark.django_db(transaction=True)
def test_the_next_test_does_not_see_it():
    assert caches["shared"].get("throttle_api_203.0.113.9") is None
