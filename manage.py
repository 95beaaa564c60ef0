#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange_portal.settings")
    if sys.argv[1:2] != ["runserver"]:
        # The statement timeout is for web requests; migrations, backups and imports may take minutes. The
        # web's value stays readable for setup_database_roles.
        os.environ.setdefault("DATABASE_WEB_STATEMENT_TIMEOUT", os.environ.get("DATABASE_STATEMENT_TIMEOUT", "5"))
        os.environ["DATABASE_STATEMENT_TIMEOUT"] = "0"
        # Behind PgBouncer the timeout is a setting of the web role, so commands connect as another role.
        if commands_url := os.environ.get("DATABASE_COMMANDS_URL"):
            os.environ["DATABASE_URL"] = commands_url
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
