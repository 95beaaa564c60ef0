"""Write everything the registry holds about one person as JSON: their copy (GDPR Art. 15 and 20,
PIPA Art. 35). Institutes register a person once each, so an email may name several records: the
command writes a copy of every one the acting user may export (a JSON list when there are several),
and says how many."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from participants.services.privacy import may_export, participant_export, participant_export_json

from ._privacy import account, add_scope_arguments, participants_by_email


class Command(BaseCommand):
    help = "Write everything the registry holds about the participants with this email, as JSON."

    def add_arguments(self, parser):
        add_scope_arguments(parser)
        parser.add_argument("--output", type=Path, help="Write to this file instead of standard output.")

    def handle(self, *args, email, as_user, output, **options):
        user = account(as_user)
        participants = participants_by_email(email, user, may_export)
        if not participants:
            raise CommandError(f"{as_user} may not export a participant with this email (another institute's).")
        if len(participants) == 1:
            text = participant_export_json(participant=participants[0], user=user)
        else:
            copies = [participant_export(participant=person, user=user) for person in participants]
            text = json.dumps(copies, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        if output is None:
            self.stdout.write(text)
        else:
            output.write_text(text + "\n", encoding="utf-8")
        count = len(participants)
        self.stderr.write(
            self.style.SUCCESS(
                f"Wrote the copy of {count} participant{'' if count == 1 else 's'} with this email"
                + (f" to {output}." if output else ".")
            )
        )
