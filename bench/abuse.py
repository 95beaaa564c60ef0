"""Search and cache abuse at 50,000 programs: a 2,000-word ``q`` under 1 s, cached pages survive a flood.

    .venv/bin/python bench/abuse.py                      # 50,000 synthetic programs
    .venv/bin/python bench/abuse.py --programs 5000      # quicker, to try it out
    .venv/bin/python bench/abuse.py --flood 1000 --repeat 2   # each random URL sent twice

Starts a throwaway PostgreSQL 15 and fills it as ``bench/exports.py`` does (``generate_scale_data
--programs N --participants 0 --cities 5000``), then runs gunicorn with ``gunicorn.conf.py`` in production
mode (2 sync workers, recycling off, the local-memory page cache of each worker). Two checks:

1. Search: ``/programs/?q=`` and ``/api/v1/programs/?q=`` with 2,000 random one-letter words (a 4 KB URL,
   just under gunicorn's request-line limit; other words each time, so that no answer comes from the
   cache), ``--search-rounds`` times each: status, seconds (p50/max) and bytes; the target is under 1 s.
   Then a ``q`` just under the caps (``SEARCH_MAX_WORDS`` words, ``SEARCH_MAX_LENGTH`` characters),
   both of words that match nearly everything and of words that match nothing, reported for reference.
2. Cache flood: five shared pages (/, /programs/, /programs/?year=2015, /stats/, /cities/) are warmed
   (``--warm`` requests each, so that both workers hold them), checked, then ``--flood`` requests with random
   query strings (unknown parameters, random values of known ones: year, theme, q, page, sort, country,
   …) go to the same paths from 4 clients, and the five pages are checked again. A page counts as cached
   when each of ``--checks`` requests for it ran at most one SQL statement (the registry generation that a
   page-cache hit reads; a miss runs 10 or more), not counting the ``SELECT 1`` of Django's connection
   health check. Statements are counted in the throwaway server's log
   (``log_statement = all`` is switched on after the data is loaded; requests are sent one at a time
   during checks). Timings are reported too, with a hit threshold of ``--hit-ms`` ms, for reference:
   they depend on what else the machine does. Workers' VmRSS (from /proc) before and after the flood.

The exit status is 1 on any 5xx, a 2,000-word search over 1 s, or a shared page not cached after the
flood. The report is also written to ``bench/results/abuse-<programs>-<UTC time>.md``.
"""

import argparse
import html
import random
import re
import shutil
import statistics
import string
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lb  # noqa: E402 (bench/lb.py, beside this file)
import load  # noqa: E402
from exports import download, fill_scale_data, rss_mb, write_report  # noqa: E402

SHARED_PAGES = ["/", "/programs/", "/programs/?year=2015", "/stats/", "/cities/"]
TARGET_SECONDS = 1.0


class StatementLog:
    """The SQL statements PostgreSQL logged since the last call (``log_statement = all``)."""

    def __init__(self, database):
        self.path = database.directory / "log"
        database.query("ALTER SYSTEM SET log_statement = 'all'")
        database.query("SELECT pg_reload_conf()")
        time.sleep(0.5)
        self.offset = self.path.stat().st_size

    def count(self):
        with open(self.path, "rb") as log:
            log.seek(self.offset)
            text = log.read()
        self.offset += len(text)
        statements = [line.partition(b"LOG:  ")[2] for line in text.splitlines() if b"LOG:  " in line]
        statements = [line for line in statements if line.startswith((b"statement: ", b"execute "))]
        # Django's connection health check (CONN_HEALTH_CHECKS) runs SELECT 1 at each request's first query.
        return sum(1 for line in statements if not line.endswith(b": SELECT 1"))


def setting(environment, name):
    result = load.manage(
        environment,
        "shell",
        "-c",
        f"from django.conf import settings; print(settings.{name})",
        stdout=subprocess.PIPE,
        text=True,
    )
    return int(result.stdout.split()[-1])


def one_letter_words(rng, count):
    return "+".join(rng.choice(string.ascii_lowercase) for _ in range(count))


def limit_message(port, url):
    """The status of ``url`` and the sentence of its answer that names the search limit ("" when none does)."""
    status, text, _ = load.HttpClient(port).request("GET", url)
    found = re.search(r"Search for at most [^<.]*\.", html.unescape(text))
    return status, found.group(0) if found else ""


def time_search(port, label, urls, check_target):
    """Requests each URL once; one table row. Returns whether it passed."""
    results = [download(port, url)[:3] for url in urls]
    statuses = sorted({status for status, _, _ in results})
    seconds = [elapsed for _, elapsed, _ in results]
    sizes = sorted({size for _, _, size in results})
    passed = all(status < 500 for status in statuses) and (not check_target or max(seconds) < TARGET_SECONDS)
    verdict = ("pass" if passed else "FAIL") if check_target else ("ok" if passed else "FAIL")
    size_text = f"{sizes[0]:,}" if len(sizes) == 1 else f"{sizes[0]:,}–{sizes[-1]:,}"
    lb.say(
        f"| {label} | {len(urls[0]):,} | {', '.join(map(str, statuses))} | {len(urls)} | "
        f"{statistics.median(seconds):.3f} | {max(seconds):.3f} | {size_text} | {verdict} |"
    )
    return passed


def check_pages(port, log, checks, hit_ms, title):
    """Requests each shared page ``checks`` times, one at a time; a table of statements and timings.
    Returns the pages found cached (every request at most one statement) and whether any answer was 5xx."""
    lb.say()
    lb.say(
        f"| {title} | status | statements per request (besides SELECT 1) | ms per request "
        f"| cached (statements) | cached (≤ {hit_ms} ms) |"
    )
    lb.say("| --- | ---: | --- | --- | --- | --- |")
    cached, server_error = [], False
    for page in SHARED_PAGES:
        statuses, counts, times = set(), [], []
        log.count()
        for _ in range(checks):
            status, seconds, _, _ = download(port, page)
            statuses.add(status)
            counts.append(log.count())
            times.append(seconds * 1000)
        server_error |= any(status >= 500 for status in statuses)
        by_statements = all(count <= 1 for count in counts)
        by_time = all(ms <= hit_ms for ms in times)
        if by_statements:
            cached.append(page)
        lb.say(
            f"| `{page}` | {', '.join(map(str, sorted(statuses)))} | {', '.join(map(str, counts))} | "
            f"{', '.join(f'{ms:.0f}' for ms in times)} | {'yes' if by_statements else 'NO'} | "
            f"{'yes' if by_time else 'no'} |"
        )
    return cached, server_error


def random_query(rng, themes, countries):
    """A query string of 1–4 parameters: unknown names, and random values of the parameters the views read."""

    def word():
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9)))

    known = [
        lambda: ("year", str(rng.randint(1990, 2040))),
        lambda: ("year_min", str(rng.randint(2000, 2025))),
        lambda: ("year_max", str(rng.randint(2000, 2025))),
        lambda: ("theme", rng.choice(themes) if themes and rng.random() < 0.7 else word()),
        lambda: ("country", rng.choice(countries) if countries and rng.random() < 0.7 else word()[:2].upper()),
        lambda: ("q", " ".join(word() for _ in range(rng.randint(1, 3)))),
        lambda: ("page", str(rng.randint(1, 3000))),
        lambda: ("sort", rng.choice(["year", "-year", "title", "-title", word()])),
        lambda: ("status", rng.choice(["confirmed", "announced", "all", word()])),
        lambda: ("mode", rng.choice(["online", "offline", "hybrid", word()])),
    ]
    parameters = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.4:
            parameters.append((word(), word()))
        else:
            parameters.append(rng.choice(known)())
    return urlencode(parameters)


def flood(port, urls, clients=4):
    def one(url):
        return download(port, url)[:2]

    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one, urls))
    return results, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--programs", type=int, default=50_000)
    parser.add_argument("--search-rounds", type=int, default=5, help="requests per search (default 5)")
    parser.add_argument("--warm", type=int, default=8, help="requests per shared page to warm it (default 8)")
    parser.add_argument("--checks", type=int, default=4, help="requests per shared page per check (default 4)")
    parser.add_argument("--flood", type=int, default=1000, help="random query strings (default 1,000)")
    parser.add_argument("--repeat", type=int, default=1, help="times each random URL is sent (default 1)")
    parser.add_argument("--hit-ms", type=int, default=50, help="timing threshold of a cache hit (default 50)")
    parser.add_argument("--seed", type=int, default=11)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    workdir = Path(tempfile.mkdtemp(prefix="portal-abuse."))
    database = load.PostgreSQL()
    server = None
    ok = True
    try:
        environment, filled = fill_scale_data(database, workdir, options.programs)
        max_length = setting(environment, "SEARCH_MAX_LENGTH")
        max_words = setting(environment, "SEARCH_MAX_WORDS")
        themes = [row[0] for row in database.query("SELECT slug FROM programs_theme")]
        countries = [row[0] for row in database.query("SELECT DISTINCT country FROM cities_city LIMIT 200")]
        programs = int(database.query("SELECT count(*) FROM programs_program")[0][0])
        log = StatementLog(database)
        server = lb.Instance(environment, 2, workdir / "gunicorn.log", load.free_port())
        lb.say(f"# bench/abuse.py — {options.programs:,} programs, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
        lb.say()
        lb.say(
            f"Scale data written in {filled:.0f} s ({programs:,} programs in the registry); PostgreSQL 15, "
            f"gunicorn 2 sync workers in production mode; SEARCH_MAX_LENGTH={max_length}, "
            f"SEARCH_MAX_WORDS={max_words}."
        )

        lb.say()
        lb.say("## Search")
        lb.say()
        lb.say(f"Each search sent {options.search_rounds} times, other words each time; target < {TARGET_SECONDS:g} s.")
        lb.say()
        lb.say("| search | URL chars | status | requests | p50 s | max s | bytes | verdict |")
        lb.say("| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |")
        for path in ("/programs/", "/api/v1/programs/"):
            urls = [f"{path}?q={one_letter_words(rng, 2000)}" for _ in range(options.search_rounds)]
            ok &= time_search(server.port, f"`{path}` 2,000 one-letter words", urls, check_target=True)
        for path in ("/programs/", "/api/v1/programs/"):
            status, message = limit_message(server.port, f"{path}?q={one_letter_words(rng, 2000)}")
            lb.say(f"\n`{path}?q=<2,000 words>` answers {status}: {message or 'NO message naming the limit'}")
        lb.say()
        lb.say("| search | URL chars | status | requests | p50 s | max s | bytes | verdict |")
        lb.say("| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |")
        # Just under the caps: one-letter words that match nearly every program, and long words that match none.
        long_word = max(1, (max_length - (max_words - 1)) // max_words)
        for path in ("/programs/", "/api/v1/programs/"):
            common = [
                f"{path}?q={'+'.join(rng.choice('aeiou') for _ in range(max_words))}"
                for _ in range(options.search_rounds)
            ]
            rare = [
                f"{path}?q="
                + "+".join(
                    "".join(rng.choice(string.ascii_lowercase) for _ in range(long_word)) for _ in range(max_words)
                )
                for _ in range(options.search_rounds)
            ]
            ok &= time_search(server.port, f"`{path}` {max_words} one-letter words (under the cap)", common, False)
            label = f"`{path}` {max_words} words, {len(rare[0].partition('=')[2])} chars (under the cap)"
            ok &= time_search(server.port, label, rare, False)

        lb.say()
        lb.say("## Cache flood")
        lb.say()
        log.count()
        cold = []
        for page in SHARED_PAGES:
            status, seconds, size, _ = download(server.port, page)
            cold.append(f"`{page}` {status}, {seconds * 1000:.0f} ms, {log.count()} statements, {size:,} bytes")
            ok &= status < 500
        lb.say("First request of each shared page (a miss): " + "; ".join(cold) + ".")
        for page in SHARED_PAGES:
            for _ in range(options.warm - 1):
                ok &= download(server.port, page)[0] < 500
        before = rss_mb(server)
        cached_before, server_error = check_pages(
            server.port, log, options.checks, options.hit_ms, f"after warming ({options.warm} requests each)"
        )
        ok &= not server_error
        lb.say()
        lb.say(f"workers' RSS before the flood: {', '.join(f'{mb:.0f}' for mb in before)} MB")

        paths = [page.partition("?")[0] for page in SHARED_PAGES]
        queries = [f"{rng.choice(paths)}?{random_query(rng, themes, countries)}" for _ in range(options.flood)]
        urls = [url for url in queries for _ in range(options.repeat)]
        results, took = flood(server.port, urls)
        statuses = {}
        for status, _ in results:
            statuses[status] = statuses.get(status, 0) + 1
        flood_seconds = [seconds for _, seconds in results]
        errors = sum(count for status, count in statuses.items() if status >= 500)
        ok &= errors == 0
        lb.say()
        lb.say(
            f"Flood: {len(set(queries)):,} random query strings × {options.repeat} = {len(urls):,} requests from 4 "
            f"clients in {took:.0f} s; by status: {', '.join(f'{s} × {n}' for s, n in sorted(statuses.items()))}; "
            f"p50 {statistics.median(flood_seconds):.3f} s, max {max(flood_seconds):.3f} s."
        )
        after = rss_mb(server)
        log.count()
        cached_after, server_error = check_pages(server.port, log, options.checks, options.hit_ms, "after the flood")
        ok &= not server_error
        lb.say()
        lb.say(f"workers' RSS after the flood: {', '.join(f'{mb:.0f}' for mb in after)} MB")
        lb.say()
        lb.say(
            f"Shared pages cached: {len(cached_before)}/{len(SHARED_PAGES)} before the flood, "
            f"{len(cached_after)}/{len(SHARED_PAGES)} after."
        )
        ok &= len(cached_after) == len(SHARED_PAGES)
    finally:
        if server:
            server.stop()
        database.remove()
    write_report("abuse", options.programs, ok)
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
