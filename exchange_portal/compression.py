"""gzip for the public pages, and only for them (BREACH).

whitenoise compresses the static files; the HTML of a page was sent uncompressed (the home page is
87 KB, 28 KB gzipped). BREACH recovers a secret from the length of compressed responses that carry
both the secret and text an attacker chooses (a search term in the URL). So only a response that
carries no secret is compressed here:

- a response marked as a public page (``pagecache.public``): the same for every anonymous visitor,
  no CSRF token, no per-visitor content;
- that sets no cookie, to a request without a session cookie (no signed-in user), and whose rendering
  did not ask for a CSRF token (Django's ``get_token`` sets ``CSRF_COOKIE_NEEDS_UPDATE``).

Everything else (the admin, sign-in, any form with a token, the API's answers to a signed-in user) is
sent as before. A proxy in front (nginx ``gzip on``) may compress the same pages instead, with the same
rule; this middleware does nothing to a response already carrying ``Content-Encoding``.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware


def may_compress(request, response):
    return (
        getattr(response, "public_page", False)
        and not response.cookies
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


class PublicPageGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, applied only where ``may_compress`` allows."""

    def process_response(self, request, response):
        if not may_compress(request, response):
            return response
        return super().process_response(request, response)
