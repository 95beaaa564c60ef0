"""Runs Python code in a fresh interpreter with DJANGO_ENV=production: the settings module decides on
import, so production mode cannot be switched on inside the test process."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

PRELUDE = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange_portal.settings")
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
def collectstatic():
    from django.core.management import call_command
    call_command("collectstatic", interactive=False, verbosity=0)
def headers(response):
    return {"status": response.status_code, **{k.lower(): v for k, v in response.headers.items()}}
"""


def production_environment(tmp_path, **overrides):
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SECURE_", "DEBUG"))
    }
    environment.update(
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="registry.example.org,testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "staticfiles"),
    )
    for key, value in overrides.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    return environment


def run(arguments, environment):
    return subprocess.run(
        [sys.executable, *arguments], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


def run_code(code, environment):
    """Runs PRELUDE + code, which prints one JSON document as its last line; returns it decoded."""
    result = run(["-c", PRELUDE + code], environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
