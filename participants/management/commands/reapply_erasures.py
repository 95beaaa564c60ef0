"""After restoring a backup: erase again everyone the erasure logs name (the database's own, and the erasure
log kept outside it in ``STORAGES["erasure_log"]``, which also holds erasures newer than the backup; with
``--log FILE`` also a JSON-lines file of ``{"participant_id": …}`` records, such as the log file older
versions kept under ``var/``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from participants.services.privacy import erasures_reapply

from ._privacy import report_erased


class Command(BaseCommand):
    help = "Re-apply the erasure log after a restore: erase everyone it names that the database still holds."

    def add_arguments(self, parser):
        parser.add_argument(
            "--log",
            type=Path,
            help="Also a JSON-lines erasure log file (as older versions wrote to var/erasure-log.jsonl).",
        )
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
