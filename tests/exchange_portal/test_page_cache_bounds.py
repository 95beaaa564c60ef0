"""The page cache under abuse: its key holds only the parameters the view reads, in canonical order (unknown
parameters create no entry), one-off URLs are not stored, the local-memory cache is bounded in entries and
bytes per worker, and a cookie that names no session does not bypass the cache."""

import secrets

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from exchange_portal import pagecache
from exchange_portal.bounded_cache import BoundedLocMemCache
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_ADMIT_AFTER = 2
    cache.clear()
    caches["shared"].clear()
    ProgramFactory(slug="water", title="Water Management Training Program", year=2017)
    yield
    cache.clear()
    caches["shared"].clear()


def page_entries():
    return [key for key in cache._cache if ":page:" in key]


def stored(url):
    return cache.get(pagecache.PublicPageCacheMiddleware.key(RequestFactory().get(url))) is not None


def queries_of(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def test_unknown_parameters_create_no_entry_and_are_served_the_known_page(client):
    client.get("/programs/")
    assert len(page_entries()) == 1
    for _ in range(50):
        response = client.get(f"/programs/?{secrets.token_hex(4)}={secrets.token_hex(4)}")
        assert response.status_code == 200
    assert len(page_entries()) == 1
    response, queries = queries_of(client, "/programs/?utm_source=mail")
    assert queries == 1 and response.content == client.get("/programs/").content


def test_parameters_in_any_order_share_one_entry(client):
    for _ in range(2):
        client.get("/programs/?year=2017&mode=onsite")
    assert len(page_entries()) == 1
    response, queries = queries_of(client, "/programs/?mode=onsite&year=2017")
    assert queries == 1 and response.status_code == 200
    assert len(page_entries()) == 1


def test_a_detail_page_ignores_every_parameter(client):
    client.get("/programs/water/")
    response, queries = queries_of(client, "/programs/water/?year=1999&page=7")
    assert queries == 1 and response.status_code == 200
    assert len(page_entries()) == 1


def test_a_page_with_a_query_string_is_stored_from_its_second_request(client):
    client.get("/programs/?year=2017")
    assert not stored("/programs/?year=2017")
    client.get("/programs/?year=2017")
    assert stored("/programs/?year=2017")
    _, queries = queries_of(client, "/programs/?year=2017")
    assert queries == 1


def test_the_admission_count_is_kept_in_the_database_every_worker_reads(client, settings):
    # Without Redis: a row of the "shared" cache's table, so that another worker's request counts as the second.
    url = "/programs/?year=2017"
    client.get(url)
    key = ":1:admit:" + pagecache.PublicPageCacheMiddleware.key(RequestFactory().get(url))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {settings.SHARED_CACHE_TABLE} WHERE cache_key = %s", [key])
        assert cursor.fetchall() == [(key,)]
    cache.clear()  # what another worker's memory holds of this page: nothing
    client.get(url)
    assert stored(url)


def test_a_flood_of_random_searches_leaves_the_cached_pages_cached(client):
    shared = ["/programs/", "/stats/", "/programs/water/"]
    for url in shared:
        client.get(url)
    for _ in range(330):
        assert client.get("/programs/", {"q": secrets.token_hex(3)}).status_code == 200
    assert all(stored(url) for url in shared)
    assert len(page_entries()) == len(shared)


def test_a_cookie_that_names_no_session_is_served_from_the_cache(client):
    first = client.get("/programs/")
    client.cookies["sessionid"] = "junk"
    response, queries = queries_of(client, "/programs/")
    assert response.content == first.content
    assert queries == 2  # the session looked up (none), the generation


def test_a_response_larger_than_the_entry_limit_is_not_stored(client, settings):
    settings.PAGE_CACHE_MAX_ENTRY_BYTES = 1000
    assert len(client.get("/programs/").content) > 1000
    assert not stored("/programs/")


def test_the_local_memory_cache_is_bounded_in_bytes_and_keeps_the_recently_used():
    bounded = BoundedLocMemCache("bounds-test", {"OPTIONS": {"MAX_ENTRIES": 1000, "MAX_BYTES": 20_000}})
    bounded.clear()
    bounded.set("hot", b"h" * 1000)
    for number in range(100):
        bounded.set(f"cold-{number}", b"c" * 1000)
        bounded.get("hot")  # read all along, as a popular page is
    assert bounded.total_bytes <= 20_000
    assert bounded.get("hot") == b"h" * 1000
    assert bounded.get("cold-0") is None and bounded.get("cold-99") is not None
    bounded.set("huge", b"x" * 30_000)  # larger than the whole budget: not kept
    assert bounded.get("huge") is None and bounded.get("hot") is not None


def test_without_redis_the_default_cache_is_bounded(settings):
    assert settings.CACHES["default"] == {
        "BACKEND": "exchange_portal.bounded_cache.BoundedLocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 1000, "MAX_BYTES": 64 * 1024 * 1024},
    }
    assert isinstance(caches["default"], BoundedLocMemCache)
