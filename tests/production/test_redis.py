"""Redis as a real component: the page cache runs through a real ``redis-server`` (Debian's package)
started for these tests on a free loopback port; stopped mid-test, the site answers every page without
the cache (never a 500), sessions and sign-in keep working (they live in the database), and when Redis
comes back the pages are cached through it again (``exchange_portal/redis_cache.py``)."""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches

from exchange_portal.redis_cache import GuardedRedisCache
from tests.factories import ProgramFactory

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"

pytestmark = pytest.mark.skipif(
    not os.path.exists(REDIS_SERVER),
    reason="redis-server is not installed (apt-get install redis-server; .ci/run installs it)",
)

PAGES = ["/", "/programs/", "/stats/", "/programs/redis-2019/", "/api/v1/programs/", "/programs/export.csv"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A throwaway redis-server: no persistence, its files in ``directory``."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except Exception:  # not listening yet
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)

    def page_keys(self):
        return [key for key in self.client().keys("*") if b"page:" in key]


@pytest.fixture
def redis_cache(redis_server, settings):
    redis = {
        "BACKEND": "exchange_portal.redis_cache.GuardedRedisCache",
        "LOCATION": redis_server.url,
        "OPTIONS": {"retry_seconds": 0.5},
    }
    settings.CACHES = {"default": redis, "shared": redis}  # as settings.py has it with REDIS_URL
    settings.PAGE_CACHE_SECONDS = 600
    assert type(caches["default"]) is GuardedRedisCache
    yield redis_server


@pytest.fixture
def pages(db):
    ProgramFactory(slug="redis-2019", title="Redis program", year=2019)


def get_all(client):
    return {url: client.get(url).status_code for url in PAGES}


def test_pages_are_cached_in_redis_and_answer_200_while_it_is_down(client, redis_cache, pages):
    assert get_all(client) == dict.fromkeys(PAGES, 200)
    assert get_all(client) == dict.fromkeys(PAGES, 200)
    cached = redis_cache.page_keys()
    assert len(cached) >= 4, cached  # the pages (the export streams when large; here it is small)

    redis_cache.stop()
    started = time.monotonic()
    for _round in range(3):
        assert get_all(client) == dict.fromkeys(PAGES, 200)
    assert time.monotonic() - started < 20
    response = client.get("/programs/redis-2019/")
    assert response.status_code == 200 and b"Redis program" in response.content

    redis_cache.start()  # the same port, empty
    time.sleep(0.6)  # the backend's retry_seconds
    assert get_all(client) == dict.fromkeys(PAGES, 200)
    assert get_all(client) == dict.fromkeys(PAGES, 200)
    assert len(redis_cache.page_keys()) >= 4


def test_sign_in_and_sessions_work_while_redis_is_down(client, redis_cache, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password-1")
    assert user.pk
    redis_cache.stop()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": "a-long-test-password-1"}, follow=False
    )
    assert response.status_code == 302, response.content[:500]
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/programs/program/").status_code == 200
    redis_cache.start()
    time.sleep(0.6)
    assert client.get("/admin/").status_code == 200  # the same session, from the database


def test_the_cache_holds_nothing_while_redis_is_down_and_fails_fast(redis_cache):
    backend = GuardedRedisCache(redis_cache.url, {"OPTIONS": {"retry_seconds": 30}})
    backend.set("k", "v")
    assert backend.get("k") == "v"
    redis_cache.stop()
    assert backend.get("k", "default") == "default"
    started = time.monotonic()
    for _ in range(200):  # resting: no connection attempt per call
        assert backend.get("k") is None
        assert backend.set("k", "w") is None
        assert backend.add("n", 1) is False
        assert backend.get_many(["k"]) == {}
        assert backend.has_key("k") is False
    assert time.monotonic() - started < 1
    with pytest.raises(ValueError):
        backend.incr("n")
    assert backend.set_many({"a": 1}) == ["a"]


def test_a_redis_that_stops_answering_costs_one_timeout_per_interval_not_one_per_call(redis_cache):
    # A hung Redis (here SIGSTOP: the kernel still accepts connections, nothing answers) is why the guard
    # stays rather than django-redis's IGNORE_EXCEPTIONS, which waits SOCKET_TIMEOUT at every call: 2-6 s per
    # request with a 1 s timeout (README "Redis").
    backend = GuardedRedisCache(redis_cache.url, {"OPTIONS": {"retry_seconds": 30, "socket_timeout": 0.2}})
    backend.set("k", "v")
    redis_cache.process.send_signal(signal.SIGSTOP)
    try:
        assert backend.get("k", "default") == "default"  # the one wait, of socket_timeout
        started = time.monotonic()
        for _ in range(100):
            assert backend.get("k") is None
            assert backend.set("k", "w") is None
        assert time.monotonic() - started < 1  # 200 waits would take 40 s
    finally:
        redis_cache.process.send_signal(signal.SIGCONT)
