"""nginx in front of two gunicorn instances on one PostgreSQL, with failover and Redis faults, over 127.0.0.1.

    .venv/bin/python bench/lb.py                    # failover: SIGTERM one gunicorn, restart it, SIGKILL a worker
    .venv/bin/python bench/lb.py --redis-fault      # both instances on one redis-server, stopped mid-run
    .venv/bin/python bench/lb.py --duration 40 --clients 20

The production layout as users run it: Debian's nginx (/usr/sbin/nginx, started unprivileged from a
configuration in a temporary directory) balancing two gunicorn instances (``gunicorn.conf.py``, production
mode, each bound to its own 127.0.0.1 port) on one throwaway PostgreSQL 15 holding the 2005–2021 history
(``bench/load.py`` starts it, migrates once and loads the data). nginx stands for the TLS-terminating
proxy: it sets ``X-Forwarded-Proto: https`` and appends the client to ``X-Forwarded-For``, and the app runs
with ``SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto`` and ``TRUSTED_PROXY_COUNT=1``.

Health: open-source nginx checks upstreams passively (``max_fails``/``fail_timeout``; a refused
connection, a timeout, 502 or 503 is retried on the other instance by ``proxy_next_upstream``; a POST
already sent is never retried, so that a write is not made twice). The script probes ``/healthz/ready`` on
each instance every 0.5 s, as an active checker would, and prints each change.

The load is that of ``bench/load.py`` (readers on the public pages, one client in ten signed in to the
admin adding networks). Failover run: at a quarter of the run one gunicorn gets SIGTERM (a graceful stop:
its workers finish their requests), at half it is started again on the same port, at three quarters one
worker of the other gets SIGKILL (its master starts a new one). Redis run: both instances use one
redis-server (``REDIS_URL``) that is stopped (SHUTDOWN NOSAVE) at a third of the run and started again
after ``--down`` seconds. Then it reports requests, answers by status, the failures per event, the writes
sent/acknowledged/stored/lost, nginx's retries to the other instance, and what repeat visits cost with
the app's ``ETag``s (``If-None-Match`` → 304). The report is also written to ``bench/results/``.
The exit status is 1 when a check fails: any 5xx or lost write beyond the requests in flight at the SIGKILL.
"""

import argparse
import contextlib
import http.client
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load  # noqa: E402 (bench/load.py, beside this file)

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
RESULTS = Path(__file__).resolve().parent / "results"
LINES = []


def say(line=""):
    print(line, flush=True)
    LINES.append(line)


class Instance(load.Gunicorn):
    """A gunicorn instance on a fixed port, so that it can be stopped and started again behind nginx."""

    def __init__(self, environment, workers, log_path, port):
        self.environment, self.workers, self.log_path, self.port = environment, workers, log_path, port
        self.start()

    def start(self):
        self.log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [str(load.BASE_DIR / ".venv/bin/gunicorn"), "-c", str(load.BASE_DIR / "gunicorn.conf.py")]
            + ["exchange_portal.wsgi"],
            cwd=load.BASE_DIR,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**self.environment, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_WORKERS": str(self.workers)},
        )
        load.wait_until_answering(self.process, self.port, "/healthz", "gunicorn", self.log_path)

    def workers_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []


NGINX_CONF = """
{user}
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  client_body_temp_path {dir}/client_temp;
  proxy_temp_path {dir}/proxy_temp;
  fastcgi_temp_path {dir}/fastcgi_temp;
  uwsgi_temp_path {dir}/uwsgi_temp;
  scgi_temp_path {dir}/scgi_temp;
  log_format upstreams '$status $request_method "$upstream_addr" "$upstream_status" $body_bytes_sent';
  access_log {dir}/nginx-access.log upstreams;
  upstream portal {{
    # Passive health: 3 failures within 5 s take an instance out for 5 s. One killed worker's requests
    # in flight do not take out a whole instance.
    server 127.0.0.1:{a} max_fails=3 fail_timeout=5s;
    server 127.0.0.1:{b} max_fails=3 fail_timeout=5s;
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://portal;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # nginx stands for the TLS-terminating proxy here: the app sees every request as HTTPS.
      proxy_set_header X-Forwarded-Proto https;
      proxy_connect_timeout 2s;
      proxy_read_timeout 35s;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
    }}
  }}
}}
"""


class Nginx:
    def __init__(self, directory, upstream_ports):
        self.directory = directory
        self.port = load.free_port()
        user = "user root;" if os.geteuid() == 0 else ""
        config = NGINX_CONF.format(user=user, dir=directory, a=upstream_ports[0], b=upstream_ports[1], port=self.port)
        (directory / "nginx.conf").write_text(config)
        self.process = subprocess.Popen(
            [NGINX, "-c", str(directory / "nginx.conf"), "-p", str(directory)],
            stdout=subprocess.DEVNULL,
            stderr=open(directory / "nginx-stderr.log", "w"),
        )
        load.wait_until_answering(self.process, self.port, "/healthz", "nginx", directory / "nginx-error.log")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def retries(self):
        """Requests that nginx passed to a second upstream (``$upstream_addr`` lists both), by final status."""
        log = self.directory / "nginx-access.log"
        lines = log.read_text().splitlines() if log.exists() else []
        return Counter(line.split()[0] for line in lines if "," in line.split('"')[1])


class Redis:
    def __init__(self, directory):
        self.directory, self.port = directory, load.free_port()
        self.start()

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        subprocess.run(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--daemonize", "yes", "--pidfile", str(self.directory / "redis.pid"), "--dir", str(self.directory)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            if self.cli("ping") == "PONG":
                return
            time.sleep(0.05)
        raise SystemExit("redis-server did not start")

    def cli(self, *arguments):
        result = subprocess.run(
            ["redis-cli", "-p", str(self.port), *arguments], capture_output=True, text=True, timeout=10
        )
        return result.stdout.strip()

    def stop(self):
        self.cli("shutdown", "nosave")


class HealthProbe(threading.Thread):
    """Asks each instance's /healthz/ready every 0.5 s and records each change of its state."""

    def __init__(self, ports, began):
        super().__init__(daemon=True)
        self.ports, self.began, self.changes, self.running = ports, began, [], True
        self.seconds = []  # how long each answered probe took: it waits for a free worker like any request

    def run(self):
        state = {}
        while self.running:
            for port in self.ports:
                started = time.monotonic()
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    connection.request(
                        "GET", "/healthz/ready", headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
                    )
                    up = connection.getresponse().status == 200
                    connection.close()
                    self.seconds.append(time.monotonic() - started)
                except OSError:
                    up = False
                if state.get(port) != up:
                    state[port] = up
                    self.changes.append((time.monotonic() - self.began, port, "up" if up else "down"))
            time.sleep(0.5)


def repeat_visits(port, urls):
    """Bytes of a first visit to ``urls`` and of a repeat visit that sends the ETags back."""
    first = repeat = not_modified = 0
    sample = None
    for _page, url in urls:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        connection.request("GET", url, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        body = response.read()
        first += len(body)
        etag = response.headers.get("ETag")
        sample = (
            sample or f"{url}: {response.status}, ETag {etag}, Cache-Control {response.headers.get('Cache-Control')}"
        )
        connection.close()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        headers = {"Host": "127.0.0.1", **({"If-None-Match": etag} if etag else {})}
        connection.request("GET", url, headers=headers)
        response = connection.getresponse()
        repeat += len(response.read())
        not_modified += response.status == 304
        connection.close()
    say(
        f"repeat visits of {len(urls)} pages through nginx: first {first:,} bytes of bodies, repeat with "
        f"If-None-Match {repeat:,} bytes ({not_modified} answers 304); e.g. {sample}"
    )
    return not_modified


def failures_around(events, began, moments):
    """Failed answers (5xx, timeouts, connection errors) grouped by the event they followed."""
    failed = sorted(
        (t + seconds - began, str(outcome), kind)
        for t, outcome, seconds, kind, _page in events
        if not (isinstance(outcome, int) and outcome < 500)
    )
    for when, label in moments:
        say(f"  {when:6.1f} s  {label}")
    for at, outcome, kind in failed[:30]:
        say(f"  failure at {at:6.1f} s: {outcome} ({kind})")
    if len(failed) > 30:
        say(f"  … {len(failed) - 30} more")
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (at most 600)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument("--redis-fault", action="store_true", help="stop redis-server for --down seconds mid-run")
    parser.add_argument("--down", type=float, default=8.0)
    options = parser.parse_args()
    options.duration = min(options.duration, 600)
    for program in (NGINX, str(load.PG_BIN / "initdb")) + ((REDIS_SERVER,) if options.redis_fault else ()):
        if not os.path.exists(program):
            raise SystemExit(f"{program} is missing (apt-get install nginx-light redis-server postgresql-15).")

    workdir = Path(tempfile.mkdtemp(prefix="portal-lb."))
    if os.geteuid() == 0:
        workdir.chmod(0o755)
    database = load.PostgreSQL()
    environment = {**load.production_environment(database.url, workdir), "TRUSTED_PROXY_COUNT": "1"}
    redis = instances = nginx = None
    ok = True
    try:
        if options.redis_fault:
            redis = Redis(workdir)
            environment["REDIS_URL"] = redis.url
        database.initialise()
        for command in (
            ["migrate", "--noinput", "-v0"],  # once per deploy, not per instance
            ["load_registry", "-v0"],
            ["collectstatic", "--noinput", "-v0"],
            ["createsuperuser", "--noinput", "--username", load.ADMIN_USER, "--email", "bench@example.org"],
        ):
            load.manage(environment, *command)
        urls = load.public_urls(database)
        ports = [load.free_port(), load.free_port()]
        instances = [Instance(environment, options.workers, workdir / f"gunicorn-{n}.log", ports[n]) for n in (0, 1)]
        nginx = Nginx(workdir, ports)
        run = "redis fault" if options.redis_fault else "failover"
        say(f"# bench/lb.py — {run} run, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
        say()
        say(
            f"nginx {nginx.port} → gunicorn {ports[0]} and {ports[1]} ({options.workers} workers each), PostgreSQL "
            f"{database.port}{f', redis {redis.port}' if redis else ''}; {options.clients} clients for "
            f"{options.duration} s; {len(urls)} public URLs; logs in {workdir}"
        )
        moments = []
        probe = HealthProbe(ports, time.monotonic())

        def failover(began):
            probe.began = began
            probe.start()
            duration = options.duration
            time.sleep(duration / 4)
            moments.append((time.monotonic() - began, f"SIGTERM to gunicorn {ports[0]} (graceful stop)"))
            instances[0].process.send_signal(signal.SIGTERM)
            instances[0].process.wait(60)
            instances[0].log.close()
            moments.append((time.monotonic() - began, f"gunicorn {ports[0]} has stopped"))
            time.sleep(max(0, began + duration / 2 - time.monotonic()))
            moments.append((time.monotonic() - began, f"gunicorn {ports[0]} starting again"))
            instances[0].start()
            moments.append((time.monotonic() - began, f"gunicorn {ports[0]} answers /healthz"))
            time.sleep(max(0, began + 3 * duration / 4 - time.monotonic()))
            worker = instances[1].workers_pids()[0]
            os.kill(worker, signal.SIGKILL)
            moments.append((time.monotonic() - began, f"SIGKILL to worker {worker} of gunicorn {ports[1]}"))

        def redis_fault(began):
            probe.began = began
            probe.start()
            time.sleep(options.duration / 3)
            moments.append((time.monotonic() - began, f"redis-server stopped (keys before: {redis.cli('dbsize')})"))
            redis.stop()
            time.sleep(options.down)
            redis.start()
            moments.append((time.monotonic() - began, "redis-server started again (empty)"))

        events, writes, began, _ = load.run_load(
            nginx.port, urls, options.clients, options.duration, redis_fault if options.redis_fault else failover
        )
        probe.running = False
        say()
        say("```")
        for line in capture(load.report, events, began, options.duration):
            say(line)
        for line in capture(check_writes_into, database, writes):
            say(line)
        say("```")
        say()
        say("Events and failures (seconds from the start of the load):")
        failed = failures_around(events, began, moments)
        for at, port, state in probe.changes:
            say(f"  /healthz/ready probe: {port} {state} at {at:.1f} s")
        if probe.seconds:
            ms = sorted(seconds * 1000 for seconds in probe.seconds)
            say(
                f"/healthz/ready answered {len(ms)} probes in p50 {ms[len(ms) // 2]:.0f} ms, "
                f"p95 {ms[int(len(ms) * 0.95)]:.0f} ms, max {ms[-1]:.0f} ms (queued behind pages for a free worker)"
            )
        retried = nginx.retries()
        say(f"nginx passed {sum(retried.values())} requests on to the other instance (final status: {dict(retried)})")
        fivexx = sum(1 for _, outcome, _ in failed if outcome.isdigit() and int(outcome) >= 500)
        others = len(failed) - fivexx
        say(f"5xx answers: {fivexx}; timeouts and connection errors: {others}")
        rows = Counter(name for (name,) in database.query("SELECT name FROM cities_network WHERE name LIKE 'bench-%'"))
        acknowledged = [name for name, acked in writes if acked]
        lost = [name for name in acknowledged if rows[name] == 0]
        duplicated = [name for name, n in rows.items() if n > 1]
        stored_ok = not lost and not duplicated and bool(acknowledged)
        if options.redis_fault:
            down_at, up_at = moments[0][0], moments[1][0]
            for label, start, end in (
                ("before the outage", 0, down_at),
                ("Redis down", down_at, up_at),
                ("after its return", up_at, options.duration),
            ):
                answered = [
                    seconds * 1000
                    for t, outcome, seconds, _kind, _page in events
                    if outcome == 200 and start <= t - began < end
                ]
                rate = len(answered) / max(end - start, 0.1)
                median = load.statistics.median(answered) if answered else 0
                say(f"  {label}: {len(answered)} answers 200 ({rate:.1f}/s), p50 {median:.0f} ms")
            after = redis.cli("dbsize")
            say(f"redis keys after the run: {after} (pages cached through it again after its return)")
            ok &= fivexx == 0 and others == 0 and int(after or 0) > 0
        else:
            # Only requests in flight on the killed worker may fail (at most one per worker: sync workers).
            kill_at = moments[-1][0]
            outside = [f for f in failed if not (kill_at - 1 <= f[0] <= kill_at + REQUEST_WINDOW)]
            say(f"failures outside the SIGKILL's requests in flight: {len(outside)}")
            ok &= not outside and len(failed) <= 1  # a sync worker has one request in flight
        ok &= stored_ok
        ok &= repeat_visits(nginx.port, urls[:20]) > 0
    finally:
        if nginx:
            nginx.stop()
        for instance in instances or []:
            instance.stop()
        if redis:
            redis.stop()
        database.remove()
    say(f"RESULT: {'pass' if ok else 'FAIL'}")
    RESULTS.mkdir(exist_ok=True)
    name = f"lb-{'redis' if options.redis_fault else 'failover'}-{datetime.now(UTC):%Y%m%dT%H%M%S}.md"
    (RESULTS / name).write_text("\n".join(LINES) + "\n")
    print(f"written to bench/results/{name}")
    if ok:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


REQUEST_WINDOW = load.REQUEST_TIMEOUT  # a request in flight at the kill ends within this


def capture(function, *arguments):
    """What ``function`` prints, as lines."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        function(*arguments)
    return buffer.getvalue().splitlines()


def check_writes_into(database, writes):
    load.check_writes(database, writes)


if __name__ == "__main__":
    sys.exit(main())
