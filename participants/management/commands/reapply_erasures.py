"""After restoring a backup: erase again everyone the erasure log names (the database's own log and the
file ``ERASURE_LOG_PATH``, kept outside the database, which also holds erasures newer than the backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from participants.services.privacy import erasures_reapply

from ._privacy import report_erased


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
        summary = (
            f"{len(report.erased):,} participants again; the log names {report.logged:,}, "
            f"{report.already_erased:,} were erased already, {report.missing:,} are not in this database."
        )
        report_erased(self, report, dry_run=dry_run, verbosity=verbosity, summary=summary)
