"""The set-up promises: README's two commands, and a PostgreSQL pass that fails loudly when it cannot run."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make run" in first_block and "make test" in first_block


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_postgres_pass_fails_plainly_without_server_binaries():
    result = subprocess.run(
        [str(ROOT / ".ci" / "with-postgres"), "true"],
        env={"PG_BIN": "/nonexistent/postgresql/bin", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "PostgreSQL server binaries not found in /nonexistent/postgresql/bin" in result.stderr


def test_postgres_pass_reports_the_command_failure():
    result = subprocess.run(
        [str(ROOT / ".ci" / "with-postgres"), "sh", "-c", 'test -n "$DATABASE_URL" && exit 3'],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3  # the command ran with DATABASE_URL set, and its status came through
