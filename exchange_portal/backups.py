"""Backups of the whole registry database, and restores from them.

PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore``. SQLite: a consistent copy made with SQLite's
online backup API (safe while the portal is running). The management commands ``backup`` and
``restore`` are thin shells around ``backup_database`` and ``restore_database``.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import psycopg
from django.db import connections

POSTGRESQL = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"
PG_DUMP_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Where Debian puts the client binaries when they are not on PATH.
DEFAULT_PG_BIN = Path("/usr/lib/postgresql/15/bin")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def backup_database(path, *, using="default"):
    """Write a backup of the database ``using`` to ``path``; returns the path."""
    path = Path(path)
    if path.is_dir():
        raise BackupError(f"{path} is a directory; give the name of the backup file to write.")
    if not path.parent.is_dir():
        raise BackupError(f"The directory {path.parent} does not exist.")
    connection = connections[using]
    engine = connection.settings_dict["ENGINE"]
    if engine == SQLITE:
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            # Copies a consistent snapshot, page by page, even while others write.
            connection.connection.backup(target)
        finally:
            target.close()
    elif engine == POSTGRESQL:
        _run_pg_tool("pg_dump", connection.settings_dict, ["--format=custom", "--no-owner", f"--file={path}"])
    else:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")
    return path


def restore_database(path, *, settings_dict, force=False, dry_run=False):
    """Restore the backup at ``path`` into the database described by ``settings_dict`` (a DATABASES
    entry). Refuses a database that already has tables unless ``force``; ``dry_run`` checks the file and
    the target and stops there."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    with open(path, "rb") as backup:
        magic = backup.read(len(SQLITE_MAGIC))
    engine = settings_dict["ENGINE"]
    if engine == SQLITE:
        if not magic.startswith(SQLITE_MAGIC):
            raise BackupError(f"{path} is not an SQLite backup (made with a {_kind(magic)} database?).")
        _restore_sqlite(path, str(settings_dict["NAME"]), force=force, dry_run=dry_run)
    elif engine == POSTGRESQL:
        if not magic.startswith(PG_DUMP_MAGIC):
            raise BackupError(f"{path} is not a pg_dump custom-format backup (made with a {_kind(magic)} database?).")
        tables = _postgresql_tables(settings_dict)
        if tables and not force:
            raise BackupError(_not_empty_message(settings_dict["NAME"], tables))
        if dry_run:
            return
        options = ["--no-owner", "--single-transaction", "--exit-on-error", f"--dbname={settings_dict['NAME']}"]
        if tables:
            options += ["--clean", "--if-exists"]
        _run_pg_tool("pg_restore", settings_dict, [*options, str(path)], dbname_option=False)
    else:
        raise BackupError(f"Restores support PostgreSQL and SQLite, not {engine}.")


def database_tables(settings_dict):
    """Names of the tables in the database described by ``settings_dict``."""
    if settings_dict["ENGINE"] == SQLITE:
        return _sqlite_database_tables(str(settings_dict["NAME"]))
    return _postgresql_tables(settings_dict)


def _kind(magic):
    if magic.startswith(SQLITE_MAGIC):
        return "SQLite"
    if magic.startswith(PG_DUMP_MAGIC):
        return "PostgreSQL"
    return "different kind of"


def _not_empty_message(name, tables):
    shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
    return (
        f"The database {name} is not empty ({len(tables)} tables: {shown}). Restore into a new, empty "
        "database, or pass --force to replace its contents with the backup."
    )


def _restore_sqlite(path, target_name, *, force, dry_run):
    if not force and (tables := _sqlite_database_tables(target_name)):
        raise BackupError(_not_empty_message(target_name, tables))
    source = _sqlite_connect(path, readonly=True)
    try:
        source.execute("PRAGMA schema_version").fetchone()  # reads the header: fails on a damaged file
        if dry_run:
            return
        target = _sqlite_connect(target_name)
        try:
            # The backup API replaces the target's pages in one step, under the target's lock.
            source.backup(target)
        finally:
            target.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} could not be read as an SQLite database: {error}.") from error
    finally:
        source.close()


def _sqlite_connect(name, *, readonly=False):
    # NAME is a file path, or a URI such as the shared in-memory database of the test suite.
    if str(name).startswith("file:"):
        return sqlite3.connect(str(name), uri=True)
    if readonly:
        return sqlite3.connect(f"file:{name}?mode=ro", uri=True)
    return sqlite3.connect(name)


def _sqlite_database_tables(name):
    if not name.startswith("file:") and not Path(name).exists():
        return []
    db = _sqlite_connect(name, readonly=True)
    try:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        return [table for (table,) in rows]
    finally:
        db.close()


def _postgresql_tables(settings_dict):
    try:
        with psycopg.connect(**_psycopg_params(settings_dict)) as db:
            rows = db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            ).fetchall()
    except psycopg.OperationalError as error:
        raise BackupError(f"Cannot connect to the database {settings_dict['NAME']}: {error}".strip()) from error
    return [name for (name,) in rows]


def _psycopg_params(settings_dict):
    params = {"dbname": settings_dict["NAME"]}
    for key, param in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if settings_dict.get(key):
            params[param] = str(settings_dict[key])
    return params


def _pg_tool(name):
    if pg_bin := os.environ.get("PG_BIN"):
        candidate = Path(pg_bin) / name
        if candidate.is_file():
            return str(candidate)
        raise BackupError(f"{name} not found in PG_BIN={pg_bin}.")
    found = shutil.which(name) or (str(DEFAULT_PG_BIN / name) if (DEFAULT_PG_BIN / name).is_file() else None)
    if not found:
        raise BackupError(
            f"{name} not found on PATH nor in {DEFAULT_PG_BIN}. Install the PostgreSQL client "
            "(Debian: apt-get install postgresql-client) or set PG_BIN to the folder that holds it."
        )
    return found


def _run_pg_tool(name, settings_dict, arguments, *, dbname_option=True):
    params = _psycopg_params(settings_dict)
    command = [_pg_tool(name)]
    for param, option in (("host", "--host"), ("port", "--port"), ("user", "--username")):
        if param in params:
            command.append(f"{option}={params[param]}")
    command.append("--no-password")
    if dbname_option:
        command.append(f"--dbname={params['dbname']}")
    command += arguments
    environment = {**os.environ}
    if "password" in params:
        environment["PGPASSWORD"] = params["password"]  # not on the command line, where ps shows it
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{name} failed (exit {result.returncode}): {result.stderr.strip()}")
