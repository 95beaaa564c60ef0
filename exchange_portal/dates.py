"""Dates as precisely as a source gave them: one formatter for every app (models expose it as
``Program.period_label`` and ``Agreement.signed_label``).

A date known only to the month is stored as the first (or last) day of that month and must not be
shown as that day; a date known only to the year is shown as the year."""

from django.utils.formats import date_format

from .models import DatePrecision


def date_at_precision(value, precision):
    """``value`` in the active language's format, showing no more than ``precision`` (a DatePrecision;
    blank means the date is exact)."""
    if not value:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


def period_at_precision(start, end, precision):
    """From ``start`` to ``end`` at ``precision``; a single date when both read the same."""
    first = date_at_precision(start, precision)
    last = date_at_precision(end, precision) if end else first
    return first if first == last else f"{first} – {last}"
