from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("programs")

    def ready(self):
        from exchange_portal import pagecache  # noqa: PLC0415  (once the app registry is ready)

        from .filters import ProgramFilter  # noqa: PLC0415
        from .models import DataQualityFlag, Institute, Program, TargetCountry, Theme  # noqa: PLC0415
        from .selectors import index  # noqa: PLC0415

        pagecache.on_write(index.forget)
        # Every record the public pages show; open data-quality flags are on a program's page and in the API,
        # and the feeds date their entries from the programs' history. The other history tables are the
        # admin's audit trail only.
        pagecache.shown_publicly(Institute, Theme, Program, TargetCountry, DataQualityFlag, Program.history.model)

        # What the public pages, feeds, exports and the API read from a query string: the page cache keys
        # a page by these alone (the API's paging adds page_size, the sitemaps' paging p).
        pagecache.register_query_parameters(*ProgramFilter.base_filters, "page", "page_size", "p")
