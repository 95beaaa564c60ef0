from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("cities")

    def ready(self):
        from exchange_portal import pagecache  # noqa: PLC0415  (once the app registry is ready)

        from .models import Agreement, City, Network  # noqa: PLC0415

        pagecache.shown_publicly(City, Network, Agreement)
