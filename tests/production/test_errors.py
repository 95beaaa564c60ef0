"""Custom error pages (400, 403, 404, 500, and 503 while the database is unreachable)."""

import pytest
from django.template import loader
from django.test import Client
from django.utils import translation

from .production_env import production_environment, run_code


@pytest.fixture
def failing_client(settings):
    settings.ROOT_URLCONF = "tests.production.urls_errors"
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/no-such-page/", 404, "Page not found"),
        ("/ko/no-such-page/", 404, "Page not found"),
        ("/test-errors/403/", 403, "Access denied"),
        ("/test-errors/400/", 400, "Bad request"),
        ("/test-errors/500/", 500, "Server error"),
        ("/test-errors/503/", 503, "Temporarily unavailable"),
    ],
)
def test_error_pages_use_the_portal_layout(failing_client, url, status, heading):
    response = failing_client.get(url)
    assert response.status_code == status
    body = response.content.decode()
    with translation.override(response.headers["Content-Language"]):
        assert f"<h1>{translation.gettext(heading)}</h1>" in body
    assert 'class="site-header"' in body and "css/site.css" in body
    assert "Traceback" not in body and "a bug" not in body


@pytest.mark.django_db
def test_unreachable_database_answers_503_with_retry_after(failing_client):
    response = failing_client.get("/test-errors/503/")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"


@pytest.mark.django_db
def test_the_404_page_is_in_the_requested_language(failing_client):
    body = failing_client.get("/ko/no-such-page/").content.decode()
    assert '<html lang="ko" dir="ltr">' in body


def test_500_and_503_render_without_request_or_database():
    # No django_db mark: any query from these templates would raise here.
    for name, heading in (("500.html", "Server error"), ("503.html", "Temporarily unavailable")):
        with translation.override("en"):
            html = loader.get_template(name).render()
        assert f"<h1>{heading}</h1>" in html
        assert "csrfmiddlewaretoken" not in html  # the language form needs a request, so it is left out


def test_with_the_database_server_down_pages_answer_503_readiness_says_why_and_liveness_200(tmp_path):
    # Port 9 (discard) on loopback: nothing listens, so every connection is refused at once.
    environment = production_environment(tmp_path, DATABASE_URL="postgres://portal@127.0.0.1:9/portal")
    answers = run_code(
        """
collectstatic()
home = client.get("/", secure=True)
health = client.get("/healthz", secure=True)
live = client.get("/healthz/live")
print(json.dumps({"home": headers(home), "home_body": home.content.decode(),
                  "health": headers(health), "health_body": json.loads(health.content),
                  "live": headers(live), "live_body": live.content.decode()}))
""",
        environment,
    )
    assert answers["home"]["status"] == 503
    assert answers["home"]["retry-after"] == "5"
    assert "<h1>Temporarily unavailable</h1>" in answers["home_body"]
    assert answers["health"]["status"] == 503
    assert answers["health"]["retry-after"] == "5"
    assert answers["health_body"]["failing"] == ["database"]
    assert answers["health_body"]["checks"] == {"database": "unavailable (OperationalError)", "static": "ok"}
    # Liveness needs no database: the process is up, so an orchestrator must not restart it.
    assert answers["live"]["status"] == 200 and answers["live_body"] == "ok"
