"""Behind PgBouncer: DATABASE_POOLER, the commands' own DATABASE_COMMANDS_URL, and setup_database_roles.
Through a real PgBouncer: tests/production/test_pgbouncer.py."""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from .production_env import production_environment, run, run_code

POSTGRES_URL = "postgres://portal_web:secret@db.invalid:6432/portal"
SHOW_DATABASE = """
from django.conf import settings as s
database = s.DATABASES["default"]
print(json.dumps({"options": database.get("OPTIONS", {}), "user": database["USER"],
                  "server_side_cursors": not database.get("DISABLE_SERVER_SIDE_CURSORS", False)}))
"""


def test_behind_pgbouncer_no_libpq_options_are_sent_and_server_side_cursors_are_off(tmp_path):
    environment = production_environment(tmp_path, DATABASE_URL=POSTGRES_URL, DATABASE_POOLER="pgbouncer")
    answers = run_code(SHOW_DATABASE, environment)
    assert "options" not in answers["options"]  # PgBouncer refuses them: the role carries the settings
    assert answers["server_side_cursors"] is False
    direct = run_code(SHOW_DATABASE, production_environment(tmp_path, DATABASE_URL=POSTGRES_URL))
    assert direct["options"]["options"] == "-c jit=off -c statement_timeout=5000"
    assert direct["server_side_cursors"] is True


def test_an_unknown_pooler_is_refused_at_start(tmp_path):
    result = run(
        ["-c", "import django; django.setup()"],
        {
            **production_environment(tmp_path, DATABASE_URL=POSTGRES_URL, DATABASE_POOLER="pgpool"),
            "DJANGO_SETTINGS_MODULE": "exchange_portal.settings",
        },
    )
    assert result.returncode != 0
    assert "DATABASE_POOLER must be empty or 'pgbouncer'" in result.stderr


def test_management_commands_connect_with_database_commands_url(tmp_path):
    environment = production_environment(
        tmp_path,
        DATABASE_URL=POSTGRES_URL,
        DATABASE_POOLER="pgbouncer",
        DATABASE_COMMANDS_URL="postgres://portal_commands:secret@db.invalid:5432/portal",
    )
    code = SHOW_DATABASE.replace("json.dumps", "__import__('json').dumps")
    result = run(["manage.py", "shell", "-c", code], environment)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["user"] == "portal_commands"
    assert run_code(SHOW_DATABASE, environment)["user"] == "portal_web"  # gunicorn reads DATABASE_URL


def role_settings(role):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT unnest(setconfig) FROM pg_db_role_setting JOIN pg_roles ON pg_roles.oid = setrole "
            "WHERE rolname = %s AND setdatabase = 0",
            [role],
        )
        return sorted(row[0] for row in cursor.fetchall())


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="roles are PostgreSQL's")
@pytest.mark.django_db
def test_setup_database_roles_gives_the_web_role_the_timeout_and_the_commands_role_none(capsys):
    # Inside the test's transaction: the roles are gone again afterwards.
    for _ in range(2):  # safe to run again
        call_command("setup_database_roles", "--web-role", "t_web", "--commands-role", "t_commands")
    assert role_settings("t_web") == ["jit=off", "statement_timeout=5000ms"]
    assert role_settings("t_commands") == ["jit=off", "statement_timeout=0"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_has_role('t_web', 't_commands', 'USAGE')")
        assert cursor.fetchone()[0] is True  # the web role may use the tables the commands role owns
    assert "ALTER ROLE \"t_web\" SET statement_timeout = '5000ms';" in capsys.readouterr().out
