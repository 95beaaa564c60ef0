"""The portal through a real PgBouncer in transaction mode (Debian's ``pgbouncer``; .ci/run installs it).

PostgreSQL only (the throwaway server of .ci/with-postgres, its test database migrated by pytest-django);
skipped where pgbouncer is not installed. The statement timeout and jit=off come from the web role that
``setup_database_roles`` configures, since PgBouncer refuses the libpq options that carry them otherwise.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection, connections

from exchange_portal.database_roles import setup_database_roles

from .production_env import run_code
from .test_redis import free_port

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
TIMEOUT_MS = 1000  # the web role's limit here: short, so that the slow query below is quick to cancel

pytestmark = [
    pytest.mark.skipif(not os.path.exists(PGBOUNCER), reason="pgbouncer is not installed (.ci/run installs it)"),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PgBouncer stands in front of PostgreSQL"),
]


def as_postgres(command):
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PgBouncer:
    """A throwaway pgbouncer in transaction mode in front of the test server, its files in a folder of its own
    (owned by postgres when run as root: pgbouncer refuses root and dies silently if it cannot write its log)."""

    def __init__(self, *, host, port, users):
        # Not under pytest's tmp_path: its parents are private to root, where postgres cannot read.
        self.directory, self.port = Path(tempfile.mkdtemp(prefix="portal-pgbouncer.")), free_port()
        (self.directory / "userlist.txt").write_text("".join(f'"{user}" ""\n' for user in users))
        (self.directory / "pgbouncer.ini").write_text(
            f"""[databases]
* = host={host} port={port}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {self.port}
unix_socket_dir =
pool_mode = transaction
default_pool_size = 2
auth_type = trust
auth_file = {self.directory}/userlist.txt
admin_users = postgres
pidfile = {self.directory}/pgbouncer.pid
logfile = {self.directory}/pgbouncer.log
"""
        )
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
            for path in self.directory.iterdir():
                shutil.chown(path, "postgres", "postgres")

    def start(self):
        subprocess.run(as_postgres([PGBOUNCER, "-d", str(self.directory / "pgbouncer.ini")]), check=True)
        deadline = time.monotonic() + 10
        while not (self.directory / "pgbouncer.pid").exists():
            if time.monotonic() > deadline:
                log = self.directory / "pgbouncer.log"
                raise RuntimeError("pgbouncer did not start: " + (log.read_text() if log.exists() else "no log"))
            time.sleep(0.02)

    def stop(self):
        pid_file = self.directory / "pgbouncer.pid"
        if pid_file.exists():
            os.kill(int(pid_file.read_text()), 2)  # SIGINT: a fast shutdown
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.fixture
def roles(django_db_blocker):
    """portal_web and portal_commands on the test server, set up on a connection of their own so that they
    are committed (the test's connection stays inside its transaction) and seen by the subprocess. The tables
    belong to postgres here (pytest-django migrated them), not to portal_commands as in a deployment, so the
    web role is given access to them."""
    with django_db_blocker.unblock():
        own = connections.create_connection("default")
        try:
            setup_database_roles(
                web_role="portal_web", commands_role="portal_commands", statement_timeout_ms=TIMEOUT_MS, connection=own
            )
            with own.cursor() as cursor:
                cursor.execute("GRANT pg_read_all_data, pg_write_all_data TO portal_web")
            yield
            with own.cursor() as cursor:
                cursor.execute("REVOKE pg_read_all_data, pg_write_all_data FROM portal_web")
                for role in ("portal_web", "portal_commands"):
                    cursor.execute(f"ALTER ROLE {role} RESET ALL")
        finally:
            own.close()


@pytest.fixture
def pgbouncer(roles):
    settings_dict = connection.settings_dict
    bouncer = PgBouncer(
        host=settings_dict["HOST"],
        port=settings_dict["PORT"],
        users=["postgres", "portal_web"],
    )
    bouncer.start()
    yield bouncer
    bouncer.stop()


def environment_through(bouncer, user, **overrides):
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DEBUG"))}
    environment.update(
        DATABASE_URL=f"postgres://{user}@127.0.0.1:{bouncer.port}/{connection.settings_dict['NAME']}",
        DATABASE_POOLER="pgbouncer",
        DATABASE_STATEMENT_TIMEOUT=str(TIMEOUT_MS / 1000),
        CONN_MAX_AGE="0",
    )
    environment.update(overrides)
    return {key: value for key, value in environment.items() if value is not None}


THROUGH_PGBOUNCER = """
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from exchange_portal.bounds import is_too_expensive
ready = client.get("/healthz/ready")
try:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(3)")
    cancelled = None
except Exception as error:
    cancelled = {"type": type(error).__name__, "message": str(error), "too_expensive": is_too_expensive(error)}
rows = MigrationRecorder.Migration.objects.order_by("id")
iterated = sum(1 for _ in rows.iterator(chunk_size=5))  # many chunks, each a transaction PgBouncer may move
print(json.dumps({"ready": ready.status_code, "ready_body": json.loads(ready.content), "cancelled": cancelled,
                  "iterated": iterated, "rows": rows.count(),
                  "server_side_cursors": not connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"],
                  "prepare_threshold": connection.connection.prepare_threshold}))
"""


@pytest.mark.django_db
def test_through_pgbouncer_the_web_role_cancels_slow_queries_iterates_and_is_ready(pgbouncer):
    answers = run_code(THROUGH_PGBOUNCER, environment_through(pgbouncer, "portal_web"))
    assert answers["ready"] == 200, answers["ready_body"]
    assert answers["ready_body"]["checks"]["statement_timeout"] == "ok"
    # The 3 s sleep is cancelled at the role's 1 s: the error the portal answers 400 "too expensive" for.
    assert answers["cancelled"]["type"] == "OperationalError"
    assert "statement timeout" in answers["cancelled"]["message"]
    assert answers["cancelled"]["too_expensive"] is True
    assert answers["iterated"] == answers["rows"] > 5
    assert answers["server_side_cursors"] is False and answers["prepare_threshold"] is None


READY_ONLY = """
ready = client.get("/healthz/ready")
print(json.dumps({"status": ready.status_code, "body": json.loads(ready.content)}))
"""


@pytest.mark.django_db
def test_through_pgbouncer_without_the_role_settings_readiness_names_the_statement_timeout(pgbouncer):
    # postgres has no role settings: the session runs with the server's defaults (no timeout, jit on).
    answers = run_code(READY_ONLY, environment_through(pgbouncer, "postgres"))
    assert answers["status"] == 503
    assert answers["body"]["failing"] == ["statement_timeout"]
    assert "statement_timeout is 0, not 1000ms" in answers["body"]["checks"]["statement_timeout"]


@pytest.mark.django_db
def test_the_libpq_options_without_database_pooler_are_refused_by_pgbouncer(pgbouncer):
    answers = run_code(READY_ONLY, environment_through(pgbouncer, "portal_web", DATABASE_POOLER=None))
    assert answers["status"] == 503
    assert answers["body"]["failing"] == ["database"]
    assert "unsupported startup parameter: options" in (pgbouncer.directory / "pgbouncer.log").read_text()
