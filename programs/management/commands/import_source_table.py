"""Import the published 2005–2021 table and the other source documents, and write the fixture.

python manage.py import_source_table              # import into the database, write fixtures/registry.json
python manage.py import_source_table --dry-run    # parse and report, write nothing
python manage.py import_source_table --no-fixture # import only
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programs.sources import importer, source_table

DEFAULT_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "registry.json"


class DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


class Command(BaseCommand):
    help = "Import the 2005–2021 program table and the other sources; write the fixture setup loads."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, default=source_table.source_path(), help="Table text file to read.")
        parser.add_argument("--fixture", type=Path, default=DEFAULT_FIXTURE, help="Where to write the fixture.")
        parser.add_argument("--no-fixture", action="store_true", help="Do not write the fixture.")
        parser.add_argument("--dry-run", action="store_true", help="Parse and report; change nothing.")

    def handle(self, *args, source, fixture, no_fixture, dry_run, **options):
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {source}: {error}") from error
        try:
            with transaction.atomic():
                report = importer.import_source_table(text)
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        except (source_table.TableError, importer.ReferenceDataError, KeyError) as error:
            raise CommandError(f"Nothing was imported: {error}") from error

        self._print_report(report, options["verbosity"])
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Dry run: nothing was written."))
            return
        if not no_fixture:
            count = importer.write_fixture(fixture)
            if options["verbosity"]:
                self.stdout.write(f"Wrote {count} records to {fixture}.")
        if not options["verbosity"]:
            return
        verb = "Imported" if report.changed else "Nothing changed; already up to date with"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(report.rows)} table rows from {source.name}."))

    def _print_report(self, report, verbosity):
        if verbosity < 1:
            return
        rows = report.rows
        self.stdout.write(
            f"Table: {len(rows)} rows, {sum(r.headcount for r in rows):,} participants; "
            f"{sum(len(r.issues) for r in rows)} problems in the source raised as flags."
        )
        for state in ("created", "updated", "relinked", "deleted", "unchanged"):
            self.stdout.write(f"  {state}: {report.total(state)}")
        if verbosity >= 2:
            for (label, state), n in sorted(report.counts.items()):
                self.stdout.write(f"    {label} {state}: {n}")
