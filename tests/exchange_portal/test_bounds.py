"""Bounded work per request: the text search is capped in characters and words (SEARCH_MAX_LENGTH,
SEARCH_MAX_WORDS), PostgreSQL cancels a web request's statement after DATABASE_STATEMENT_TIMEOUT, and a
query the database cancelled or refused as too large answers 400 "too expensive", never the outage 503."""

import json
import subprocess
import sys
import time

import pytest
from django.db import connection

from tests.production.production_env import BASE_DIR, production_environment, run_code

TWO_THOUSAND_WORDS = " ".join("abcdefghijklmnopqrstuvwxyz"[i % 26] for i in range(2000))
ELEVEN_WORDS = "water management training program for city officials in seoul and busan"
TOO_EXPENSIVE = "This request was too expensive to answer."
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement_timeout")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's expression depth limit")


def timed_get(client, url, **params):
    started = time.perf_counter()
    response = client.get(url, params)
    return response, time.perf_counter() - started


def test_a_two_thousand_word_search_is_named_as_invalid_at_once(client, registry):
    client.get("/programs/")  # templates compiled, URL patterns loaded
    response, seconds = timed_get(client, "/programs/", q=TWO_THOUSAND_WORDS)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Search for at most 200 characters (this search has 3999)." in body
    assert 'class="program-item"' not in body  # an invalid selection selects nothing
    assert seconds < 1.0


def test_a_search_over_the_word_limit_is_named_as_invalid(client, registry):
    body = client.get("/programs/", {"q": ELEVEN_WORDS}).content.decode()
    assert "Search for at most 10 words (this search has 11)." in body
    assert 'class="program-item"' not in body


def test_a_search_over_the_length_limit_is_named_as_invalid(client, registry):
    body = client.get("/programs/", {"q": "water" * 41}).content.decode()
    assert "Search for at most 200 characters (this search has 205)." in body


def test_the_api_answers_400_naming_the_limit(client, registry):
    client.get("/api/v1/programs/")
    response, seconds = timed_get(client, "/api/v1/programs/", q=TWO_THOUSAND_WORDS)
    assert response.status_code == 400
    assert response.json() == {"q": ["Search for at most 200 characters (this search has 3999)."]}
    assert seconds < 1.0
    words = client.get("/api/v1/programs/", {"q": ELEVEN_WORDS})
    assert words.status_code == 400 and words.json() == {"q": ["Search for at most 10 words (this search has 11)."]}


def test_the_limits_are_settings_read_at_each_request(client, registry, settings):
    settings.SEARCH_MAX_WORDS = 2
    assert client.get("/api/v1/programs/", {"q": "water management"}).status_code == 200
    refused = client.get("/api/v1/programs/", {"q": "water resources management"})
    assert refused.status_code == 400 and "at most 2 words" in refused.json()["q"][0]
    settings.SEARCH_MAX_LENGTH = 4
    assert client.get("/api/v1/programs/", {"q": "water"}).status_code == 400


def test_a_search_within_the_limits_still_finds_programs(client, registry):
    found = client.get("/api/v1/programs/", {"q": "water management"}).json()
    assert found["count"] > 0


@sqlite_only
def test_without_the_cap_sqlite_refuses_the_query_and_the_answer_is_too_expensive_not_an_outage(
    client, registry, settings
):
    settings.SEARCH_MAX_WORDS = settings.SEARCH_MAX_LENGTH = 0
    client.raise_request_exception = False
    page = client.get("/programs/", {"q": TWO_THOUSAND_WORDS})
    assert page.status_code == 400
    assert TOO_EXPENSIVE in page.content.decode() and "Retry-After" not in page
    api = client.get("/api/v1/programs/", {"q": TWO_THOUSAND_WORDS})
    assert api.status_code == 400 and api.json()["detail"].startswith(TOO_EXPENSIVE)
    assert client.get("/healthz").status_code == 200


@postgresql_only
def test_web_requests_run_under_the_statement_timeout(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "5s"


@postgresql_only
def test_queries_are_not_jit_compiled(db):
    # A long search's JIT cost more than the search (settings.py).
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@postgresql_only
@pytest.mark.django_db(transaction=True)  # autocommit, as web requests run: a cancel aborts no outer transaction
def test_a_cancelled_query_answers_too_expensive_not_an_outage(client, registry, settings):
    settings.SEARCH_MAX_WORDS = settings.SEARCH_MAX_LENGTH = 0
    client.raise_request_exception = False
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 50")  # milliseconds; the test client shares this connection
    try:
        page = client.get("/programs/", {"q": TWO_THOUSAND_WORDS})
        api = client.get("/api/v1/programs/", {"q": TWO_THOUSAND_WORDS})
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
    assert page.status_code == 400 and TOO_EXPENSIVE in page.content.decode() and "Retry-After" not in page
    assert api.status_code == 400 and api.json()["detail"].startswith(TOO_EXPENSIVE)
    # Not fast: Django still builds the 12,000 conditions in Python (seconds); hence the cap above.
    assert client.get("/healthz").status_code == 200


POSTGRES_URL = "postgres://portal:secret@db.invalid:5432/portal"
SHOW_OPTIONS = """
from django.conf import settings as s
print(json.dumps(s.DATABASES["default"].get("OPTIONS", {})))
"""


def test_the_statement_timeout_is_a_connection_option_with_a_default_of_five_seconds(tmp_path):
    environment = production_environment(tmp_path, DATABASE_URL=POSTGRES_URL)
    assert run_code(SHOW_OPTIONS, environment)["options"] == "-c jit=off -c statement_timeout=5000"
    environment["DATABASE_STATEMENT_TIMEOUT"] = "2.5"
    assert run_code(SHOW_OPTIONS, environment)["options"] == "-c jit=off -c statement_timeout=2500"
    environment["DATABASE_STATEMENT_TIMEOUT"] = "0"
    assert run_code(SHOW_OPTIONS, environment)["options"] == "-c jit=off"


def test_management_commands_run_without_the_statement_timeout(tmp_path):
    environment = production_environment(tmp_path, DATABASE_URL=POSTGRES_URL)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW_OPTIONS.replace("json.dumps", "__import__('json').dumps")],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["options"] == "-c jit=off"
