"""Middleware for the staff admin.

The public pages put the language in the URL (``/ko/…``) with English unprefixed, so Django's
LocaleMiddleware treats every unprefixed path, ``/admin/`` included, as English. The admin has no
prefixed URLs; there the language comes from the language cookie or the browser's Accept-Language,
so Korean and Traditional Chinese staff get Django's own admin translations.
"""

from django.urls import reverse
from django.utils import translation


class AdminLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:
            self.prefix = reverse("admin:index")
        if request.path_info.startswith(self.prefix):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
