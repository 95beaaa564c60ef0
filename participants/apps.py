from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("participants")

    def ready(self):
        from exchange_portal import pagecache  # noqa: PLC0415  (once the app registry is ready)

        from . import holders  # noqa: F401, PLC0415  (registers the app's personal-data holders)
        from .models import ConsentNotice  # noqa: PLC0415

        # The one record of this app a public page shows: /privacy/ quotes the notice in effect. Participants,
        # enrollments and erasures are never public, so their writes keep every cached page.
        pagecache.shown_publicly(ConsentNotice)
