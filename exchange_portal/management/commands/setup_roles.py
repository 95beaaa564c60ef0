"""Create the staff groups ("Institute staff", "Registry editors") and the custom permissions.

Safe to run again: groups are updated to the permissions listed in ``exchange_portal/permissions.py``.
Users are then added to a group and, for institute staff, to their institute's ``staff``.
"""

from django.core.management.base import BaseCommand

from exchange_portal.permissions import setup_roles


class Command(BaseCommand):
    help = "Create or update the staff groups and their permissions."

    def handle(self, *args, **options):
        staff, editors = setup_roles()
        if options["verbosity"] >= 1:
            for group in (staff, editors):
                self.stdout.write(f"{group.name}: {group.permissions.count()} permissions")
            self.stdout.write(self.style.SUCCESS("Groups are set up."))
