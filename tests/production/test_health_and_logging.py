"""/healthz/live, /healthz/ready (and /healthz, the same as ready), and the one-line-per-request log."""

import json
import logging
import shutil

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from exchange_portal import health
from exchange_portal.middleware import JsonFormatter

from .test_redis import RedisServer, free_port

POSTGRESQL = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL only")


@pytest.fixture(autouse=True)
def fresh_migration_check():
    """Each test starts as a new process would: the migrations not yet known to be applied."""
    health.forget_migrations()
    yield
    health.forget_migrations()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/healthz", "/healthz/ready"])
def test_ready_answers_200_with_each_check_ok_uncached_and_without_language_prefix(client, url):
    response = client.get(url)
    assert response.status_code == 200
    expected = ["database", "migrations"] + (["statement_timeout"] if connection.vendor == "postgresql" else [])
    assert response.json() == {"status": "ok", "failing": [], "degraded": [], "checks": dict.fromkeys(expected, "ok")}
    assert "no-store" in response.headers["Cache-Control"]
    assert "Set-Cookie" not in response.headers  # no session, no language cookie: the middleware was skipped
    assert client.get("/ko" + url).status_code == 404
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


@pytest.mark.django_db
def test_a_ready_instance_remembers_the_migrations_and_answers_with_one_query(client, django_assert_num_queries):
    assert client.get("/healthz/ready").status_code == 200
    with django_assert_num_queries(2 if connection.vendor == "postgresql" else 1):  # SELECT 1 (+ the settings)
        assert client.get("/healthz/ready").status_code == 200


@pytest.mark.django_db
def test_unapplied_migrations_answer_503_naming_them(client):
    latest = MigrationRecorder.Migration.objects.filter(app="programs").order_by("-applied", "-id").first()
    MigrationRecorder(connection).record_unapplied(latest.app, latest.name)
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    body = response.json()
    assert body["status"] == "fail" and body["failing"] == ["migrations"]
    assert f"programs.{latest.name}" in body["checks"]["migrations"]
    assert "manage.py migrate" in body["checks"]["migrations"]
    assert body["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_live_touches_nothing_and_answers_200(client, django_assert_num_queries):
    # With the database down too: tests/production/test_errors.py (a refused port, in production mode).
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200 and response.content == b"ok"
    assert "no-store" in response.headers["Cache-Control"]


MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.mark.django_db
def test_without_collectstatic_ready_answers_503_naming_static(client, settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = MANIFEST_STORAGE
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json()["failing"] == ["static"]
    assert "css/site.css" in response.json()["checks"]["static"]
    assert "collectstatic" in response.json()["checks"]["static"]


@pytest.mark.django_db
def test_with_the_manifest_and_its_file_static_is_ok_and_a_missing_file_is_named(client, settings, tmp_path):
    # The manifest collectstatic writes (ManifestFilesMixin.save_manifest's format), written by hand to stay fast.
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"paths": {"css/site.css": "css/site.0123456789ab.css"}, "version": "1.1", "hash": "x"})
    )
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = MANIFEST_STORAGE
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert "css/site.0123456789ab.css is missing" in response.json()["checks"]["static"]
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.0123456789ab.css").write_text("body {}")
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json()["checks"]["static"] == "ok"


@POSTGRESQL
@pytest.mark.django_db
def test_a_session_without_the_statement_timeout_answers_503_naming_it(client):
    # What PgBouncer does to the libpq options (ignore_startup_parameters = options): the session keeps the
    # server's defaults. The SET is undone with the test's transaction. Through a real PgBouncer:
    # tests/production/test_pgbouncer.py.
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
        cursor.execute("SET jit = on")
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["statement_timeout"]
    assert "statement_timeout is 0, not 5000ms" in body["checks"]["statement_timeout"]
    assert "jit is on, not off" in body["checks"]["statement_timeout"]


def redis_cache_at(url):
    return {"BACKEND": "exchange_portal.redis_cache.GuardedRedisCache", "LOCATION": url}


@pytest.mark.django_db
def test_redis_configured_but_down_is_named_and_leaves_the_instance_ready(client, settings):
    """Pages answer without Redis (the guarded cache), so a balancer must not take every instance out."""
    # Nothing listens on a port just freed: every connection is refused, as with a stopped Redis.
    settings.CACHES = {**settings.CACHES, "default": redis_cache_at(f"redis://127.0.0.1:{free_port()}/0")}
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["failing"], response.json()["degraded"]) == (
        "degraded",
        [],
        ["redis"],
    )
    assert response.json()["checks"]["redis"].startswith("unreachable")


@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed (.ci/run installs it)")
@pytest.mark.django_db
def test_redis_configured_and_up_is_ok(client, settings, tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    try:
        settings.CACHES = {**settings.CACHES, "default": redis_cache_at(server.url)}
        response = client.get("/healthz/ready")
        assert response.status_code == 200
        assert response.json()["checks"]["redis"] == "ok"
    finally:
        server.stop()


@pytest.mark.django_db
def test_each_request_logs_one_line_with_method_path_status_and_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger="exchange_portal.requests"):
        client.get("/healthz?token=secret")
        client.get("/no-such-page/")
    records = [record for record in caplog.records if record.name == "exchange_portal.requests"]
    assert [(r.http["method"], r.http["path"], r.http["status"]) for r in records] == [
        ("GET", "/healthz", 200),
        ("GET", "/no-such-page/", 404),
    ]
    line = JsonFormatter().format(records[0])
    assert "\n" not in line and "secret" not in line
    entry = json.loads(line)
    assert entry["logger"] == "exchange_portal.requests"
    assert entry["method"] == "GET" and entry["path"] == "/healthz" and entry["status"] == 200
    assert isinstance(entry["duration_ms"], float) and entry["duration_ms"] >= 0


def test_logging_is_configured_to_write_json_lines_to_stdout(settings):
    handler = settings.LOGGING["handlers"]["stdout"]
    assert handler["stream"] == "ext://sys.stdout"
    assert settings.LOGGING["formatters"][handler["formatter"]]["()"] == "exchange_portal.middleware.JsonFormatter"
    assert "stdout" in settings.LOGGING["loggers"]["exchange_portal"]["handlers"]
