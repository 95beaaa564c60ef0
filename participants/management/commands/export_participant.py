"""Write everything the registry holds about one person as JSON: their copy (GDPR Art. 15 and 20,
PIPA Art. 35)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from participants.services.privacy import participant_export_json

from ._privacy import account, add_scope_arguments, participant_by_email


class Command(BaseCommand):
    help = "Write everything the registry holds about the participant with this email, as JSON."

    def add_arguments(self, parser):
        add_scope_arguments(parser)
        parser.add_argument("--output", type=Path, help="Write to this file instead of standard output.")

    def handle(self, *args, email, as_user, output, **options):
        user = account(as_user)
        participant = participant_by_email(email)
        try:
            text = participant_export_json(participant=participant, user=user)
        except PermissionDenied:
            raise CommandError(f"{as_user} may not export this participant (another institute's).") from None
        if output is None:
            self.stdout.write(text)
        else:
            output.write_text(text + "\n", encoding="utf-8")
            self.stderr.write(self.style.SUCCESS(f"Wrote {output}."))
