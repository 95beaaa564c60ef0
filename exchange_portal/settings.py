"""Settings for the exchange portal, read from the environment.

Local defaults need no configuration: an SQLite file under ``var/`` and DEBUG on. Production sets
``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DEBUG=0``.
"""

import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development").strip().lower()
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'development' or 'production', not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"

DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-key-do-not-use-in-production"
DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1],testserver")

if PRODUCTION:
    # Refuse to start rather than run an insecure production server; the rules match check --deploy's.
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_ENV=production refuses DEBUG=1: unset DEBUG or set DEBUG=0.")
    if (
        len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 5
        or SECRET_KEY.startswith("django-insecure-")
        or SECRET_KEY == DEVELOPMENT_SECRET_KEY
    ):
        raise ImproperlyConfigured(
            "DJANGO_ENV=production needs SECRET_KEY: at least 50 characters, at least 5 different ones, not "
            "starting with 'django-insecure-'. Generate one with: python -c 'import secrets; "
            "print(secrets.token_urlsafe(64))'"
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ENV=production needs ALLOWED_HOSTS (comma-separated host names).")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",  # /sitemap.xml (programs/sitemaps.py)
    "django_filters",
    "rest_framework",  # the read-only open data API at /api/ (programs/api/)
    "drf_spectacular",  # its OpenAPI document
    "drf_spectacular_sidecar",  # Swagger UI's files, served from /static/ (no third-party host in the CSP)
    "corsheaders",  # CORS for GET on /api/ only
    "django_countries",
    "csp",
    "simple_history",
    "import_export",
    "axes",
    "exchange_portal",
    "cities",
    "programs",
    "participants",
]

MIDDLEWARE = [
    "exchange_portal.middleware.RequestLogMiddleware",  # outermost: times and logs every request
    "django.middleware.security.SecurityMiddleware",
    "exchange_portal.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "exchange_portal.middleware.HealthCheckMiddleware",  # /healthz…: none of the middleware below runs
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # outside the page cache: cached API answers get CORS headers too
    "exchange_portal.compression.PublicPageGZipMiddleware",  # gzip public pages only (BREACH): compression.py
    "exchange_portal.pagecache.PublicPageCacheMiddleware",  # before sessions: a hit needs none of the rest
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "exchange_portal.middleware.AdminLocaleMiddleware",  # the admin follows the cookie / Accept-Language
    "django.middleware.common.CommonMiddleware",
    "exchange_portal.bounds.TooExpensiveMiddleware",  # a cancelled query: 400 "too expensive", not the outage page
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout response
]

ROOT_URLCONF = "exchange_portal.urls"
WSGI_APPLICATION = "exchange_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "exchange_portal.context_processors.language_links",
            ],
        },
    },
]

# The embedded default is an SQLite file under var/; production passes DATABASE_URL.
DEFAULT_SQLITE_PATH = BASE_DIR / "var" / "portal.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# PostgreSQL cancels any statement of a web request that runs longer than this many seconds (0: no limit),
# so that one expensive request cannot hold a worker and a database backend; the page then answers 400
# "too expensive" (exchange_portal/bounds.py), not the outage page. A connection option, so it costs no
# query; manage.py sets it to 0 for management commands other than runserver (migrate, backups, imports
# and scale data may run for minutes).
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "5"))
# "pgbouncer": DATABASE_URL names a PgBouncer in transaction mode. It refuses the libpq options below, so
# the timeout and jit=off come from the role instead (`manage.py setup_database_roles`; /healthz/ready checks
# them), and server-side cursors (.iterator()) are off: one outlives the transaction that PgBouncer lends a
# server connection for. Django already turns psycopg's prepared statements off (prepare_threshold=None).
DATABASE_POOLER = os.environ.get("DATABASE_POOLER", "").strip().lower()
if DATABASE_POOLER not in {"", "pgbouncer"}:
    raise ImproperlyConfigured(f"DATABASE_POOLER must be empty or 'pgbouncer', not {DATABASE_POOLER!r}.")
if DATABASE_POOLER and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # No JIT compilation: it pays off for long analytical queries, not for a web page's. A search of seven
    # words builds an expression per word, language and column, and its JIT took 0.35 s of a 0.6 s query at
    # 50,000 programs (the page: 5.5 s with it, 1.0 s without), and on a busy machine pushed the same search
    # over the statement timeout in the test suite.
    connection_options = ["-c jit=off"]
    if DATABASE_STATEMENT_TIMEOUT > 0:
        connection_options.append(f"-c statement_timeout={round(DATABASE_STATEMENT_TIMEOUT * 1000)}")
    options["options"] = " ".join([options.get("options", ""), *connection_options]).strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    # Long-lived connections buy nothing on SQLite and keep the file locked in tests.
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ko", _("Korean")),
    ("zh-hant", _("Traditional Chinese")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),  # right to left: base.html sets dir from get_language_info()["bidi"]
    ("id", _("Indonesian")),
]
LOCALE_PATHS = [
    BASE_DIR / "exchange_portal" / "locale",  # the site's catalogues (makemessages writes here)
    # Country names in Indonesian, which django-countries lacks (generated from CLDR: see make_catalogue.py there).
    BASE_DIR / "exchange_portal" / "locale_countries",
]
# Thousands grouped by commas in every language (Django's zh_Hant formats print 2553, not 2,553).
FORMAT_MODULE_PATH = ["exchange_portal.formats"]
# Country names whose translations in django-countries lag the names officials use today (타이 for
# Thailand, 台灣 for Taiwan; Arabic spellings such as اندونيسيا, جواتيمالا): naming them here puts them in
# our catalogue, which takes precedence.
COUNTRIES_OVERRIDE = {
    "BD": _("Bangladesh"),
    "ET": _("Ethiopia"),
    "GT": _("Guatemala"),
    "HK": _("Hong Kong"),
    "ID": _("Indonesia"),
    "KR": _("South Korea"),
    "MN": _("Mongolia"),
    "PH": _("Philippines"),
    "TH": _("Thailand"),
    "TR": _("Türkiye"),
    "TW": _("Taiwan"),
}
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Production serves the hashed, compressed output of collectstatic with far-future caching
        # (whitenoise marks hashed names immutable); elsewhere files come straight from static/.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
    # The erasure log (participants/erasure_log.py): outside the database and its backups, and not under
    # var/ (which `make clean` deletes). Every app server must write the same one: in production point
    # ERASURE_LOG_LOCATION at a shared volume, or replace this entry with an object-storage backend.
    "erasure_log": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("ERASURE_LOG_LOCATION") or str(BASE_DIR / "erasure-log")},
    },
}
# Outside production whitenoise finds files through the finders on each request, as runserver does, so
# development and tests need no collectstatic (and STATIC_ROOT need not exist).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# Security headers on every response. Django's SecurityMiddleware sends X-Content-Type-Options,
# Referrer-Policy and Cross-Origin-Opener-Policy, XFrameOptionsMiddleware X-Frame-Options,
# exchange_portal.middleware the Permissions-Policy (and X-Frame-Options on static files), django-csp the
# Content-Security-Policy.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
# No 'unsafe-inline' anywhere: scripts and styles come from /static/ (or carry the request's nonce,
# {{ CSP_NONCE }} in templates); the Django admin needs nothing more (tests/production/test_headers.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz(/ready|/live)?$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # Behind a TLS-terminating proxy, name the header it sets (e.g. X-Forwarded-Proto) so that Django
    # sees the request as HTTPS; only when the proxy always sets or overwrites that header.
    if proxy_header := os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip():
        SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_header.upper().replace("-", "_"), "https")

# Two caches. "default" holds what any worker may rebuild (pages, facets): local memory per worker, or Redis
# shared by all when REDIS_URL is set. "shared" holds counts that must be the same in every worker and app
# server whatever the deployment (the API throttle, the page cache's admission counter): Redis when set,
# else a table in the database (created by `migrate`; see exchange_portal/apps.py). Sessions stay in the
# database, so any app server can answer any request.
SHARED_CACHE_TABLE = "portal_shared_cache"
if os.environ.get("REDIS_URL"):
    # Guarded: while Redis is unreachable the cache holds nothing instead of raising (never a 500);
    # after a failure a worker leaves Redis alone for REDIS_RETRY_SECONDS (exchange_portal/redis_cache.py).
    redis_cache = {
        "BACKEND": "exchange_portal.redis_cache.GuardedRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "OPTIONS": {"retry_seconds": float(os.environ.get("REDIS_RETRY_SECONDS", "5"))},
    }
    CACHES = {"default": redis_cache, "shared": redis_cache}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Few, small rows: one per client address of the last minute and per URL seen once. Expired rows go
        # every minute (exchange_portal/shared_cache.py); past MAX_ENTRIES the admission counter's keys
        # ("admit:") are culled first, as they sort before the throttle's ("throttle_").
        "shared": {
            "BACKEND": "exchange_portal.shared_cache.SharedDatabaseCache",
            "LOCATION": SHARED_CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
    }
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Anonymous visitors' public pages are served from the cache for this long unless the registry changes
# first (exchange_portal/pagecache.py); 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# The list's facets and /stats/ count from an in-memory index of the registry, built once per generation in
# each worker (programs/selectors/index.py); 0 counts every figure in SQL instead.
FACET_INDEX = os.environ.get("FACET_INDEX", "1") != "0"
# The most programs one download of the list holds (programs/exports.py); a larger selection is refused
# with a message naming this limit. 0: no limit.
EXPORT_MAX_ROWS = int(os.environ.get("EXPORT_MAX_ROWS", "100000"))
# The same for the .xlsx, which takes openpyxl several times as long per row as CSV (50,000 rows: 28 s against
# 3.4 s on the busy 2-core development machine); a larger selection is pointed to CSV or JSON.
EXPORT_XLSX_MAX_ROWS = int(os.environ.get("EXPORT_XLSX_MAX_ROWS", "10000"))
# Downloads of more than 2,000 programs are kept in this folder per registry generation (one copy per app
# server), at most EXPORT_CACHE_FILES of them; older generations' files are removed as new ones are written.
EXPORT_CACHE_DIR = os.environ.get("EXPORT_CACHE_DIR", str(BASE_DIR / "var" / "exports"))
EXPORT_CACHE_FILES = int(os.environ.get("EXPORT_CACHE_FILES", "50"))
# A page with a query string (a selection, a search) is kept from its Nth request in a worker on, so that
# one-off URLs never push shared pages out of the cache; 1 keeps every page at its first request.
PAGE_CACHE_ADMIT_AFTER = int(os.environ.get("PAGE_CACHE_ADMIT_AFTER", "2"))
# Bounds of the page cache (exchange_portal/pagecache.py): the largest response it keeps, and how many
# entries and bytes the local-memory cache holds per worker (exchange_portal/bounded_cache.py; Redis bounds
# itself by its maxmemory).
PAGE_CACHE_MAX_ENTRY_BYTES = int(os.environ.get("PAGE_CACHE_MAX_ENTRY_BYTES", str(1024 * 1024)))
CACHE_MAX_ENTRIES = int(os.environ.get("CACHE_MAX_ENTRIES", "1000"))
CACHE_MAX_BYTES = int(os.environ.get("CACHE_MAX_BYTES", str(64 * 1024 * 1024)))
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
    CACHES["default"] = {
        "BACKEND": "exchange_portal.bounded_cache.BoundedLocMemCache",
        "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES, "MAX_BYTES": CACHE_MAX_BYTES},
    }
# HTTP caching of public pages, exports and API answers for anonymous visitors: browsers and CDNs may
# reuse one for HTTP_CACHE_MAX_AGE seconds, and serve it while revalidating for
# HTTP_CACHE_STALE_WHILE_REVALIDATE more; a revalidation with the ETag costs one query and answers 304.
HTTP_CACHE_MAX_AGE = int(os.environ.get("HTTP_CACHE_MAX_AGE", "60"))
HTTP_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("HTTP_CACHE_STALE_WHILE_REVALIDATE", "300"))
# The text search `q` of the program list, the exports and the API: at most this many characters and words.
SEARCH_MAX_LENGTH = int(os.environ.get("SEARCH_MAX_LENGTH", "200"))
SEARCH_MAX_WORDS = int(os.environ.get("SEARCH_MAX_WORDS", "10"))

# Participants' personal data (participants/services/privacy.py): kept until the end of their latest
# program's year plus this many years, then anonymised by `manage.py purge_expired_participants`.
PARTICIPANT_RETENTION_YEARS = int(os.environ.get("PARTICIPANT_RETENTION_YEARS", "5"))
# Every erasure is also appended here (ids and times only), outside the database and its backups, so
# that `manage.py reapply_erasures` can replay it after an older backup is restored. Empty: not kept.
# The erasure log that reapply_erasures replays after a restore (participants/erasure_log.py): one object
# per erasure in STORAGES["erasure_log"] (above).

# One line per request on stdout (exchange_portal.middleware.RequestLogMiddleware), as JSON.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "exchange_portal.middleware.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "loggers": {
        "exchange_portal": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# The published table and the other documents the registry starts from.
SOURCES_DIR = BASE_DIR / "fixtures" / "sources"

LOGIN_URL = "admin:login"

# Staff admin (issue 4). django-axes: after AXES_FAILURE_LIMIT failed logins for one user name from
# one address, that pair is locked out for AXES_COOLOFF_TIME hours; attempts are stored and logged.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Behind load balancers the client's address is in X-Forwarded-For; TRUSTED_PROXY_COUNT says how many
# proxies append to it (exchange_portal/client_ip.py). 0, the default, trusts no header: REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "exchange_portal.client_ip.client_ip"
# django-import-export: every import runs in one transaction, rolled back on any invalid row.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# The two-step import keeps the uploaded file between preview and confirmation in the database, where every
# app server finds it, for IMPORT_PREVIEW_SECONDS at most (exchange_portal/import_previews.py).
IMPORT_EXPORT_TMP_STORAGE_CLASS = "exchange_portal.import_previews.ImportPreviewStorage"
IMPORT_PREVIEW_SECONDS = int(os.environ.get("IMPORT_PREVIEW_SECONDS", "3600"))
# The largest file an import takes (admin and import_participants), checked before it is read.
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
# What an .xlsx may expand to (any import), and the rows a file uploaded in the admin may have: both checked
# before a cell is parsed (exchange_portal/upload_checks.py); the admin's preview lists IMPORT_PREVIEW_ROWS.
IMPORT_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("IMPORT_MAX_UNCOMPRESSED_BYTES", str(100 * 1024 * 1024)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "10000"))
IMPORT_PREVIEW_ROWS = int(os.environ.get("IMPORT_PREVIEW_ROWS", "200"))

# The read-only open data API (programs/api/): anonymous, JSON only, its answers in the page cache. Each
# client address may make API_THROTTLE_RATE requests (e.g. "120/min"; empty: no limit), counted in the cache.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "120/min").strip()
if API_THROTTLE_RATE and not re.fullmatch(r"[0-9]+/(s|sec|second|m|min|minute|h|hour|d|day)", API_THROTTLE_RATE):
    raise ImproperlyConfigured(f"API_THROTTLE_RATE must look like 120/min (or be empty), not {API_THROTTLE_RATE!r}.")
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # ?format= is the programs' format filter, not a choice of renderer.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "International Training Registry API",
    "DESCRIPTION": (
        "Read-only open data: the international training programs for civil servants, their themes, host "
        "institutes, target cities, networks and agreements, and the statistics of /stats/. The program list "
        "takes the query parameters of /programs/. Anonymous, GET only, JSON, paged; throttled per client "
        "address (429 with Retry-After). Nothing about individual participants is served."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",  # 3.0 cannot say "null or a reference" (a program's agreement)
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No deep links: Swagger UI puts them inside the operation button, one control nested in another (axe).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "supportedSubmitMethods": ["get"], "tryItOutEnabled": True},
    "ENUM_NAME_OVERRIDES": {"DatePrecisionEnum": "exchange_portal.models.DatePrecision"},
    "TAGS": [
        {"name": "programs", "description": "The programs, with the query parameters of /programs/."},
        {"name": "stats", "description": "The figures of /stats/, with the same query parameters."},
        {"name": "themes", "description": "The themes programs are filed under."},
        {"name": "institutes", "description": "The institutes that host programs."},
        {"name": "cities", "description": "Cities programs were aimed at, and parties to agreements."},
        {"name": "networks", "description": "Networks that commissioned or co-organised programs."},
        {"name": "agreements", "description": "MOUs and other agreements, and the programs held under them."},
        {"name": "index", "description": "The URL of every list, of this document and of its documentation."},
    ],
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
