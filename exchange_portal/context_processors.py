"""Context processors: what every page's template needs."""

from django.conf import settings
from django.utils.translation import get_language, get_language_info


def language_neutral_path(request):
    """The request's path and query without a language prefix: the page that each language's link
    of the switcher prefixes with its own code (the default language has no prefix)."""
    path = request.get_full_path()
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def language_links(request):
    """Context processor: the current page in each language, for the language switcher.

    Plain links rather than a form posting to ``set_language``: they need no CSRF token, so the same
    page bytes can be served to every anonymous visitor from the page cache."""
    if request is None:
        return {}
    neutral = language_neutral_path(request)
    current = get_language()
    links = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": neutral if code == settings.LANGUAGE_CODE else f"/{code}{neutral}",
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"language_links": links}
