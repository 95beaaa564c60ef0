"""/healthz and the one-line-per-request log."""

import json
import logging

import pytest
from django.db import OperationalError

from exchange_portal.middleware import JsonFormatter


@pytest.mark.django_db
def test_healthz_answers_ok_uncached_without_login_or_language_prefix(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response.headers["Cache-Control"]
    assert client.get("/ko/healthz").status_code == 404
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_healthz_answers_503_with_a_reason_when_the_query_fails(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    from django.db import connection

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable"
    assert response.headers["Retry-After"] == "5"


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
