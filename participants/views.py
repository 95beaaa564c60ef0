"""The privacy notice page, /privacy/: the consent and privacy notice in effect, in the page's language."""

from django.conf import settings
from django.views.generic import TemplateView

from exchange_portal.pagecache import PublicPage

from .models import ConsentNotice


class PrivacyNoticeView(PublicPage, TemplateView):
    cache_parameters = ()
    template_name = "participants/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            notice=ConsentNotice.objects.current(), retention_years=settings.PARTICIPANT_RETENTION_YEARS, **kwargs
        )
