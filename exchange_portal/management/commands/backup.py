"""Back up the whole registry database to one file: ``python manage.py backup PATH``.

PostgreSQL: a pg_dump custom-format archive (restore with ``restore`` or pg_restore). SQLite: a
consistent copy of the database file, safe to take while the portal runs. See exchange_portal/backups.py.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from exchange_portal.backups import BackupError, backup_database


class Command(BaseCommand):
    help = "Write a backup of the whole database to PATH (pg_dump custom format, or an SQLite copy)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="File to write, e.g. var/backups/portal-2026-01-31.dump")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, path, database, **options):
        try:
            written = backup_database(path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = written.stat().st_size
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Backup written to {written} ({size:,} bytes)."))
