from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_tables(using, verbosity=1, **kwargs):
    """``migrate`` also creates the database cache's table (the "shared" cache without Redis), so that every
    way of setting up a database (``make migrate``, a deploy script, bench/load.py) has it."""
    call_command("createcachetable", database=using, verbosity=verbosity)


class CoreConfig(AppConfig):
    """The site-wide core: page cache, roles, change proposals, shared admin and import machinery."""

    name = "exchange_portal"
    verbose_name = _("registry")

    def ready(self):
        from . import pagecache  # noqa: PLC0415  (signals connect once the app registry is ready)

        pagecache.connect_signals()
        from . import holders  # noqa: F401, PLC0415  (registers the core's personal-data holders)

        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="exchange-portal-cache-tables")
