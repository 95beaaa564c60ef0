"""Context processors: what every page's template needs."""

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_info, override


def language_home(code):
    return "/" if code == settings.LANGUAGE_CODE else f"/{code}/"


def language_url(request, code):
    """The current page in language ``code``, built from the URL the request resolved to (never from the
    request's path itself, which may be ``//evil.example/…``), with the query string re-encoded; the
    language's start page when the request resolved to nothing (a 404) or the result is not a local path."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name:
        return language_home(code)
    try:
        with override(code):
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return language_home(code)
    try:
        query = request.GET.urlencode()
    except SuspiciousOperation:  # more parameters than DATA_UPLOAD_MAX_NUMBER_FIELDS: the page answers 400
        return language_home(code)
    if query:
        url = f"{url}?{query}"
    if not url.startswith("/") or not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return language_home(code)
    return url


def language_links(request):
    """Context processor: the current page in each language, for the language switcher.

    Plain links rather than a form posting to ``set_language``: they need no CSRF token, so the same
    page bytes can be served to every anonymous visitor from the page cache."""
    if request is None:
        return {}
    current = get_language()

    def links():
        return [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": language_url(request, code),
                "current": code == current,
            }
            for code, _name in settings.LANGUAGES
        ]

    # Built when a template shows them: every template rendered with the request runs this processor, and a
    # feed renders two small ones per entry (100 for a feed of 50), where reversing each page's URL in
    # eight languages was nearly half of the feed's time.
    return {"language_links": SimpleLazyObject(links)}
