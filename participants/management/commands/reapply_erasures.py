"""After restoring a backup: erase again everyone the erasure log names (the database's own log and the
file ``ERASURE_LOG_PATH``, kept outside the database, which also holds erasures newer than the backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from participants.services.privacy import erasures_reapply


class Command(BaseCommand):
    help = "Re-apply the erasure log after a restore: erase everyone it names that the database still holds."

    def add_arguments(self, parser):
        parser.add_argument("--log", type=Path, help="The erasure log file (default: the ERASURE_LOG_PATH setting).")
        parser.add_argument("--dry-run", action="store_true", help="Report who would be erased; change nothing.")

    def handle(self, *args, log, dry_run, verbosity, **options):
        if log is not None and not log.is_file():
            raise CommandError(f"{log}: no such file.")
        try:
            report = erasures_reapply(log_path=log, dry_run=dry_run)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if verbosity >= 2 and report.erased:
            self.stdout.write("Participant ids: " + ", ".join(str(pk) for pk in report.erased))
        verb = "Would erase (dry run, nothing changed)" if dry_run else "Erased"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}: {len(report.erased):,} participants again; the log names {report.logged:,}, "
                f"{report.already_erased:,} were erased already, {report.missing:,} are not in this database."
            )
        )
