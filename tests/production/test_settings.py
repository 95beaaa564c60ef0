"""Production mode (DJANGO_ENV=production): refuses insecure configurations, passes check --deploy."""

import pytest

from .production_env import production_environment, run, run_code


def test_check_deploy_reports_nothing_in_production_mode(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_environment(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DEBUG": "1"}, "DJANGO_ENV=production refuses DEBUG=1"),
        ({"SECRET_KEY": None}, "DJANGO_ENV=production needs SECRET_KEY"),
        ({"SECRET_KEY": "too-short-secret"}, "DJANGO_ENV=production needs SECRET_KEY"),
        ({"SECRET_KEY": "ab" * 40}, "DJANGO_ENV=production needs SECRET_KEY"),
        ({"SECRET_KEY": "django-insecure-" + "x1y2z3w4v5" * 6}, "DJANGO_ENV=production needs SECRET_KEY"),
        (
            {"SECRET_KEY": "django-insecure-local-development-key-do-not-use-in-production"},
            "DJANGO_ENV=production needs SECRET_KEY",
        ),
        ({"ALLOWED_HOSTS": None}, "DJANGO_ENV=production needs ALLOWED_HOSTS"),
        ({"DJANGO_ENV": "prod"}, "DJANGO_ENV must be 'development' or 'production', not 'prod'"),
    ],
    ids=["debug-on", "no-key", "short-key", "few-distinct", "insecure-prefix", "dev-key", "no-hosts", "typo"],
)
def test_production_mode_refuses_to_start_when_insecure(tmp_path, overrides, message):
    result = run(["manage.py", "check"], production_environment(tmp_path, **overrides))
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr


def test_production_cookies_are_secure_and_http_only(tmp_path):
    values = run_code(
        """
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in [
    "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY", "DEBUG"]}))
""",
        production_environment(tmp_path),
    )
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_HTTPONLY": True,
        "DEBUG": False,
    }


def test_production_redirects_to_https_and_sends_hsts(tmp_path):
    answers = run_code(
        """
collectstatic()  # production pages link the hashed files, which need the manifest
print(json.dumps({
    "plain": headers(client.get("/no-such-page/")),
    "secure": headers(client.get("/no-such-page/", secure=True)),
    "healthz": headers(client.get("/healthz")),
    "healthz_body": json.loads(client.get("/healthz/ready").content),
    "live": headers(client.get("/healthz/live")),
    "forwarded": headers(client.get("/no-such-page/", headers={"X-Forwarded-Proto": "https"})),
}))
""",
        production_environment(tmp_path),
    )
    assert answers["plain"]["status"] == 301
    assert answers["plain"]["location"] == "https://testserver/no-such-page/"
    assert answers["secure"]["status"] == 404
    assert answers["secure"]["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    # Load balancers probe over plain HTTP: answered, not redirected. This database was never migrated, so
    # readiness says so (the manifest is there: collectstatic ran).
    assert answers["healthz"]["status"] == 503
    assert answers["healthz_body"]["failing"] == ["migrations"]
    assert answers["healthz_body"]["checks"]["static"] == "ok"
    assert answers["live"]["status"] == 200
    # Without SECURE_PROXY_SSL_HEADER a client cannot claim HTTPS by sending the header itself.
    assert answers["forwarded"]["status"] == 301


def test_behind_a_proxy_the_forwarded_proto_header_counts_as_https(tmp_path):
    answers = run_code(
        """
collectstatic()
print(json.dumps({"forwarded": headers(client.get("/no-such-page/", headers={"X-Forwarded-Proto": "https"}))}))
""",
        production_environment(tmp_path, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto"),
    )
    assert answers["forwarded"]["status"] == 404
    assert "strict-transport-security" in answers["forwarded"]


def test_collectstatic_serves_hashed_compressed_files_with_far_future_caching(tmp_path):
    answers = run_code(
        """
from django.templatetags.static import static
collectstatic()
# The client loads the middleware on its first request, so whitenoise indexes the collected files.
url = static("css/site.css")
plain = client.get(url, secure=True)
gzipped = client.get(url, secure=True, headers={"Accept-Encoding": "gzip"})
print(json.dumps({"url": url, "plain": headers(plain), "gzip": headers(gzipped)}))
""",
        production_environment(tmp_path),
    )
    assert answers["url"].startswith("/static/css/site.") and answers["url"] != "/static/css/site.css"
    assert (tmp_path / "staticfiles" / "staticfiles.json").is_file()
    assert answers["plain"]["status"] == 200
    assert answers["plain"]["cache-control"] == "max-age=315360000, public, immutable"
    assert answers["gzip"]["content-encoding"] in {"gzip", "br"}


def test_redis_url_switches_the_cache_to_redis(tmp_path):
    values = run_code(
        """
import redis  # the backend's client library is installed
from django.conf import settings as s
from django.core.cache import caches
print(json.dumps({"backend": type(caches["default"]).__name__, "location": s.CACHES["default"]["LOCATION"],
                  "import_storage": s.IMPORT_EXPORT_TMP_STORAGE_CLASS}))
""",
        production_environment(tmp_path, REDIS_URL="redis://127.0.0.1:6379/1"),
    )
    assert values == {
        "backend": "GuardedRedisCache",
        "location": "redis://127.0.0.1:6379/1",
        "import_storage": "exchange_portal.import_previews.ImportPreviewStorage",  # the database, in every deployment
    }
