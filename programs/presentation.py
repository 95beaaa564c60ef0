"""How the public pages present a record: dates as precisely as the source gave them, headcounts that
were not reported, and the links of the language switcher."""

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from . import pagecache


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


class PublicPage:
    """What every public page's view shares: its responses may be kept in the anonymous page cache."""

    def dispatch(self, request, *args, **kwargs):
        return pagecache.public(super().dispatch(request, *args, **kwargs))


def describe_period(program):
    """The program's dates as precisely as the source gave them, else the source's own words."""
    start, end = program.start_date, program.end_date
    if not start:
        return program.source_period or _("Dates not reported")
    fmt = "YEAR_MONTH_FORMAT" if program.date_precision == "month" else "DATE_FORMAT"
    first = date_format(start, fmt)
    last = date_format(end, fmt) if end else first
    return first if first == last else f"{first} – {last}"


def describe_headcount(program):
    if program.headcount is not None:
        return None
    return program.headcount_note or _("not reported")
