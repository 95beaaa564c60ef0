"""What the API throttle's shared count costs per request: gunicorn (2 workers, no Redis) on a migrated
database, REQUESTS sequential API requests to distinct URLs (so that each one runs the view and the throttle,
none is a page-cache hit), with a rate no client reaches; prints the median and 90th percentile in ms.

    .venv/bin/python bench/shared_cache.py                       # this checkout, a SQLite file
    .venv/bin/python bench/shared_cache.py --code /path/to/other # another checkout (e.g. before the change)
    .ci/with-postgres .venv/bin/python bench/shared_cache.py     # PostgreSQL (DATABASE_URL)

Run it for the code before and after a change on the same machine, one after the other, a few times:
on a busy machine single runs vary by several ms.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--code", type=Path, default=BASE_DIR, help="the checkout to run (default: this one)")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--path", default="/api/v1/themes/", help="the API path asked for, with ?n=<number>")
    arguments = parser.parse_args()
    code = arguments.code.resolve()
    with tempfile.TemporaryDirectory() as directory:
        port = free_port()
        environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_"))}
        environment.update(
            PYTHONPATH=str(code),
            API_THROTTLE_RATE="1000000/min",
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS="2",
        )
        environment.setdefault("DATABASE_URL", f"sqlite:///{directory}/portal.sqlite3")
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=code, env=environment, check=True
        )
        gunicorn = Path(sys.executable).with_name("gunicorn")
        process = subprocess.Popen(
            [str(gunicorn), "-c", "gunicorn.conf.py", "--chdir", str(code), "exchange_portal.wsgi"],
            cwd=code,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if get(f"{url}/healthz") == 200:
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            for number in range(20):  # warm both workers
                get(f"{url}{arguments.path}?warm={number}")
            times, statuses = [], []
            for number in range(arguments.requests):
                started = time.perf_counter()
                statuses.append(get(f"{url}{arguments.path}?n={number}"))
                times.append((time.perf_counter() - started) * 1000)
        finally:
            process.terminate()
            process.wait(30)
    database = environment["DATABASE_URL"].split(":", 1)[0]
    quantiles = statistics.quantiles(times, n=10)
    print(
        f"{code.name} on {database}: {len(times)} requests, statuses {sorted(set(statuses))}, "
        f"p50 {statistics.median(times):.1f} ms, p90 {quantiles[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
