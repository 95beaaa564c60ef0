"""backup / restore: a restored backup holds exactly the rows of the original, table by table."""

import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from programs.models import Program


def table_rows(cursor, tables):
    """Every row of every table, in a stable order, for comparison across databases."""
    contents = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')
        contents[table] = sorted(cursor.fetchall(), key=repr)
    return contents


@pytest.fixture
def second_database():
    """A fresh, empty database on the same server as the test database; dropped afterwards."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as directory:
            settings_dict["NAME"] = str(Path(directory) / "restored.sqlite3")
            yield settings_dict
        return
    import psycopg

    from exchange_portal.backups import _psycopg_params

    name = f"restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**_psycopg_params(settings_dict), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    settings_dict["NAME"] = name
    try:
        yield settings_dict
    finally:
        with psycopg.connect(
            **_psycopg_params(dict(settings_dict, NAME=connection.settings_dict["NAME"])), autocommit=True
        ) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def open_cursor(settings_dict):
    """A plain driver cursor (no Django type conversion), so both sides are read alike."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        from exchange_portal.backups import _sqlite_connect

        return _sqlite_connect(str(settings_dict["NAME"])).cursor()
    import psycopg

    from exchange_portal.backups import _psycopg_params

    return psycopg.connect(**_psycopg_params(settings_dict)).cursor()


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_every_table_and_row_of_the_original(tmp_path, second_database):
    call_command("loaddata", "registry", verbosity=0)
    assert Program.objects.count() > 100
    backup = tmp_path / "portal.backup"
    call_command("backup", str(backup), verbosity=0)
    assert backup.stat().st_size > 0

    from exchange_portal.backups import restore_database

    restore_database(backup, settings_dict=second_database)

    tables = connection.introspection.table_names()
    assert "programs_program" in tables and "django_migrations" in tables
    original_cursor, restored_cursor = open_cursor(connection.settings_dict), open_cursor(second_database)
    try:
        original = table_rows(original_cursor, tables)
        restored = table_rows(restored_cursor, tables)
    finally:
        original_cursor.connection.close()
        restored_cursor.connection.close()
    assert len(original["programs_program"]) == Program.objects.count()
    assert sum(len(rows) for rows in original.values()) > 500
    for table in tables:
        assert restored[table] == original[table], table


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty_unless_forced(tmp_path, second_database):
    from exchange_portal.backups import BackupError, restore_database

    call_command("loaddata", "registry", verbosity=0)
    backup = tmp_path / "portal.backup"
    call_command("backup", str(backup), verbosity=0)
    restore_database(backup, settings_dict=second_database)
    with pytest.raises(BackupError, match="is not empty .* pass --force"):
        restore_database(backup, settings_dict=second_database)
    restore_database(backup, settings_dict=second_database, force=True)
    cursor = open_cursor(second_database)
    try:
        cursor.execute("SELECT COUNT(*) FROM programs_program")
        assert cursor.fetchone()[0] == Program.objects.count()
    finally:
        cursor.connection.close()


@pytest.mark.django_db
def test_restore_command_refuses_the_live_database_and_explains(tmp_path):
    backup = tmp_path / "portal.backup"
    call_command("backup", str(backup), verbosity=0)
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(backup), verbosity=0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "No backup file at"), (b"just some text", "is not a"), (b"", "is not a")],
    ids=["missing", "not-a-backup", "empty"],
)
def test_restore_rejects_a_missing_or_foreign_file(tmp_path, content, message):
    path = tmp_path / "candidate.backup"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path), "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_backup_refuses_a_missing_directory(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "missing" / "portal.backup"), verbosity=0)
