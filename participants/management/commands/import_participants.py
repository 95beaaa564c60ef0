"""Import participants and their enrollments from a CSV or Excel file (``participants/resources.py``).

Each row names a participant by email and optionally the program (slug), role and completion of an
enrollment. A file refused as a whole (too large, empty, binary, not UTF-8, without the email and name
columns) and a file with any invalid row write nothing; the problems are listed with their row and
column. ``--dry-run`` checks the file without writing.
"""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from exchange_portal.imports import run_import
from exchange_portal.upload_checks import RejectedFile
from participants.resources import ParticipantResource


class Command(BaseCommand):
    help = "Import participants and enrollments from a .csv or .xlsx file; nothing is written if a row is invalid."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")
        parser.add_argument(
            "--user",
            help="Import as this user name (their institute scope applies); by default no scope applies.",
        )

    def handle(self, *args, file, dry_run, user, verbosity, **options):
        if not file.exists():
            raise CommandError(f"{file}: no such file.")
        account = None
        if user:
            try:
                account = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user named {user!r}.") from None

        started = time.monotonic()

        def progress(done, total):
            if verbosity >= 1:
                elapsed = time.monotonic() - started
                self.stdout.write(f"  {done:,} / {total:,} rows ({done * 100 // total}%), {elapsed:.1f} s")

        try:
            report = run_import(ParticipantResource, file, user=account, dry_run=dry_run, progress=progress)
        except RejectedFile as error:
            raise CommandError(f"{file}: {error} Nothing was written.") from error

        elapsed = time.monotonic() - started
        if report.errors:
            for line in report.errors[:200]:
                self.stderr.write(line)
            if len(report.errors) > 200:
                self.stderr.write(f"… and {len(report.errors) - 200} more problems.")
            count = len(report.errors)
            raise CommandError(
                f"{count} problem{'' if count == 1 else 's'} in {report.total:,} rows; nothing was written."
            )
        summary = ", ".join(f"{count:,} {kind}" for kind, count in report.totals.items() if count)
        verb = "Checked (dry run, nothing written)" if dry_run else "Imported"
        self.stdout.write(
            self.style.SUCCESS(f"{verb}: {report.total:,} rows in {elapsed:.1f} s — {summary or 'no rows'}.")
        )
