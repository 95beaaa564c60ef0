"""Counts that must hold across processes, checked against a real gunicorn with two workers and no Redis:
the API throttle lets at most API_THROTTLE_RATE requests of one client through, whichever worker answers
them (counted in each worker's memory, two workers let about twice the rate through)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
RATE = 10


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # a new connection each time
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """gunicorn (gunicorn.conf.py, 2 sync workers) on a migrated SQLite file, without REDIS_URL."""
    directory = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_"))}
    environment.update(
        PYTHONPATH=str(BASE_DIR),
        DATABASE_URL=f"sqlite:///{directory / 'portal.sqlite3'}",
        API_THROTTLE_RATE=f"{RATE}/min",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=environment,
        check=True,
        timeout=120,
    )
    log = (directory / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "gunicorn.conf.py", "--chdir", str(BASE_DIR), "exchange_portal.wsgi"],
        cwd=BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if status(f"{url}/healthz") == 200:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError((directory / "gunicorn.log").read_text()[-3000:])
        time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(30)
    log.close()


def test_two_workers_let_no_more_than_the_rate_through(gunicorn):
    # Distinct URLs, as an attacker would send, so that no answer comes from the page cache.
    answers = [status(f"{gunicorn}/api/v1/themes/?n={number}") for number in range(4 * RATE)]
    assert answers.count(200) == RATE, answers
    assert answers[RATE:] == [429] * (3 * RATE)
