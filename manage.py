#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange_portal.settings")
    if sys.argv[1:2] != ["runserver"]:
        # The statement timeout is for web requests; migrations, backups and imports may take minutes.
        os.environ["DATABASE_STATEMENT_TIMEOUT"] = "0"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
