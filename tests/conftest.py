"""Shared test set-up: the suite runs on SQLite by default and on PostgreSQL when DATABASE_URL points
at one (``make test`` does both; see .ci/with-postgres)."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.utils import translation

from tests.production.test_redis import RedisServer


@pytest.fixture(autouse=True)
def english():
    """Every test starts in English, whatever language an earlier test's request left active
    (modeltranslation stores a created record's text in the active language's field)."""
    with translation.override("en"):
        yield


@pytest.fixture
def registry(db):
    """The shipped fixture, loaded as `make run` loads it."""
    call_command("loaddata", "registry", verbosity=0)


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw-for-tests-1")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Tests see every page rendered afresh; tests/exchange_portal/test_page_cache.py turns the cache on."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """Each test's registry is rolled back at its end without a write signal, so no worker's facet index
    (programs/selectors/index.py) outlives the test that built it."""
    from programs.selectors import index  # noqa: PLC0415  (after Django is set up)

    index.forget()
    yield
    index.forget()


@pytest.fixture(autouse=True)
def erasure_log(settings, tmp_path_factory):
    """Each test's erasures write their erasure-log objects (participants/erasure_log.py) to a folder of
    its own, not to the project's erasure-log/."""
    location = tmp_path_factory.mktemp("erasure-log")
    settings.STORAGES = {
        **settings.STORAGES,
        "erasure_log": {**settings.STORAGES["erasure_log"], "OPTIONS": {"location": str(location)}},
    }
    return location


@pytest.fixture(autouse=True)
def shared_cache_emptied(request, django_db_blocker):
    """The "shared" cache (throttle counts, admission counts) is a table that the flush after a transactional
    test leaves alone (it is no model's), so one test's counts would reach the next; other tests' rows go
    with their transaction."""
    yield
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if transactional:
        with django_db_blocker.unblock():
            caches["shared"].clear()


@pytest.fixture
def redis_server(tmp_path):
    """A real, throwaway redis-server (tests/production/test_redis.py), stopped after the test."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()
