"""The one guard against spreadsheet formula injection, for every export and import.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a
formula by Excel or LibreOffice; such a cell is written with a leading ``'``. A plain number written
as text (``-33.9``) stays as it is, and an import undoes the prefix, so an exported file imports
back unchanged.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix a cell a spreadsheet would read as a formula with ``'``; numbers such as -33.9 stay."""
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


def unneutralise(value):
    """Undo :func:`neutralise` so that an exported file imports back unchanged."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value
