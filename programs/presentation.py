"""How the public pages present a program: dates as precisely as the source gave them, and
headcounts that were not reported."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _


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
