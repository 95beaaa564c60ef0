"""How the public pages present a record: dates as precisely as the source gave them, headcounts that
were not reported, and the language-neutral path the language switcher needs."""

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def language_neutral_path(request):
    """The request's path and query without a language prefix: what the language switcher sends as
    ``next``. Django's set_language cannot translate a prefixed URL into the unprefixed default
    language, but translates an unprefixed one into any language."""
    path = request.get_full_path()
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


class PublicPage:
    """Context every public page needs from its view."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["neutral_path"] = language_neutral_path(self.request)
        return context


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
