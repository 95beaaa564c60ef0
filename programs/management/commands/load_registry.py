"""Load the shipped registry (fixtures/registry.json) into an empty database.

A database that already holds programs is left alone, so staff edits survive a restart of
``make run``; ``--force`` loads the fixture anyway (records are matched by natural key and updated).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from programs.models import Program


class Command(BaseCommand):
    help = "Load the 2005–2021 registry fixture into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even if programs are already stored.")

    def handle(self, *args, force, **options):
        existing = Program.objects.count()
        if existing and not force:
            self.stdout.write(
                f"The database already holds {existing} programs; nothing loaded "
                "(use --force to reload the shipped registry over them)."
            )
            return
        call_command("loaddata", "registry", verbosity=options["verbosity"])
        self.stdout.write(self.style.SUCCESS(f"Loaded the registry: {Program.objects.count()} programs."))
