"""Erase one participant: anonymise them in every table that can hold their data, history included
(``participants/services/privacy.py``); their enrollments stay, anonymous, so programs keep their counts."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from participants.services.privacy import participant_erase

from ._privacy import account, add_scope_arguments, participant_by_email


class Command(BaseCommand):
    help = "Erase (anonymise) the participant with this email everywhere, history included."

    def add_arguments(self, parser):
        add_scope_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="Report what would be erased; change nothing.")

    def handle(self, *args, email, as_user, dry_run, verbosity, **options):
        user = account(as_user)
        participant = participant_by_email(email)
        try:
            report = participant_erase(participant=participant, user=user, dry_run=dry_run, check_remaining=True)
        except PermissionDenied:
            raise CommandError(f"{as_user} may not erase this participant (another institute's).") from None
        for table, column, rows in report.remaining:
            self.stderr.write(
                self.style.WARNING(
                    f"Still named in {table}.{column} ({rows} rows), which erasure does not rewrite: other people "
                    "of the same name, or a mention to review by hand."
                )
            )
        verb = "Would erase (dry run, nothing changed)" if dry_run else "Erased"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {report.summary()}."))
