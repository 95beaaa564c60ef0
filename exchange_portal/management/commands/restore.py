"""Restore the whole registry database from a file made by ``backup``: ``python manage.py restore PATH``.

Refuses a database that already has tables unless ``--force`` (which replaces its contents). Stop the
app servers first: a restore under live traffic mixes old and new answers. See exchange_portal/backups.py.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from exchange_portal import pagecache
from exchange_portal.backups import BackupError, database_tables, restore_database


class Command(BaseCommand):
    help = "Restore the database from a backup file made by the backup command."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Backup file written by the backup command.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")
        parser.add_argument(
            "--force", action="store_true", help="Replace the contents of a database that is not empty."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check the file and the database only.")

    def handle(self, *args, path, database, force, dry_run, **options):
        connection = connections[database]
        settings_dict = connection.settings_dict
        connection.close()  # our own connection must not hold the database during the restore
        try:
            restore_database(path, settings_dict=settings_dict, force=force, dry_run=dry_run)
            if dry_run:
                if options["verbosity"]:
                    self.stdout.write(self.style.SUCCESS(f"{path} can be restored into {settings_dict['NAME']}."))
                return
            tables = database_tables(settings_dict)
            pagecache.registry_changed()  # the restored row would bring back an old generation
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(f"Restored {path} into {settings_dict['NAME']} ({len(tables)} tables).")
            )
