"""Load, fault and two-instance test of the portal on a throwaway PostgreSQL, over 127.0.0.1 only.

    .venv/bin/python bench/load.py                  # 50 clients for 60 s, admin writes mixed in
    .venv/bin/python bench/load.py --fault          # the same, with PostgreSQL stopped for 5 s mid-run
    .venv/bin/python bench/load.py --two-instances  # a write through one gunicorn is read through another
    .venv/bin/python bench/load.py --duration 20 --clients 20 --fault --two-instances

It starts PostgreSQL 15 in a temporary directory (the binaries in /usr/lib/postgresql/15/bin, or PG_BIN),
migrates and loads the 2005–2021 history, runs gunicorn with gunicorn.conf.py in production mode, and
drives it with threads speaking plain HTTP/1.1 (the stdlib, no extra package). Readers request the
public pages; writer clients sign in to the admin and add networks named ``bench-<client>-<n>``. After
the run it counts, per name, the rows in the database: each acknowledged write (the admin's redirect
after saving) must be there exactly once. Everything it started is stopped at the end, also on failure.
The exit status is 1 when a check fails.
"""

import argparse
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
ADMIN_USER, ADMIN_PASSWORD = "bench-admin", secrets.token_urlsafe(16)
WRITE_URL = "/admin/cities/network/add/"
REQUEST_TIMEOUT = 20  # seconds; a request slower than this counts as hung
RECOVERY_SECONDS = 15  # --fault: answers must be back to normal this long after PostgreSQL is


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(command):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PostgreSQL:
    """A throwaway server: initdb in a temporary directory, started and stopped with pg_ctl."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="portal-bench-pg."))
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self.port = free_port()
        self.data = self.directory / "data"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/portal"

    def initialise(self):
        subprocess.run(
            as_postgres(
                [
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(self.data),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            capture_output=True,
        )
        self.start()
        subprocess.run(
            [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "portal"], check=True
        )

    def start(self):
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.directory} -c max_connections=200"
        subprocess.run(
            as_postgres(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.directory / "log"),
                    "-w",
                    "-t",
                    "30",
                    "start",
                    "-o",
                    options,
                ]
            ),
            check=True,
            capture_output=True,
        )

    def stop(self, mode="fast"):
        subprocess.run(
            as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"]), capture_output=True
        )

    def query(self, sql):
        result = subprocess.run(
            [
                str(PG_BIN / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                "portal",
                "-At",
                "-F",
                "\t",
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return [line.split("\t") for line in result.stdout.splitlines() if line]

    def remove(self):
        self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


def wait_until_answering(process, port, path, name, log_path, timeout=60):
    """Waits until ``path`` on 127.0.0.1:``port`` answers 200; SystemExit when the process dies or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if HttpClient(port).request("GET", path)[0] == 200:
                return
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"{name} exited at start; see {log_path}")
        time.sleep(0.3)
    process.kill()  # a server that never answered is not left running
    raise SystemExit(f"{name} did not answer {path} within {timeout} s; see {log_path}")


def production_environment(database_url, workdir):
    """The environment of manage.py and gunicorn: production mode against ``database_url``, behind a proxy."""
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DEBUG", "SECURE_"))},
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(workdir / "static"),
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD,
        "AXES_FAILURE_LIMIT": "1000",
    }


def manage(environment, *arguments, stdout=subprocess.DEVNULL, **options):
    """Runs one manage.py command of the portal; CalledProcessError when it fails."""
    return subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=BASE_DIR, env=environment, check=True, stdout=stdout, **options
    )


class Gunicorn:
    def __init__(self, environment, workers, log_path):
        self.port = free_port()
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            [str(BASE_DIR / ".venv/bin/gunicorn"), "-c", str(BASE_DIR / "gunicorn.conf.py"), "exchange_portal.wsgi"],
            cwd=BASE_DIR,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**environment, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(workers)},
        )
        wait_until_answering(self.process, self.port, "/healthz", "gunicorn", log_path)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


class HttpClient:
    """One user agent: one connection at a time, its own cookies, HTTPS as seen through a proxy."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.connection = None

    def request(self, method, path, body=None, referer=None):
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1{referer or path}"
            headers["Origin"] = "https://127.0.0.1"
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except Exception:
            self.connection.close()
            self.connection = None
            raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.will_close:
            self.connection.close()
            self.connection = None
        return response.status, content.decode("utf-8", "replace"), response.headers


class FormReader(HTMLParser):
    """The fields of the admin's add form with their initial values (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.fields, self.select, self.first_option = {}, None, None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in {"submit", "checkbox", "radio", "file"}:
            self.fields[name] = attributes.get("value") or ""
        elif tag == "select" and name:
            self.select, self.first_option = name, None
        elif tag == "option" and self.select:
            value = attributes.get("value", "")
            if self.first_option is None and value:
                self.first_option = value
            if "selected" in attributes:
                self.fields[self.select] = value
        elif tag == "textarea" and name:
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select" and self.select:
            # A required choice left at "---------" gets its first real option.
            if not self.fields.get(self.select):
                self.fields[self.select] = self.first_option or ""
            self.select = None


class SignInFailed(RuntimeError):
    """The admin answered the sign-in with ``status`` instead of the login form (200) or the redirect (302)."""

    def __init__(self, status, step):
        super().__init__(f"admin sign-in failed at the {step} with {status}")
        self.status = status


def sign_in(client):
    status, page, _ = client.request("GET", "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None:
        raise SignInFailed(status, "login form")
    body = urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": ADMIN_USER, "password": ADMIN_PASSWORD, "next": "/admin/"}
    )
    status, _, headers = client.request("POST", "/admin/login/?next=/admin/", body=body, referer="/admin/login/")
    if status != 302:
        raise SignInFailed(status, "post")


def sign_in_outcome(error):
    """What a failed sign-in counts as: a 503 is the outage page, counted as the 503 any other request gets
    while the database is down; any other answer (the form again, 403, 500) is a failure of its own."""
    return 503 if error.status == 503 else f"sign-in {error.status}"


def add_network(client, name):
    """Adds one network through the admin form; True when the admin acknowledged it (redirect)."""
    status, page, _ = client.request("GET", WRITE_URL)
    if status != 200:
        return False, status
    reader = FormReader()
    reader.feed(page)
    fields = {key: value for key, value in reader.fields.items() if not key.startswith("_")}
    for key in list(fields):
        if key == "name" or key.startswith("name_"):
            fields[key] = name
    fields["slug"] = name
    status, _, _ = client.request("POST", WRITE_URL, body=urlencode({**fields, "_save": "Save"}))
    return status == 302, status


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.events = []  # (time, status or error name, seconds, kind)

    def add(self, started, outcome, kind, page=""):
        with self.lock:
            self.events.append((started, outcome, time.monotonic() - started, kind, page))


def reader_loop(port, urls, stop_at, recorder, seed):
    rng = random.Random(seed)
    client = HttpClient(port)
    while time.monotonic() < stop_at:
        started = time.monotonic()
        page, url = rng.choice(urls)
        try:
            status, _, _ = client.request("GET", url)
            recorder.add(started, status, "read", page)
        except TimeoutError:
            recorder.add(started, "timeout", "read")
        except OSError as error:
            recorder.add(started, type(error).__name__, "read")
            time.sleep(0.05)


def writer_loop(port, urls, stop_at, recorder, seed, writes, sign_in_every=0):
    rng = random.Random(seed)
    client = HttpClient(port)
    signed_in, sequence = False, 0
    while time.monotonic() < stop_at:
        started = time.monotonic()
        try:
            if sign_in_every and sequence and sequence % sign_in_every == 0:
                client.cookies.clear()  # a new session, as a second editor would start one
                signed_in = False
            if not signed_in:
                sign_in(client)
                signed_in = True
            if sequence % 3 == 0:
                name = f"bench-{seed}-{sequence // 3}"
                acknowledged, status = add_network(client, name)
                writes.append((name, acknowledged))
                recorder.add(started, status, "write")
            else:
                page, url = rng.choice(urls)
                status, _, _ = client.request("GET", url)
                recorder.add(started, status, "read", page)
            sequence += 1
        except TimeoutError:
            recorder.add(started, "timeout", "write")
        except SignInFailed as error:
            recorder.add(started, sign_in_outcome(error), "sign-in")
            time.sleep(0.2)
        except (OSError, RuntimeError, AttributeError) as error:
            recorder.add(started, type(error).__name__, "write")
            signed_in = False
            time.sleep(0.2)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def public_urls(database):
    """(page, URL) pairs: the list pages, a few filters, and detail pages of stored records."""
    urls = [
        (url, url)
        for url in ["/", "/programs/", "/stats/", "/cities/", "/agreements/", "/ko/", "/zh-hant/programs/", "/healthz"]
    ]
    urls += [
        ("/programs/?filters", "/programs/?sort=oldest"),
        ("/programs/?filters", "/programs/?year_min=2010&year_max=2015"),
    ]
    for table, prefix in (
        ("programs_program", "/programs/"),
        ("cities_city", "/cities/"),
        ("programs_theme", "/themes/"),
        ("programs_institute", "/institutes/"),
    ):
        slugs = [row[0] for row in database.query(f"SELECT slug FROM {table} ORDER BY random() LIMIT 40")]
        urls += [(f"{prefix}<slug>/", f"{prefix}{slug}/") for slug in slugs]
    themes = [row[0] for row in database.query("SELECT slug FROM programs_theme LIMIT 10")]
    urls += [("/programs/?filters", f"/programs/?theme={slug}") for slug in themes]
    return urls


def run_load(port, urls, clients, duration, fault=None, sign_in_every=0):
    recorder, writes = Recorder(), []
    stop_at = time.monotonic() + duration
    writer_count = max(1, clients // 10)
    threads = [
        threading.Thread(target=writer_loop, args=(port, urls, stop_at, recorder, index, writes, sign_in_every))
        for index in range(writer_count)
    ] + [
        threading.Thread(target=reader_loop, args=(port, urls, stop_at, recorder, 1000 + index))
        for index in range(clients - writer_count)
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    fault_times = fault(began) if fault else None
    for thread in threads:
        thread.join(timeout=duration + REQUEST_TIMEOUT * 3)
    return recorder.events, writes, began, fault_times


def report(events, began, duration):
    counts = Counter(str(outcome) for _, outcome, *_ in events)
    latencies = [seconds * 1000 for _, outcome, seconds, *_ in events if outcome == 200]
    errors = sum(n for outcome, n in counts.items() if not (outcome.isdigit() and int(outcome) < 400))
    print(f"requests: {len(events)} in {duration} s ({len(events) / duration:.0f}/s)")
    print("by status: " + ", ".join(f"{outcome}: {n}" for outcome, n in sorted(counts.items())))
    if latencies:
        print(
            f"latency of 200s (ms): p50 {statistics.median(latencies):.0f}, p95 {percentile(latencies, 0.95):.0f}, "
            f"p99 {percentile(latencies, 0.99):.0f}, max {max(latencies):.0f}"
        )
    pages = {}
    for _, outcome, seconds, _, page in events:
        if outcome == 200 and page:
            pages.setdefault(page, []).append(seconds * 1000)
    slowest = sorted(pages.items(), key=lambda item: -statistics.median(item[1]))[:5]
    print("slowest pages (median ms): " + ", ".join(f"{page} {statistics.median(ms):.0f}" for page, ms in slowest))
    print(f"errors (4xx/5xx/timeouts/connection errors): {errors}")
    return errors


def check_writes(database, writes):
    rows = Counter(name for (name,) in database.query("SELECT name FROM cities_network WHERE name LIKE 'bench-%'"))
    acknowledged = [name for name, ok in writes if ok]
    lost = [name for name in acknowledged if rows[name] == 0]
    duplicated = [name for name, n in rows.items() if n > 1]
    unacknowledged_stored = [name for name, ok in writes if not ok and rows[name]]
    print(
        f"admin writes: {len(writes)} sent, {len(acknowledged)} acknowledged, {sum(rows.values())} rows stored; "
        f"lost {len(lost)}, duplicated {len(duplicated)}, stored without acknowledgement "
        f"{len(unacknowledged_stored)}"
    )
    return not lost and not duplicated and len(acknowledged) > 0


def two_instance_check(environment, database, workdir, rounds=20):
    first = Gunicorn(environment, 2, workdir / "gunicorn-a.log")
    second = Gunicorn(environment, 2, workdir / "gunicorn-b.log")
    try:
        writer, reader = HttpClient(first.port), HttpClient(second.port)
        sign_in(writer)
        reader.cookies = dict(writer.cookies)  # the session lives in the database: valid on any instance
        seen = 0
        for index in range(rounds):
            name = f"bench-two-{index}-{secrets.token_hex(3)}"
            acknowledged, status = add_network(writer, name)
            if not acknowledged:
                print(f"two instances: write {index} not acknowledged ({status})")
                continue
            status, page, _ = reader.request("GET", "/admin/cities/network/?" + urlencode({"q": name}))
            seen += status == 200 and name in page
        print(
            f"two instances (ports {first.port}, {second.port}): {seen}/{rounds} writes through the first "
            "were seen at once through the second, with the same session"
        )
        return seen == rounds
    finally:
        first.stop()
        second.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (at most 600)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--fault", action="store_true", help="stop PostgreSQL for --down seconds mid-run")
    parser.add_argument("--down", type=float, default=5.0)
    parser.add_argument(
        "--sign-in-every",
        type=int,
        default=0,
        metavar="N",
        help="writers start a new admin session every N requests (0: once), so that sign-ins meet the fault",
    )
    parser.add_argument("--two-instances", action="store_true")
    parser.add_argument("--skip-load", action="store_true", help="only the two-instance check")
    options = parser.parse_args()
    options.duration = min(options.duration, 600)
    if not (PG_BIN / "initdb").exists():
        raise SystemExit(f"PostgreSQL server binaries not found in {PG_BIN} (set PG_BIN).")

    workdir = Path(tempfile.mkdtemp(prefix="portal-bench."))
    database = PostgreSQL()
    environment = production_environment(database.url, workdir)
    servers, ok = [], True
    try:
        database.initialise()
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["load_registry", "-v0"],
            ["collectstatic", "--noinput", "-v0"],
            ["createsuperuser", "--noinput", "--username", ADMIN_USER, "--email", "bench@example.org"],
        ):
            manage(environment, *command)
        urls = public_urls(database)
        print(f"PostgreSQL on 127.0.0.1:{database.port}; {len(urls)} public URLs; logs in {workdir}")

        if not options.skip_load:
            server = Gunicorn(environment, options.workers, workdir / "gunicorn.log")
            servers.append(server)
            fault_note = f"; PostgreSQL down for {options.down} s mid-run" if options.fault else ""
            print(
                f"gunicorn on 127.0.0.1:{server.port}, {options.workers} workers; {options.clients} clients for "
                f"{options.duration} s{fault_note}"
            )

            def fault(began):
                time.sleep(options.duration / 3)
                stopped = time.monotonic()
                database.stop("fast")
                time.sleep(options.down)
                database.start()
                return stopped - began, time.monotonic() - began

            events, writes, began, fault_times = run_load(
                server.port,
                urls,
                options.clients,
                options.duration,
                fault if options.fault else None,
                options.sign_in_every,
            )
            errors = report(events, began, options.duration)
            timeouts = sum(1 for _, outcome, *_ in events if outcome == "timeout")
            if fault_times:
                down_at, up_at = fault_times
                # When the answers came (start + duration), relative to the start of the load.
                failures = sorted(
                    t + seconds - began for t, outcome, seconds, *_ in events if outcome not in (200, 302)
                )
                print(f"PostgreSQL stopped at {down_at:.1f} s, started again at {up_at:.1f} s")
                if failures:
                    print(
                        f"error window: answers failed from {failures[0]:.1f} s to {failures[-1]:.1f} s "
                        f"({failures[-1] - failures[0]:.1f} s); the last failure {failures[-1] - up_at:+.1f} s "
                        "after PostgreSQL was back"
                    )
                # A 503 is the expected answer while PostgreSQL is down (and until the workers reconnect), to
                # a sign-in as to any other request; a 503 before the stop or long after the start is a failure.
                during = [
                    kind
                    for t, outcome, seconds, kind, _ in events
                    if outcome == 503 and down_at <= t + seconds - began <= up_at + RECOVERY_SECONDS
                ]
                other = len(failures) - len(during)
                print(
                    f"while down: {len(during)} answers 503 ({during.count('sign-in')} of them to a sign-in), "
                    f"{other} other failures, {timeouts} timeouts"
                )
                ok &= other == 0 and timeouts == 0 and (not failures or failures[-1] - up_at < RECOVERY_SECONDS)
            else:
                ok &= errors == 0
            ok &= check_writes(database, writes)
            server.stop()
            servers.remove(server)

        if options.two_instances:
            ok &= two_instance_check(environment, database, workdir)
    finally:
        for server in servers:
            server.stop()
        database.remove()
    print("RESULT: " + ("pass" if ok else "FAIL"))
    if ok:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
