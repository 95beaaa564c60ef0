"""Erase the participants with one email: anonymise each of them in every table that can hold their
data, history included (``participants/services/privacy.py``); their enrollments stay, anonymous, so
programs keep their counts. Institutes register a person once each, so an email may name several
records: the command erases every one the acting user may erase, and says how many."""

from django.core.management.base import BaseCommand, CommandError

from participants.services.privacy import may_erase, participant_erase

from ._privacy import account, add_scope_arguments, participants_by_email


class Command(BaseCommand):
    help = "Erase (anonymise) every participant with this email (that the user may erase), history included."

    def add_arguments(self, parser):
        add_scope_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="Report what would be erased; change nothing.")

    def handle(self, *args, email, as_user, dry_run, verbosity, **options):
        user = account(as_user)
        participants = participants_by_email(email, user, may_erase)
        if not participants:
            raise CommandError(f"{as_user} may not erase a participant with this email (another institute's).")
        verb = "Would erase (dry run, nothing changed)" if dry_run else "Erased"
        if len(participants) > 1:
            self.stdout.write(f"{len(participants)} participants have this email.")
        for participant in participants:
            report = participant_erase(participant=participant, user=user, dry_run=dry_run, check_remaining=True)
            for table, column, rows in report.remaining:
                self.stderr.write(
                    self.style.WARNING(
                        f"Still named in {table}.{column} ({rows} rows), which erasure does not rewrite: other "
                        "people of the same name, or a mention to review by hand."
                    )
                )
            self.stdout.write(self.style.SUCCESS(f"{verb}: {report.summary()}."))
