from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The site-wide core: page cache, roles, change proposals, shared admin and import machinery."""

    name = "exchange_portal"
    verbose_name = _("registry")

    def ready(self):
        from . import pagecache  # noqa: PLC0415  (signals connect once the app registry is ready)

        pagecache.connect_signals()
        from . import holders  # noqa: F401, PLC0415  (registers the core's personal-data holders)
