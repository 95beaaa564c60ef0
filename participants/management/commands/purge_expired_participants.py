"""Anonymise every participant whose retention date (``retain_until``) has come: run daily (cron or a
systemd timer, see the README), and sweep the admin's expired import previews. Running it again the same
day changes nothing."""

import time

from django.core.management.base import BaseCommand

from participants.services.privacy import participants_purge_expired

from ._privacy import report_erased


class Command(BaseCommand):
    help = "Erase (anonymise) every participant whose retention date is today or earlier."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report who would be erased; change nothing.")

    def handle(self, *args, dry_run, verbosity, **options):
        started = time.monotonic()

        def progress(done, total):
            if verbosity >= 2 or (verbosity >= 1 and (done == total or done % 100 == 0)):
                self.stdout.write(
                    f"  {done:,} / {total:,} ({done * 100 // total}%), {time.monotonic() - started:.1f} s"
                )

        report = participants_purge_expired(dry_run=dry_run, progress=progress)
        summary = (
            f"{len(report.erased):,} of {report.due:,} participants past their retention date "
            f"in {time.monotonic() - started:.1f} s; {report.previews_swept:,} expired import previews deleted."
        )
        report_erased(self, report, dry_run=dry_run, verbosity=verbosity, summary=summary)
