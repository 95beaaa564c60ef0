"""Create or update the PostgreSQL roles for running behind PgBouncer (exchange_portal/database_roles.py)."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from exchange_portal.database_roles import setup_database_roles


class Command(BaseCommand):
    help = (
        "Create (if missing) a web role with the statement timeout and jit=off, and a commands role without the "
        "timeout, on PostgreSQL; run as a superuser. See README 'Behind PgBouncer'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--web-role", default="portal_web")
        parser.add_argument("--commands-role", default="portal_commands")
        parser.add_argument(
            "--statement-timeout",
            type=float,
            default=None,
            help="seconds; default: DATABASE_STATEMENT_TIMEOUT as gunicorn sees it (5)",
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Database roles are a PostgreSQL setting; DATABASE_URL names another database.")
        # manage.py sets DATABASE_STATEMENT_TIMEOUT to 0 for commands and keeps the web's value aside.
        seconds = options["statement_timeout"] or float(os.environ.get("DATABASE_WEB_STATEMENT_TIMEOUT", "5"))
        try:
            statements = setup_database_roles(
                web_role=options["web_role"],
                commands_role=options["commands_role"],
                statement_timeout_ms=round(seconds * 1000),
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 1:
            for statement in statements:
                self.stdout.write(statement + ";")
            self.stdout.write(self.style.SUCCESS("Database roles are set up (new sessions get the settings)."))
