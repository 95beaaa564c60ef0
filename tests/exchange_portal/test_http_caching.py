"""HTTP caching of public pages, exports, feeds and API answers for anonymous visitors: a strong ETag from
the registry's generation and the page, ``Cache-Control: public, max-age=…, stale-while-revalidate=…``,
and ``If-None-Match`` answered 304 with one query; signed-in visitors get ``private, no-store``."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from exchange_portal import pagecache
from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the generation changes on commit, as in production

PUBLIC_URLS = [
    "/programs/",
    "/ko/programs/?year=2017",
    "/programs/water/",
    "/stats/",
    "/programs/export.csv?year=2017",
    "/programs/feed/",
    "/api/v1/programs/?year=2017",
]


@pytest.fixture(autouse=True)
def caching_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.HTTP_CACHE_MAX_AGE = 60
    settings.HTTP_CACHE_STALE_WHILE_REVALIDATE = 300
    cache.clear()
    ProgramFactory(slug="water", title="Water Management Training Program", year=2017)
    yield
    cache.clear()


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_answers_carry_a_strong_etag_and_public_cache_control(client, url):
    response = client.get(url)
    assert response.status_code == 200
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert cache_control(response) == {"public", "max-age=60", "stale-while-revalidate=300"}
    assert client.get(url)["ETag"] == etag  # the same page, the same tag (from the cache or not)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_if_none_match_answers_304_with_one_query(client, url):
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response.content == b""
    assert response["ETag"] == etag and "public" in cache_control(response)
    assert len(queries) == 1  # the registry's generation
    assert client.get(url, HTTP_IF_NONE_MATCH='"another"').status_code == 200


def test_head_answers_the_same_headers(client):
    get = client.get("/programs/")
    head = client.head("/programs/")
    assert head.status_code == 200 and head["ETag"] == get["ETag"]
    assert client.head("/programs/", HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304


def test_the_etag_differs_by_page_language_and_query_and_changes_with_the_registry(client):
    tags = {url: client.get(url)["ETag"] for url in ("/programs/", "/ko/programs/", "/programs/?year=2017")}
    assert len(set(tags.values())) == 3
    client.get("/programs/?year=2017")  # the second request of a page with a query string stores it
    # Unknown parameters are served the stored page of the parameters the view reads, with its tag.
    assert client.get("/programs/?utm_source=x&year=2017")["ETag"] == tags["/programs/?year=2017"]

    ProgramFactory(slug="energy", title="Energy Training Program")  # a write: a new generation
    response = client.get("/programs/", HTTP_IF_NONE_MATCH=tags["/programs/"])
    assert response.status_code == 200 and response["ETag"] != tags["/programs/"]
    assert "Energy Training Program" in response.content.decode()


def test_signed_in_visitors_get_private_no_store_and_no_etag(client, django_user_model):
    anonymous_etag = client.get("/programs/")["ETag"]
    client.force_login(django_user_model.objects.create_user("editor", password="pw-for-tests-1"))
    response = client.get("/programs/", HTTP_IF_NONE_MATCH=anonymous_etag)
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)
    assert "ETag" not in response


@pytest.mark.parametrize("url", ["/programs/missing/", "/admin/login/", "/healthz", "/api/v1/programs/?year=abc"])
def test_errors_and_private_pages_carry_no_public_cache_control(client, url):
    response = client.get(url)
    assert "public" not in cache_control(response) and "ETag" not in response


def test_a_304_carries_the_vary_header_of_the_stored_page(client):
    first = client.get("/programs/")
    stored = cache.get(pagecache.PublicPageCacheMiddleware.key(RequestFactory().get("/programs/")))
    assert "Accept-Language" in stored["Vary"]
    response = client.get("/programs/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 304 and response["Vary"] == stored["Vary"]


def test_a_compressed_answer_is_revalidated_with_its_weak_tag(client):
    compressed = client.get("/programs/", HTTP_ACCEPT_ENCODING="gzip")
    if compressed.get("Content-Encoding") == "gzip":  # the gzip middleware weakens the tag of what it compresses
        assert compressed["ETag"].startswith('W/"')
    response = client.get("/programs/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"])
    assert response.status_code == 304
