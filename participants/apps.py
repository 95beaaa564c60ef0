from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("participants")

    def ready(self):
        from . import holders  # noqa: F401, PLC0415  (registers the app's personal-data holders)
