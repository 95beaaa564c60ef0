"""The portal's public pages against two peers over the same data, timed with wrk on 127.0.0.1 only.

    .venv/bin/python bench/compare.py               # full run: 50,000 programs, 1,000,000 participants (~20 min)
    .venv/bin/python bench/compare.py --quick       # small data and 2 s runs (about 4 min), for development
    .venv/bin/python bench/compare.py --skip-curve  # without the 10k -> 1M participants curve

It installs what it lacks (Debian's wrk; Datasette from bench/requirements.txt into var/bench-venv),
starts a throwaway PostgreSQL 15 (bench/load.py), migrates and fills it with
``generate_scale_data``, and serves the same data five ways: the portal with gunicorn in production mode
(2 workers) with its page cache and without it (``PAGE_CACHE_SECONDS=0``), the Django admin changelist
with ``_facets=True``, Datasette over an SQLite export with the same indexes, and a static ceiling
(the bytes of /programs/ returned by a one-line WSGI app under the same gunicorn). wrk drives each case
for a bounded time at 1 and 4 clients, cases interleaved, each at least twice. It also EXPLAINs every
query of the public pages (no Seq Scan on participants or enrollments allowed), measures the filtered
list from 10,000 to 1,000,000 participants, and reads the workers' memory after 10,000 requests. The open
data API's filtered list is timed beside Datasette's .json of the same filtered table, and every kind of
API page without the page cache.

It prints one table with the Targets of issues 5 and 13 as pass/fail lines and writes it to bench/results/
(Markdown and JSON, timestamped, plus latest.md; a --quick run writes *-quick files and latest-quick.md).
Everything it started is stopped at the end, also on failure or Ctrl-C. The exit status is 1 when a
check could not run, not when a target is missed.
"""

import argparse
import json
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlencode

from load import (
    ADMIN_USER,
    PG_BIN,
    PYTHON,
    Gunicorn,
    HttpClient,
    PostgreSQL,
    free_port,
    manage,
    production_environment,
    sign_in,
    wait_until_answering,
)

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_VENV = BASE_DIR / "var" / "bench-venv"
REQUIREMENTS = BASE_DIR / "bench" / "requirements.txt"
RESULTS = BASE_DIR / "bench" / "results"
WORKERS = 2
PROXY_HEADERS = ["X-Forwarded-Proto: https"]  # production redirects plain HTTP; the bench plays the proxy
SEARCH_WORD = "Workshop"  # one title pattern in four of participants/scale.py has it
YEAR = 2019
RSS_LIMIT_MB = 150
WATCHED_TABLES = ("participants_participant", "participants_enrollment")
EXPORTED_TABLES = [  # parents first
    "cities_city",
    "programs_institute",
    "programs_theme",
    "programs_program",
    "programs_program_themes",
    "programs_targetcountry",
    "participants_participant",
    "participants_enrollment",
]


@dataclass(frozen=True)
class Scale:
    programs: int
    participants: int
    cities: int
    curve: tuple  # participants of the smaller databases of the curve (the main one is the last point)
    seconds: int  # of each measured wrk run
    warmup: int  # seconds of the unmeasured run before a case's first measurement
    runs: int
    rss_requests: int
    topup_seconds: int  # at most this long to bring a server to rss_requests
    api_seconds: int  # of each API page's run in the sweep without the page cache


FULL = Scale(
    50_000,
    1_000_000,
    5_000,
    (10_000, 100_000),
    seconds=10,
    warmup=2,
    runs=2,
    rss_requests=10_000,
    topup_seconds=90,
    api_seconds=3,
)
QUICK = Scale(
    2_000,
    20_000,
    300,
    (1_000, 5_000),
    seconds=2,
    warmup=1,
    runs=2,
    rss_requests=10_000,
    topup_seconds=20,
    api_seconds=1,
)

# wrk's Lua: optional rotation over paths, an optional per-thread request budget, and one JSON line.
WRK_SCRIPT = """
local paths = {%(paths)s}
local limit = %(limit)d
local index, count = 0, 0
if #paths > 0 then
  request = function()
    index = index %% #paths + 1
    return wrk.format(nil, paths[index])
  end
end
if limit > 0 then
  response = function(status, headers, body)
    count = count + 1
    if count >= limit then wrk.thread:stop() end
  end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, "read": %%d, ' ..
    '"write": %%d, "status": %%d, "timeout": %%d, "p50_us": %%.1f, "p95_us": %%.1f, "p99_us": %%.1f, ' ..
    '"max_us": %%.1f}\\n', summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclass(frozen=True)
class Case:
    name: str  # what is asked for, e.g. "list: year + theme"
    server: str  # key of SERVERS
    path: str


SERVERS = {
    "cached": "portal (page cache on)",
    "cold": "portal (PAGE_CACHE_SECONDS=0)",
    "datasette": "Datasette",
    "datasette_json": "Datasette (.json)",
    "admin": "Django admin",
    "ceiling": "static ceiling",
}
PORTAL = ("cached", "cold")
FILTERED, UNFILTERED = "list: year + theme", "list: unfiltered"
API_FILTERED, DATASETTE_JSON = "api: filtered list", "datasette json: filtered table"
API_PAGE_SIZE = 50  # the API's default page, and Datasette's _size
API_LIMIT_MS = 100  # no API page slower than this without the page cache (p50 at 1 client)
SITEMAP_RECORDS_PER_PAGE = 50  # programs.sitemaps.RECORDS_PER_PAGE
PAGE_CACHE_MAX_ENTRY_BYTES = 1024 * 1024  # the setting's default: a larger answer is never kept
STATS = "stats"
INDEX_BUILD_LIMIT_MS, INDEX_RSS_LIMIT_MB = 300, 30  # the facet index per worker (issue 16)


# ---------------------------------------------------------------------------------------------- set-up


def ensure_wrk(log):
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        raise SystemExit("wrk is missing and installing it needs root: sudo apt-get install -y wrk")
    print("installing wrk (apt-get) ...", flush=True)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
    ):
        subprocess.run(command, check=True, env=environment, stdout=log, stderr=subprocess.STDOUT)


def ensure_datasette(log):
    """Datasette in its own venv, so that the project's dependencies never see it."""
    stamp, wanted = BENCH_VENV / ".requirements", REQUIREMENTS.read_text()
    if (BENCH_VENV / "bin" / "datasette").exists() and stamp.exists() and stamp.read_text() == wanted:
        return
    print(f"installing {REQUIREMENTS.relative_to(BASE_DIR)} into {BENCH_VENV.relative_to(BASE_DIR)} ...", flush=True)
    subprocess.run([PYTHON, "-m", "venv", "--clear", str(BENCH_VENV)], check=True, stdout=log, stderr=log)
    subprocess.run(
        [
            str(BENCH_VENV / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-r",
            str(REQUIREMENTS),
        ],
        check=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    stamp.write_text(wanted)


def tool_versions():
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    datasette = subprocess.run([str(BENCH_VENV / "bin" / "datasette"), "--version"], capture_output=True, text=True)
    return {
        "wrk": (wrk.stdout + wrk.stderr).split("[")[0].strip(),
        "datasette": "Datasette " + datasette.stdout.split()[-1] if datasette.stdout.strip() else "Datasette",
        "postgresql": subprocess.run(
            [str(PG_BIN / "postgres"), "--version"], capture_output=True, text=True
        ).stdout.strip(),
    }


def database_url(main_url, name):
    return main_url.rsplit("/", 1)[0] + "/" + name


def sql(url, statement, params=None):
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        cursor = connection.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def generate(environment, scale, participants, log):
    manage(
        environment,
        "generate_scale_data",
        "--programs",
        str(scale.programs),
        "--participants",
        str(participants),
        "--cities",
        str(scale.cities),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    sql(environment["DATABASE_URL"], "VACUUM ANALYZE")  # as autovacuum would soon; plans depend on it


def pick_urls(url):
    """Real slugs and ids: the theme with most programs in YEAR, its busiest host, a program, a city."""
    ((theme_id, theme),) = sql(
        url,
        """
        SELECT t.id, t.slug FROM programs_theme t JOIN programs_program_themes l ON l.theme_id = t.id
        JOIN programs_program p ON p.id = l.program_id WHERE p.year = %s
        GROUP BY t.id ORDER BY count(*) DESC, t.slug LIMIT 1""",
        [YEAR],
    )
    ((host,),) = sql(
        url,
        """
        SELECT i.slug FROM programs_institute i JOIN programs_program p ON p.host_id = i.id
        JOIN programs_program_themes l ON l.program_id = p.id WHERE p.year = %s AND l.theme_id = %s
        GROUP BY i.slug ORDER BY count(*) DESC, i.slug LIMIT 1""",
        [YEAR, theme_id],
    )
    ((program,),) = sql(
        url,
        """SELECT p.slug FROM programs_program p JOIN programs_program_themes l
        ON l.program_id = p.id WHERE p.year = %s AND l.theme_id = %s ORDER BY p.id LIMIT 1""",
        [YEAR, theme_id],
    )
    ((city,),) = sql(
        url,
        """SELECT c.slug FROM cities_city c JOIN programs_program_target_cities l
        ON l.city_id = c.id GROUP BY c.slug ORDER BY count(*) DESC, c.slug LIMIT 1""",
    )
    ((selected,),) = sql(
        url,
        """SELECT count(*) FROM programs_program p WHERE p.year = %s AND EXISTS
        (SELECT 1 FROM programs_program_themes l WHERE l.program_id = p.id AND l.theme_id = %s)""",
        [YEAR, theme_id],
    )
    ((network,),) = sql(url, "SELECT slug FROM cities_network ORDER BY slug LIMIT 1")
    ((programs,),) = sql(url, "SELECT count(*) FROM programs_program")
    more = [
        f"/programs/{slug}/" for (slug,) in sql(url, "SELECT slug FROM programs_program ORDER BY md5(slug) LIMIT 20")
    ]
    more += [
        f"/cities/{slug}/"
        for (slug,) in sql(
            url,
            """SELECT DISTINCT c.slug FROM cities_city c
        JOIN programs_program_target_cities l ON l.city_id = c.id ORDER BY c.slug LIMIT 20""",
        )
    ]
    return {
        "theme_id": theme_id,
        "theme": theme,
        "host": host,
        "program": program,
        "city": city,
        "network": network,
        "selected": selected,
        "programs": programs,
        "more": more,
    }


def build_cases(picked):
    filtered = urlencode({"year": YEAR, "theme": picked["theme"]})
    ours = [
        (UNFILTERED, "/programs/"),
        (FILTERED, f"/programs/?{filtered}"),
        (
            "list: year + theme + host + q",
            f"/programs/?{filtered}&" + urlencode({"host": picked["host"], "q": SEARCH_WORD}),
        ),
        ("program detail", f"/programs/{picked['program']}/"),
        ("city detail", f"/cities/{picked['city']}/"),
        (STATS, "/stats/"),
    ]
    cases = [Case(name, server, path) for name, path in ours for server in PORTAL]
    theme_clause = f"id in (select program_id from programs_program_themes where theme_id = {picked['theme_id']})"
    datasette_query = urlencode(
        [
            ("year", YEAR),
            ("_where", theme_clause),
            ("_facet", "year"),
            ("_facet_array", "themes"),
            ("_facet", "host_id"),
            ("_sort_desc", "start_date"),
            ("_size", 50),
        ],
        quote_via=quote,
    )
    cases += [
        Case(FILTERED, "datasette", f"/portal/programs_program?{datasette_query}"),
        Case(
            FILTERED,
            "admin",
            "/admin/programs/program/?"
            + urlencode({"year": YEAR, "themes__id__exact": picked["theme_id"], "_facets": "True"}),
        ),
        Case(UNFILTERED, "ceiling", "/programs/"),
    ]
    # The API beside Datasette's JSON of the same filtered table: same filter, order and page size, no facets
    # on either side (the API has none; Datasette's table page computes them, its .json only when asked).
    cases += [Case(API_FILTERED, server, f"/api/v1/programs/?{filtered}") for server in PORTAL]
    datasette_json_query = urlencode(
        [("year", YEAR), ("_where", theme_clause), ("_sort_desc", "start_date"), ("_size", API_PAGE_SIZE)],
        quote_via=quote,
    )
    cases.append(Case(DATASETTE_JSON, "datasette_json", f"/portal/programs_program.json?{datasette_json_query}"))
    return cases


def api_paths(picked):
    """Every kind of API page, then the other open-data pages (feed, calendar, sitemaps, data package and
    catalogue), for the sweep without the page cache."""
    filtered = urlencode({"year": YEAR, "theme": picked["theme"]})
    # The middle page of the programs' sitemap (programs.sitemaps.RECORDS_PER_PAGE programs a page).
    sitemap_page = max(1, -(-picked["programs"] // SITEMAP_RECORDS_PER_PAGE) // 2)
    return [
        "/api/v1/",
        "/api/v1/programs/",
        f"/api/v1/programs/?{filtered}",
        f"/api/v1/programs/?{filtered}&" + urlencode({"host": picked["host"], "q": SEARCH_WORD}),
        "/api/v1/programs/?sort=headcount&page=20",
        "/api/v1/programs/?page_size=200",
        f"/api/v1/programs/{picked['program']}/",
        "/api/v1/themes/",
        f"/api/v1/themes/{picked['theme']}/",
        "/api/v1/institutes/",
        f"/api/v1/institutes/{picked['host']}/",
        "/api/v1/cities/",
        "/api/v1/cities/?page=last",
        f"/api/v1/cities/{picked['city']}/",
        "/api/v1/networks/",
        f"/api/v1/networks/{picked['network']}/",
        "/api/v1/agreements/",
        "/api/v1/stats/",
        f"/api/v1/stats/?{filtered}",
        "/api/schema/",
        "/api/docs/",
        f"/programs/feed/?{filtered}",
        f"/programs/calendar.ics?{filtered}",
        "/sitemap.xml",
        f"/sitemap-programs.xml?p={sitemap_page}",
        "/sitemap-cities.xml",
        "/data/datapackage.json",
        "/data/catalog.jsonld",
    ]


# ---------------------------------------------------------------------------------------- SQLite export


def export_sqlite(environment, path, log):
    """The exported tables in an SQLite file made by the same migrations, with PostgreSQL's indexes.

    Programs get one extra column, ``themes`` (a JSON array of slugs), for Datasette's array facet: its
    facets count columns of one table, and the themes of a program sit in the link table."""
    import psycopg

    started = time.monotonic()
    manage(
        {**environment, "DATABASE_URL": f"sqlite:///{path}"},
        "migrate",
        "--noinput",
        "-v0",
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    sqlite3.register_adapter(Decimal, str)
    # Django stores aware datetimes in SQLite as naive UTC.
    sqlite3.register_adapter(datetime, lambda value: value.astimezone(UTC).replace(tzinfo=None).isoformat(" "))
    target = sqlite3.connect(path, isolation_level=None)
    target.execute("PRAGMA journal_mode = OFF")
    target.execute("PRAGMA synchronous = OFF")
    rows = {}
    with psycopg.connect(environment["DATABASE_URL"]) as source:
        target.execute("BEGIN")
        for table in EXPORTED_TABLES:
            columns = [row[1] for row in target.execute(f'PRAGMA table_info("{table}")')]
            names = ", ".join(f'"{column}"' for column in columns)
            insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
            with source.cursor(name=f"export_{table}") as cursor:
                cursor.execute(f'SELECT {names} FROM "{table}"')
                rows[table] = 0
                while batch := cursor.fetchmany(20_000):
                    target.executemany(insert, batch)
                    rows[table] += len(batch)
        target.execute("ALTER TABLE programs_program ADD COLUMN themes TEXT")
        target.execute("""UPDATE programs_program SET themes = (SELECT json_group_array(t.slug)
            FROM programs_program_themes l JOIN programs_theme t ON t.id = l.theme_id
            WHERE l.program_id = programs_program.id)""")
        target.execute("COMMIT")
        indexes = mirror_indexes(source, target)
    target.execute("ANALYZE")
    target.close()
    return {
        "rows": rows,
        "indexes": indexes,
        "seconds": round(time.monotonic() - started, 1),
        "megabytes": round(path.stat().st_size / 2**20, 1),
    }


def mirror_indexes(source, target):
    """Compares each PostgreSQL index of the exported tables with SQLite's; adds the plain ones missing."""
    pg_indexes = source.execute(
        """
        SELECT t.relname, i.relname, ix.indisunique, ix.indpred IS NOT NULL, ix.indexprs IS NOT NULL,
               array(SELECT a.attname FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, n)
                     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n)
        FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
        WHERE t.relname = ANY(%s) ORDER BY 1, 2""",
        [EXPORTED_TABLES],
    ).fetchall()
    report = {"postgresql": len(pg_indexes), "same_columns": 0, "added": [], "not_mirrored": []}
    for table, name, unique, partial, expression, columns in pg_indexes:
        existing = {("id",)} | {
            tuple(row[2] for row in target.execute(f'PRAGMA index_info("{index[1]}")'))
            for index in target.execute(f'PRAGMA index_list("{table}")')
        }
        if tuple(columns) in existing:
            report["same_columns"] += 1
        elif partial or expression:
            report["not_mirrored"].append(name)
        else:
            kind = "UNIQUE INDEX" if unique else "INDEX"
            target.execute(f'CREATE {kind} "{name}" ON "{table}" ({", ".join(columns)})')
            report["added"].append(name)
    return report


# ------------------------------------------------------------------------------------------- servers


class Server(Gunicorn):
    """Any other HTTP server on 127.0.0.1 (Datasette, the static ceiling), stopped as gunicorn is."""

    def __init__(self, name, command, port, log_path, probe="/", environment=None):
        self.port = port
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            command, cwd=BASE_DIR, stdout=self.log, stderr=subprocess.STDOUT, env=environment
        )
        wait_until_answering(self.process, port, probe, name, log_path)


@cache
def _ceiling_bytes():
    return Path(os.environ["BENCH_STATIC_PAGE"]).read_bytes()


def static_page(environ, start_response):
    """WSGI app of the static ceiling: the saved bytes of /programs/, whatever is asked."""
    body = _ceiling_bytes()
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


def start_ceiling(page_path, log_path, gunicorn_arguments):
    port = free_port()
    command = [
        str(BASE_DIR / ".venv/bin/gunicorn"),
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--pythonpath",
        str(BASE_DIR / "bench"),
        "--log-level",
        "warning",
        "compare:static_page",
    ]
    environment = {**os.environ, "BENCH_STATIC_PAGE": str(page_path), "GUNICORN_CMD_ARGS": gunicorn_arguments}
    return Server("static ceiling", command, port, log_path, environment=environment)


def start_datasette(sqlite_path, log_path):
    port = free_port()
    command = [
        str(BENCH_VENV / "bin" / "datasette"),
        "serve",
        "-i",
        str(sqlite_path),
        "-h",
        "127.0.0.1",
        "-p",
        str(port),
        "--setting",
        "sql_time_limit_ms",
        "30000",
        "--setting",
        "facet_time_limit_ms",
        "30000",
        "--setting",
        "suggest_facets",
        "off",
    ]
    return Server("datasette", command, port, log_path, probe="/-/versions.json")


def worker_memory(server):
    """VmRSS and PSS (MB) of each worker of a gunicorn, read from /proc."""
    pid = server.process.pid
    workers = []
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        fields = {}
        for source in (f"/proc/{child}/status", f"/proc/{child}/smaps_rollup"):
            for line in Path(source).read_text().splitlines():
                key, _, value = line.partition(":")
                if key in ("VmRSS", "Pss"):
                    fields[key] = round(int(value.split()[0]) / 1024, 1)
        workers.append({"pid": int(child), "rss_mb": fields.get("VmRSS"), "pss_mb": fields.get("Pss")})
    return workers


# ---------------------------------------------------------------------------------------------- wrk


class Wrk:
    def __init__(self, workdir):
        self.workdir = workdir
        self.scripts = {}

    def script(self, paths=(), limit=0):
        key = (tuple(paths), limit)
        if key not in self.scripts:
            path = self.workdir / f"wrk-{len(self.scripts)}.lua"
            lua_paths = ", ".join(json.dumps(item) for item in paths)
            path.write_text(WRK_SCRIPT % {"paths": lua_paths, "limit": limit})
            self.scripts[key] = path
        return self.scripts[key]

    def run(self, port, path, clients, seconds, headers=(), paths=(), limit=0):
        threads = min(clients, 2)
        command = [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(clients),
            "-d",
            f"{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(self.script(paths, -(-limit // threads) if limit else 0)),
        ]
        for header in headers:
            command += ["-H", header]
        command.append(f"http://127.0.0.1:{port}{path}")
        result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
        line = next((line for line in result.stdout.splitlines() if line.startswith("WRK ")), None)
        if result.returncode != 0 or line is None:
            raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr.strip() or result.stdout}")
        figures = json.loads(line[4:])
        elapsed = figures["duration_us"] / 1e6
        errors = sum(figures[key] for key in ("connect", "read", "write", "status", "timeout"))
        return {
            "requests": figures["requests"],
            "rps": figures["requests"] / elapsed if elapsed else 0.0,
            "p50_ms": figures["p50_us"] / 1000,
            "p95_ms": figures["p95_us"] / 1000,
            "p99_ms": figures["p99_us"] / 1000,
            "max_ms": figures["max_us"] / 1000,
            "errors": errors,
            "bytes_per_request": figures["bytes"] // max(figures["requests"], 1),
        }


def summarise(runs):
    return {
        "p50_ms": statistics.median(run["p50_ms"] for run in runs),
        "p95_ms": statistics.median(run["p95_ms"] for run in runs),
        "rps": statistics.median(run["rps"] for run in runs),
        "rps_range": [min(run["rps"] for run in runs), max(run["rps"] for run in runs)],
        "errors": sum(run["errors"] for run in runs),
        "requests": sum(run["requests"] for run in runs),
        "runs": len(runs),
    }


# ------------------------------------------------------------------------------------------- EXPLAIN


def explain_pages(paths):
    """Runs in a child process (``--explain``): each page through Django's test Client, every SELECT it
    made through EXPLAIN. Prints JSON."""
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange_portal.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    index = measure_index()
    client, pages = Client(), []
    for path in paths:
        with CaptureQueriesContext(connection) as captured:  # the first request: every query, whatever is cached
            response = client.get(path)
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as again:  # the second: warm templates, for the time split
            client.get(path)
        total_ms = (time.perf_counter() - started) * 1000
        sql_ms = sum(float(query["time"]) for query in again.captured_queries) * 1000
        plans = []
        for query in captured.captured_queries:
            statement = query["sql"]
            if not statement.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN " + statement)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            plans.append({"sql": statement, "plan": plan, "seq_scans": re.findall(r"Seq Scan on (\w+)", plan)})
        pages.append(
            {
                "path": path,
                "status": response.status_code,
                "queries": len(captured),
                "plans": plans,
                "total_ms": round(total_ms, 1),
                "sql_ms": round(sql_ms, 1),
            }
        )
    print(json.dumps({"pages": pages, "index": index}))


def rss_bytes():
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def measure_index(builds=5):
    """The facet index of the bench's data (programs/selectors/index.py), built in this fresh process as
    a worker builds it at its first request of a generation: the build times, and the resident memory
    the first build added (the bitmaps, and what the build's rows left in Python's allocator)."""
    import gc

    from programs.selectors.index import FacetIndex

    gc.collect()
    before = rss_bytes()
    kept = FacetIndex.build()
    gc.collect()
    added = rss_bytes() - before
    times = [kept.build_seconds]
    for _ in range(builds - 1):
        times.append(FacetIndex.build().build_seconds)
    return {
        "build_ms": [round(seconds * 1000, 1) for seconds in times],
        "build_p50_ms": round(statistics.median(times) * 1000, 1),
        "rss_added_mb": round(added / 1e6, 1),
        "bitmap_mb": round(kept.memory_bytes / 1e6, 2),
        "programs": len(kept.programs),
        "values": {name: len(values) for name, values in kept.values.items()},
    }


def check_plans(environment, paths):
    # Development settings (the test Client's host, no HTTPS redirect) against the same database.
    dropped = ("DJANGO_", "SECURE_", "SECRET_KEY", "ALLOWED_HOSTS", "DEBUG")
    child_environment = {
        **{key: value for key, value in environment.items() if not key.startswith(dropped)},
        "PAGE_CACHE_SECONDS": "0",
        "DEBUG": "0",
    }
    result = subprocess.run(
        [PYTHON, __file__, "--explain", *paths],
        cwd=BASE_DIR,
        env=child_environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"EXPLAIN check failed:\n{result.stderr[-3000:]}")
    explained = json.loads(result.stdout.strip().splitlines()[-1])
    pages = explained["pages"]
    watched = [
        {"path": page["path"], "table": table, "sql": plan["sql"], "plan": plan["plan"]}
        for page in pages
        for plan in page["plans"]
        for table in plan["seq_scans"]
        if table in WATCHED_TABLES
    ]
    return {
        "pages": [
            {
                "path": page["path"],
                "status": page["status"],
                "queries": page["queries"],
                "explained": len(page["plans"]),
                "total_ms": page["total_ms"],
                "sql_ms": page["sql_ms"],
                "seq_scans": sorted({table for plan in page["plans"] for table in plan["seq_scans"]}),
            }
            for page in pages
        ],
        "watched_seq_scans": watched,
        "details": pages,
        "index": explained["index"],
    }


# -------------------------------------------------------------------------------------------- report


def ratio(ours, theirs):
    return ours / theirs if ours is not None and theirs else None


def fmt(value, digits=1):
    if value is None:
        return "–"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) < 0.1 and value:
        return f"{value:.2g}"  # a ratio like 0.0043 keeps its digits
    return f"{value:.{digits}f}"


def results_table(cases, measured):
    peers = {
        (case.server, clients): measured[(case, clients)]
        for case in cases
        for clients in (1, 4)
        if case.server not in PORTAL
    }
    rows = []
    for case in cases:
        for clients in (1, 4):
            result = measured[(case, clients)]
            row = {
                "case": case.name,
                "server_key": case.server,
                "server": SERVERS[case.server],
                "clients": clients,
                "path": case.path,
                **{key: result[key] for key in ("p50_ms", "p95_ms", "rps", "errors", "requests")},
            }
            if case.server in PORTAL:
                datasette = "datasette_json" if case.name == API_FILTERED else "datasette"
                for peer, server in (("datasette", datasette), ("admin", "admin")):
                    row[f"p50_vs_{peer}"] = ratio(result["p50_ms"], peers[(server, clients)]["p50_ms"])
                    row[f"rps_vs_{peer}"] = ratio(result["rps"], peers[(server, clients)]["rps"])
                row["rps_vs_ceiling"] = ratio(result["rps"], peers[("ceiling", clients)]["rps"])
            rows.append(row)
    order = {name: index for index, name in enumerate(dict.fromkeys(case.name for case in cases))}
    rows.sort(key=lambda row: (order[row["case"]], list(SERVERS).index(row["server_key"]), row["clients"]))
    return rows


def markdown_table(rows):
    lines = [
        "| case | served by | clients | p50 ms | p95 ms | req/s | errors | p50 ÷ Datasette | p50 ÷ admin "
        "| req/s ÷ Datasette | req/s ÷ admin | req/s ÷ ceiling |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['case']} | {row['server']} | {row['clients']} | {fmt(row['p50_ms'])} | {fmt(row['p95_ms'])} "
            f"| {fmt(row['rps'])} | {row['errors']} | {fmt(row.get('p50_vs_datasette'), 2)} "
            f"| {fmt(row.get('p50_vs_admin'), 2)} | {fmt(row.get('rps_vs_datasette'), 2)} "
            f"| {fmt(row.get('rps_vs_admin'), 2)} | {fmt(row.get('rps_vs_ceiling'), 2)} |"
        )
    return lines


def targets(measured, cases, curve, memory, plans, scale, api_pages):
    by = {(case.name, case.server, clients): measured[(case, clients)] for case in cases for clients in (1, 4)}
    filtered, unfiltered = FILTERED, UNFILTERED
    lines = []

    def target(ok, text):
        lines.append({"status": "n/a" if ok is None else ("PASS" if ok else "FAIL"), "text": text})

    for server in PORTAL:
        mine = by[(filtered, server, 1)]["p50_ms"]
        datasette, admin = by[(filtered, "datasette", 1)]["p50_ms"], by[(filtered, "admin", 1)]["p50_ms"]
        target(
            mine <= datasette / 2 and mine <= admin / 5,
            f"filtered list p50 at 1 client ≤ ½ Datasette's and ≤ ⅕ admin's — {SERVERS[server]}: "
            f"{fmt(mine)} ms vs Datasette {fmt(datasette)} ms (limit {fmt(datasette / 2)}), "
            f"admin {fmt(admin)} ms (limit {fmt(admin / 5)})",
        )
    for server in PORTAL:
        mine, datasette = by[(filtered, server, 4)]["rps"], by[(filtered, "datasette", 4)]["rps"]
        target(
            mine >= 4 * datasette,
            f"filtered list req/s at 4 clients ≥ 4× Datasette's — {SERVERS[server]}: "
            f"{fmt(mine)} vs 4 × {fmt(datasette)} = {fmt(4 * datasette)}",
        )
    for server in PORTAL:
        mine = by[(unfiltered, server, 1)]["p50_ms"]
        target(mine < 20, f"unfiltered list p50 < 20 ms — {SERVERS[server]}: {fmt(mine)} ms at 1 client")
    for server in PORTAL:
        mine, datasette = by[(API_FILTERED, server, 1)]["p50_ms"], by[(DATASETTE_JSON, "datasette_json", 1)]["p50_ms"]
        target(
            mine <= datasette / 2,
            f"API filtered list p50 at 1 client ≤ ½ Datasette's .json of the same filtered table — "
            f"{SERVERS[server]}: {fmt(mine)} ms vs Datasette {fmt(datasette)} ms (limit {fmt(datasette / 2)})",
        )
    api_only = [page for page in api_pages if page["path"].startswith("/api/")]
    slowest = max(api_only, key=lambda page: page["p50_ms"])
    over = [f"`{page['path']}` ({fmt(page['p50_ms'])} ms)" for page in api_only if page["p50_ms"] > API_LIMIT_MS]
    target(
        not over,
        f"no API page over {API_LIMIT_MS} ms without the page cache (p50 at 1 client, {scale.programs:,} programs) — "
        f"{len(api_only)} pages, slowest `{slowest['path']}` {fmt(slowest['p50_ms'])} ms"
        + (f"; over the limit: {', '.join(over)}" if over else ""),
    )
    sitemaps = [page for page in api_pages if page["path"].startswith("/sitemap")]
    target(
        all(
            page["p50_ms"] <= API_LIMIT_MS and page["bytes_per_request"] <= PAGE_CACHE_MAX_ENTRY_BYTES
            for page in sitemaps
        ),
        f"sitemap pages ≤ {API_LIMIT_MS} ms without the page cache and ≤ 1 MB (the page cache keeps them) — "
        + ", ".join(
            f"`{page['path']}` {fmt(page['p50_ms'])} ms, {page['bytes_per_request']:,} bytes" for page in sitemaps
        ),
    )
    # Issue 16: the first visitor is fast too (the portal without its page cache).
    mine, datasette = by[(STATS, "cold", 1)]["p50_ms"], by[(filtered, "datasette", 1)]["p50_ms"]
    target(
        mine <= datasette,
        f"/stats/ p50 at 1 client ≤ Datasette's filtered table p50 — {SERVERS['cold']}: "
        f"{fmt(mine)} ms vs Datasette {fmt(datasette)} ms",
    )
    mine, datasette = by[(filtered, "cold", 4)]["rps"], by[(filtered, "datasette", 4)]["rps"]
    target(
        mine >= 2 * datasette,
        f"filtered list req/s at 4 clients ≥ 2× Datasette's — {SERVERS['cold']}: "
        f"{fmt(mine)} vs 2 × {fmt(datasette)} = {fmt(2 * datasette)}",
    )
    index = plans["index"]
    target(
        index["build_p50_ms"] <= INDEX_BUILD_LIMIT_MS and index["rss_added_mb"] <= INDEX_RSS_LIMIT_MB,
        f"facet index build ≤ {INDEX_BUILD_LIMIT_MS} ms and ≤ {INDEX_RSS_LIMIT_MB} MB of RSS per worker "
        f"({index['programs']:,} programs) — build p50 {fmt(index['build_p50_ms'])} ms "
        f"(runs: {', '.join(fmt(ms) for ms in index['build_ms'])}), RSS added {fmt(index['rss_added_mb'])} MB, "
        f"of which bitmaps {index['bitmap_mb']} MB",
    )
    mine, ceiling = by[(unfiltered, "cached", 4)]["rps"], by[(unfiltered, "ceiling", 4)]["rps"]
    target(
        mine >= ceiling / 8,
        f"repeat anonymous request of an unchanged page ≥ ⅛ of the ceiling's req/s: "
        f"unfiltered list {fmt(mine)} req/s vs ceiling {fmt(ceiling)} / 8 = {fmt(ceiling / 8)} "
        "(4 clients)",
    )
    if curve:
        first, last = curve[0], curve[-1]
        growth = last["p50_ms"] / first["p50_ms"]
        target(
            growth < 1.5,
            f"filtered list p50 growth {first['participants']:,} → {last['participants']:,} "
            f"participants < 1.5× — {growth:.2f}× ({fmt(first['p50_ms'])} → {fmt(last['p50_ms'])} ms, "
            f"{SERVERS['cold']}, 1 client)",
        )
    else:
        target(None, "filtered list p50 growth 10k → 1M participants < 1.5× — not measured (--skip-curve)")
    for name, server in memory.items():
        largest = max(worker["rss_mb"] for worker in server["workers"])
        enough = server["requests"] >= scale.rss_requests
        target(
            largest < RSS_LIMIT_MB if enough or largest >= RSS_LIMIT_MB else None,
            f"gunicorn worker RSS < {RSS_LIMIT_MB} MB after {scale.rss_requests:,} requests — {SERVERS[name]}: "
            f"largest {fmt(largest)} MB after {server['requests']:,} requests",
        )
    watched = plans["watched_seq_scans"]
    explained = sum(page["explained"] for page in plans["pages"])
    target(
        not watched,
        f"no Seq Scan on {' or '.join(WATCHED_TABLES)} — {explained} queries of "
        f"{len(plans['pages'])} pages explained, {len(watched)} such scans",
    )
    return lines


def write_report(report, quick):
    RESULTS.mkdir(exist_ok=True)
    stamp = report["started"].replace(":", "").replace("-", "")[:15]
    suffix = "-quick" if quick else ""
    markdown = "\n".join(report["markdown"]) + "\n"
    (RESULTS / f"{stamp}{suffix}.md").write_text(markdown)
    (RESULTS / f"{stamp}{suffix}.json").write_text(json.dumps(report, indent=1, default=str) + "\n")
    (RESULTS / f"latest{suffix}.md").write_text(markdown)
    return RESULTS / f"{stamp}{suffix}.md"


def render(report, rows, target_lines, plans, memory, curve, export, api_pages):
    data = report["data"]
    lines = [
        f"# Portal vs Datasette vs Django admin — {report['started']} ({'quick' if report['quick'] else 'full'} run)",
        "",
        f"`{report['command']}` — {data['programs']:,} programs, {data['participants']:,} participants, "
        f"{data['enrollments']:,} enrollments, {data['cities']:,} cities on PostgreSQL 15; git {report['git']}. "
        f"wrk {report['seconds']} s per run, {report['runs']} runs per case and client count, cases interleaved; "
        f"p50/p95/req/s are medians over the runs. gunicorn: {WORKERS} sync workers each; Datasette: one process. "
        f"Load average before the run: {report['load_before']}, after: {report['load_after']} "
        "(2 cores shared with wrk, PostgreSQL and other people's work: expect noise).",
        "",
        *markdown_table(rows),
        "",
        "Ratios compare a portal row with the peer at the same number of clients; the like-for-like "
        "comparison is the row *list: year + theme* (the peers serve only that page, the ceiling only the "
        "unfiltered list), and for the API *api: filtered list* against *datasette json: filtered table* "
        f"(the same year and theme, newest first, {API_PAGE_SIZE} rows, no facets). Below 1 is better for p50, "
        "above 1 for req/s.",
        "",
        "## Targets (issues 5, 13 and 16)",
        "",
        *[f"- **{line['status']}** {line['text']}" for line in target_lines],
        "",
        "## EXPLAIN of the public pages' queries",
        "",
    ]
    for page in plans["pages"]:
        scans = ", ".join(page["seq_scans"]) or "none"
        lines.append(
            f"- `{page['path']}` ({page['status']}): {page['queries']} queries, {page['explained']} "
            f"SELECTs explained; Seq Scan on: {scans}. A repeat request in-process (test Client, no page "
            f"cache): {fmt(page['total_ms'])} ms, {fmt(page['sql_ms'])} ms of it in SQL"
        )
    for scan in plans["watched_seq_scans"]:
        lines += [
            "",
            f"Seq Scan on {scan['table']} from `{scan['path']}`:",
            "",
            "```sql",
            scan["sql"],
            "```",
            "```",
            scan["plan"],
            "```",
        ]
    lines += [
        "",
        f"## API and open-data pages without the page cache ({SERVERS['cold']}, 1 client, {report['api_seconds']} s "
        "each)",
        "",
        "| path | p50 ms | p95 ms | max ms | requests | bytes |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        *[
            f"| `{page['path']}` | {fmt(page['p50_ms'])} | {fmt(page['p95_ms'])} | {fmt(page['max_ms'])} "
            f"| {page['requests']:,} | {page['bytes_per_request']:,} |"
            for page in api_pages
        ],
    ]
    index = plans["index"]
    lines += [
        "",
        "## Facet index",
        "",
        f"Built in a fresh process from the bench's database ({index['programs']:,} programs; values per facet: "
        + ", ".join(f"{name} {count:,}" for name, count in index["values"].items())
        + f"): {', '.join(fmt(ms) for ms in index['build_ms'])} ms per build (p50 {fmt(index['build_p50_ms'])} ms); "
        f"the first build added {fmt(index['rss_added_mb'])} MB of RSS, of which {index['bitmap_mb']} MB of bitmaps.",
    ]
    lines += ["", "## Worker memory", ""]
    for name, server in memory.items():
        workers = ", ".join(f"{worker['rss_mb']} MB RSS / {worker['pss_mb']} MB PSS" for worker in server["workers"])
        lines.append(
            f"- {SERVERS[name]}: {workers} after {server['requests']:,} requests "
            f"({server['topup']:,} of them from the top-up over all public URLs)"
        )
    if curve:
        lines += [
            "",
            f"## Filtered list against participants ({SERVERS['cold']}, 1 client)",
            "",
            "| participants | enrollments | p50 ms | p95 ms | req/s |",
            "| ---: | ---: | ---: | ---: | ---: |",
        ]
        lines += [
            f"| {point['participants']:,} | {point['enrollments']:,} | {fmt(point['p50_ms'])} "
            f"| {fmt(point['p95_ms'])} | {fmt(point['rps'])} |"
            for point in curve
        ]
    lines += [
        "",
        "## How each peer was served",
        "",
        f"- {report['versions']['datasette']} over an SQLite export ({export['megabytes']} MB, "
        f"{export['seconds']} s) of {', '.join(EXPORTED_TABLES)}, made by the project's own migrations; "
        f"{export['indexes']['same_columns']} of {export['indexes']['postgresql']} PostgreSQL indexes have an "
        f"SQLite index on the same columns, added: {', '.join(export['indexes']['added']) or 'none'}, "
        f"not mirrored (partial or expression): {', '.join(export['indexes']['not_mirrored']) or 'none'}. "
        "Theme filter as an indexed `_where` subquery on the link table, facets `_facet=year`, "
        "`_facet_array=themes` (a JSON column added to the export), `_facet=host_id`; `_size=50`; "
        "suggest_facets off; time limits raised so that no facet is cut short.",
        f"- Datasette (.json): the same table's JSON with the same year and theme `_where`, `_sort_desc=start_date`, "
        f"`_size={API_PAGE_SIZE}` and no facets (it counts the selection, as the API's `count` does); the API "
        "also resolves each program's host, themes, cities, countries, networks, agreement and open flags, which "
        "the table's row gives as ids or not at all. The API's throttle is off for the bench (one client address).",
        "- Django admin: the program changelist with the same year and theme and `_facets=True`, signed in as a "
        "superuser (100 rows a page, the admin's default).",
        "- Static ceiling: the bytes of the anonymous /programs/ page served by a one-line WSGI app under "
        f"gunicorn ({WORKERS} sync workers, like the portal): the cost of the server without Django.",
        "- The portal shows 25 programs a page and 8 facets; gunicorn's worker recycling (max_requests) is off "
        "so that the memory figures are those of workers that served every request.",
        "",
        "## Timing",
        "",
        *[f"- {phase}: {seconds:,.0f} s" for phase, seconds in report["phases"]],
    ]
    if report["problems"]:
        lines += ["", "## Checks that could not run", "", *[f"- {problem}" for problem in report["problems"]]]
    return lines


# ---------------------------------------------------------------------------------------------- main


def git_state():
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=BASE_DIR, capture_output=True, text=True
    ).stdout.strip()
    return head + (" with uncommitted changes" if dirty else "")


def interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


class Benchmark:
    """One run: each phase a method, everything started kept in ``servers`` and ``database`` for the end."""

    def __init__(self, options):
        self.scale = QUICK if options.quick else FULL
        self.seconds = min(options.seconds or self.scale.seconds, 60)
        self.runs = max(options.runs or self.scale.runs, 2)
        self.sizes = [] if options.skip_curve else list(self.scale.curve)
        self.workdir = Path(tempfile.mkdtemp(prefix="portal-compare."))
        self.database = PostgreSQL()
        # No gunicorn control socket: every gunicorn of the machine would share ~/.gunicorn/gunicorn.ctl.
        self.environment = {
            **production_environment(self.database.url, self.workdir),
            "GUNICORN_MAX_REQUESTS": "0",
            "GUNICORN_CMD_ARGS": "--no-control-socket",
            # wrk is one client address sending thousands of requests: the API's throttle would answer 429.
            "API_THROTTLE_RATE": "",
        }
        self.servers, self.problems, self.phases = [], [], []
        self.began = self.step = time.monotonic()
        self.served = {"cached": 0, "cold": 0}
        self.wrk = Wrk(self.workdir)
        self.report = {
            "started": datetime.now().astimezone().isoformat(timespec="seconds"),
            "quick": options.quick,
            "command": " ".join([".venv/bin/python", "bench/compare.py", *sys.argv[1:]]),
            "git": git_state(),
            "load_before": " ".join(f"{value:.2f}" for value in os.getloadavg()),
            "seconds": self.seconds,
            "runs": self.runs,
            "problems": self.problems,
            "phases": self.phases,
        }

    def phase(self, name):
        elapsed = time.monotonic() - self.step
        self.phases.append((name, elapsed))
        print(f"  {name}: {elapsed:.0f} s", flush=True)
        self.step = time.monotonic()

    def start(self, server):
        self.servers.append(server)
        return server

    def install(self):
        with open(self.workdir / "install.log", "w") as log:
            ensure_wrk(log)
            ensure_datasette(log)
        self.report["versions"] = tool_versions()
        self.phase("install wrk and Datasette when missing")

    def prepare_data(self):
        """The main database and, for the curve, copies of the migrated one with fewer participants."""
        main_url = self.database.url
        self.database.initialise()
        manage(self.environment, "migrate", "--noinput", "-v0")
        self.databases = {size: database_url(main_url, f"portal_{size}") for size in self.sizes}
        for size in self.sizes:
            sql(database_url(main_url, "postgres"), f'CREATE DATABASE "portal_{size}" TEMPLATE portal')
        self.databases[self.scale.participants] = main_url
        self.phase("PostgreSQL and migrations")
        self.enrollments = {}
        with open(self.workdir / "generate.log", "w") as log:
            for size, url in sorted(self.databases.items()):
                print(
                    f"generate_scale_data --programs {self.scale.programs:,} --participants {size:,} "
                    f"--cities {self.scale.cities:,} ...",
                    flush=True,
                )
                generate({**self.environment, "DATABASE_URL": url}, self.scale, size, log)
                ((self.enrollments[size],),) = sql(url, "SELECT count(*) FROM participants_enrollment")
                self.phase(f"generate {size:,} participants ({self.enrollments[size]:,} enrollments) and ANALYZE")
        self.report["data"] = {
            "programs": self.scale.programs,
            "participants": self.scale.participants,
            "cities": self.scale.cities,
            "enrollments": self.enrollments[self.scale.participants],
        }
        manage(self.environment, "collectstatic", "--noinput", "-v0")
        manage(
            self.environment, "createsuperuser", "--noinput", "--username", ADMIN_USER, "--email", "bench@example.org"
        )
        self.picked = pick_urls(main_url)
        self.cases = build_cases(self.picked)
        self.public_paths = list(dict.fromkeys(case.path for case in self.cases if case.server == "cached"))

    def check_queries(self):
        self.api_paths = api_paths(self.picked)
        explained = list(dict.fromkeys(self.public_paths + self.api_paths))
        self.plans = self.report["explain"] = check_plans(self.environment, explained)
        for page in self.plans["pages"]:
            if page["status"] != 200:
                self.problems.append(f"EXPLAIN check: {page['path']} answered {page['status']}")
        self.phase("collectstatic, superuser, EXPLAIN of the public pages")
        with open(self.workdir / "export.log", "w") as log:
            self.export = self.report["export"] = export_sqlite(self.environment, self.workdir / "portal.db", log)
        self.phase("SQLite export for Datasette")

    def start_servers(self):
        workdir = self.workdir
        self.cached = self.start(Gunicorn(self.environment, WORKERS, workdir / "gunicorn-cached.log"))
        self.cold = self.start(
            Gunicorn({**self.environment, "PAGE_CACHE_SECONDS": "0"}, WORKERS, workdir / "gunicorn-cold.log")
        )
        datasette = self.start(start_datasette(workdir / "portal.db", workdir / "datasette.log"))
        status, page, _ = HttpClient(self.cached.port).request("GET", "/programs/")
        if status != 200:
            raise RuntimeError(f"/programs/ answered {status}")
        (workdir / "programs.html").write_text(page)
        ceiling = self.start(
            start_ceiling(workdir / "programs.html", workdir / "ceiling.log", self.environment["GUNICORN_CMD_ARGS"])
        )
        admin_client = HttpClient(self.cached.port)
        sign_in(admin_client)
        cookie = "Cookie: " + "; ".join(f"{name}={value}" for name, value in admin_client.cookies.items())
        self.ports = {
            "cached": self.cached.port,
            "cold": self.cold.port,
            "datasette": datasette.port,
            "datasette_json": datasette.port,
            "admin": self.cached.port,
            "ceiling": ceiling.port,
        }
        self.headers = {server: PROXY_HEADERS for server in SERVERS} | {"admin": [*PROXY_HEADERS, cookie]}
        self.report["equivalence"] = check_equivalence(self.cases, self.ports, admin_client, self.picked, self.problems)
        self.phase("start gunicorn x2, Datasette, the static ceiling; check every URL")

    def time(self, server, path, clients, seconds, **rotation):
        result = self.wrk.run(self.ports[server], path, clients, seconds, self.headers[server], **rotation)
        self.served[server] = self.served.get(server, 0) + result["requests"]
        return result

    def measure(self):
        """Every case at 1 and 4 clients, interleaved: round after round over all cases."""
        runs = {(case, clients): [] for case in self.cases for clients in (1, 4)}
        total, done = len(runs) * self.runs, 0
        for round_number in range(self.runs):
            for clients in (1, 4):
                for case in self.cases:
                    if round_number == 0:  # warm-up: fills caches and connection pools, not measured
                        self.time(case.server, case.path, clients, self.scale.warmup)
                    result = self.time(case.server, case.path, clients, self.seconds)
                    runs[(case, clients)].append(result)
                    done += 1
                    print(
                        f"  [{done}/{total}] {case.name} — {SERVERS[case.server]}, {clients} client(s): "
                        f"p50 {result['p50_ms']:.1f} ms, {result['rps']:.0f} req/s"
                        + (f", {result['errors']} errors" if result["errors"] else ""),
                        flush=True,
                    )
        self.measured = {key: summarise(value) for key, value in runs.items()}
        for (case, clients), result in self.measured.items():
            if result["requests"] == 0:
                self.problems.append(f"{case.name} ({SERVERS[case.server]}, {clients} clients): no request completed")
        self.report["runs_raw"] = [
            {"case": case.name, "server": case.server, "clients": clients, "runs": value}
            for (case, clients), value in runs.items()
        ]
        self.phase(f"wrk: {len(self.cases)} cases x 2 client counts x {self.runs} runs")

    def measure_curve(self):
        """The filtered list without the page cache, one gunicorn per database, databases interleaved."""
        self.curve = []
        if not self.sizes:
            return
        servers = {self.scale.participants: self.cold}
        for size in self.sizes:
            environment = {**self.environment, "DATABASE_URL": self.databases[size], "PAGE_CACHE_SECONDS": "0"}
            servers[size] = self.start(Gunicorn(environment, WORKERS, self.workdir / f"gunicorn-{size}.log"))
        path = next(case.path for case in self.cases if case.name == FILTERED and case.server == "cold")
        points = {size: [] for size in servers}
        for round_number in range(self.runs):
            for size, server in sorted(servers.items()):
                if round_number == 0:
                    self.wrk.run(server.port, path, 1, self.scale.warmup, PROXY_HEADERS)
                points[size].append(self.wrk.run(server.port, path, 1, self.seconds, PROXY_HEADERS))
        for size, results in sorted(points.items()):
            self.curve.append({"participants": size, "enrollments": self.enrollments[size], **summarise(results)})
            print(f"  curve: {size:,} participants: p50 {self.curve[-1]['p50_ms']:.1f} ms", flush=True)
        for size in self.sizes:
            servers[size].stop()
            self.servers.remove(servers[size])
        self.served["cold"] += sum(result["requests"] for result in points[self.scale.participants])
        self.phase("curve of the filtered list")

    def measure_api_pages(self):
        """Every kind of API page without the page cache, one after another at 1 client."""
        self.api_pages = []
        client = HttpClient(self.ports["cold"])
        for path in self.api_paths:
            status, _, _ = client.request("GET", path)
            if status != 200:
                self.problems.append(f"{path} on {SERVERS['cold']} answered {status}")
            self.wrk.run(self.ports["cold"], path, 1, 1, self.headers["cold"])  # warm-up
            result = self.time("cold", path, 1, self.scale.api_seconds)
            self.api_pages.append({"path": path, "status": status, **result})
            print(f"  {path}: p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms", flush=True)
        self.phase(
            f"API and open-data pages without the page cache: {len(self.api_paths)} x {self.scale.api_seconds} s"
        )

    def measure_memory(self):
        """Workers' memory after at least rss_requests requests, the last of them spread over many pages."""
        self.memory = {}
        rotation = self.public_paths + self.picked["more"]
        for name, server in (("cached", self.cached), ("cold", self.cold)):
            missing = max(self.scale.rss_requests - self.served[name], len(rotation) * 20)
            topup = self.time(name, "/", 4, self.scale.topup_seconds, paths=rotation, limit=missing)["requests"]
            self.memory[name] = {"requests": self.served[name], "topup": topup, "workers": worker_memory(server)}
        if self.served["cached"] < self.scale.rss_requests:
            self.problems.append(
                f"{SERVERS['cached']}: only {self.served['cached']:,} requests within the top-up's "
                f"{self.scale.topup_seconds} s, not {self.scale.rss_requests:,}"
            )
        self.phase(f"requests up to {self.scale.rss_requests:,} per portal server, worker memory")

    def finish(self, quick):
        rows = results_table(self.cases, self.measured)
        target_lines = targets(
            self.measured, self.cases, self.curve, self.memory, self.plans, self.scale, self.api_pages
        )
        self.phases.append(("total", time.monotonic() - self.began))
        self.report["load_after"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
        self.report.update(
            cases=[asdict(case) for case in self.cases],
            picked=self.picked,
            table=rows,
            targets=target_lines,
            curve=self.curve,
            memory=self.memory,
            api_pages=self.api_pages,
            api_seconds=self.scale.api_seconds,
        )
        self.report["markdown"] = render(
            self.report, rows, target_lines, self.plans, self.memory, self.curve, self.export, self.api_pages
        )
        print("\n" + "\n".join(self.report["markdown"]))
        written = write_report(self.report, quick)
        print(f"\nwritten to {written.relative_to(BASE_DIR)} and {written.with_suffix('.json').relative_to(BASE_DIR)}")

    def clean_up(self, keep_logs):
        for server in reversed(self.servers):
            server.stop()
        self.database.remove()
        (self.workdir / "portal.db").unlink(missing_ok=True)
        if keep_logs:
            print(f"logs kept in {self.workdir}")
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small data, 2 s runs: for development")
    parser.add_argument("--skip-curve", action="store_true", help="no 10k -> 1M participants curve")
    parser.add_argument("--seconds", type=int, help="seconds of each measured wrk run (at most 60)")
    parser.add_argument("--runs", type=int, help="measured runs per case and client count (at least 2)")
    parser.add_argument("--explain", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.explain:
        return explain_pages(options.explain)
    if not (PG_BIN / "initdb").exists():
        print(f"PostgreSQL server binaries not found in {PG_BIN} (set PG_BIN).")
        return 1
    for name in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(name, interrupt)
    bench, failed = Benchmark(options), True
    print(f"work directory {bench.workdir}", flush=True)
    try:
        bench.install()
        bench.prepare_data()
        bench.check_queries()
        bench.start_servers()
        bench.measure()
        bench.measure_curve()
        bench.measure_api_pages()
        bench.measure_memory()
        bench.finish(options.quick)
        failed = bool(bench.problems)
        return 1 if failed else 0
    except KeyboardInterrupt as stop:
        print(f"\ninterrupted ({stop}); stopping everything", flush=True)
        return 1
    except (RuntimeError, OSError, ValueError, subprocess.SubprocessError, SystemExit) as error:
        print(f"\nA check could not run: {error}", flush=True)
        return 1
    finally:
        bench.clean_up(keep_logs=failed)


def check_equivalence(cases, ports, admin_client, picked, problems):
    """Every URL answers 200 before it is timed, the peers select what the portal selects, no facet of
    Datasette's is cut short."""
    notes = {}
    for case in cases:
        client = admin_client if case.server == "admin" else HttpClient(ports[case.server])
        status, page, _ = client.request("GET", case.path)
        if status != 200:
            problems.append(f"{case.path} on {SERVERS[case.server]} answered {status}")
        if case.server == "admin" and "/admin/login/" in page:
            problems.append("the admin changelist showed the login page")
    datasette = next(case for case in cases if case.server == "datasette")
    json_path = datasette.path.replace("programs_program?", "programs_program.json?", 1)
    status, body, _ = HttpClient(ports["datasette"]).request("GET", json_path)
    data = json.loads(body) if status == 200 else {}
    notes["datasette_rows"] = data.get("filtered_table_rows_count")
    notes["datasette_facets"] = sorted(data.get("facet_results", {}))
    notes["portal_rows"] = picked["selected"]
    if notes["datasette_rows"] != picked["selected"]:
        problems.append(f"Datasette selects {notes['datasette_rows']} programs, the portal {picked['selected']}")
    if notes["datasette_facets"] != ["host_id", "themes", "year"]:  # a facet that timed out is left out
        problems.append(f"Datasette computed the facets {notes['datasette_facets']}, not host_id, themes, year")
    # The API and Datasette's .json select the same programs and give a page of the same size.
    for case in cases:
        if case.name not in (API_FILTERED, DATASETTE_JSON):
            continue
        status, body, _ = HttpClient(ports[case.server]).request("GET", case.path)
        data = json.loads(body) if status == 200 else {}
        rows = data.get("count" if case.name == API_FILTERED else "filtered_table_rows_count")
        page = len(data.get("results" if case.name == API_FILTERED else "rows", []))
        notes[f"{case.server}_rows"], notes[f"{case.server}_page"] = rows, page
        if rows != picked["selected"] or page != min(API_PAGE_SIZE, picked["selected"]):
            problems.append(
                f"{case.path} on {SERVERS[case.server]} selects {rows} programs with {page} on the page, "
                f"the portal {picked['selected']}"
            )
    return notes


if __name__ == "__main__":
    sys.exit(main())
