"""What a selection of programs is: the values of the program list's filters, cleaned once per request
(``ProgramFilter.selection``), and the rules they carry. Three engines answer a selection and each reads
it from here: the SQL of the list, the feeds and the exports (``Selection.programs``), the grouped query
behind the facets (``selectors.facets.ProgramCube``) and the facet index (``selectors.index``). So the
defaults (no status means the confirmed programs; newest first) and the meaning of the year bounds are
written once; a property test (``tests/programs/test_selection_engines.py``) keeps the engines equal.
"""

import dataclasses
from dataclasses import dataclass

from .models import STATUS_ALL, Program

# Without a status every page, export and count selects the confirmed programs only; a reader asks for
# the announced ones and possible duplicates by name, or for every record with ``status=all``.
DEFAULT_STATUS = Program.Status.CONFIRMED
DEFAULT_SORT = "newest"

# The facets whose filter is one record (``None``: any) and those whose filter is one code (``""``: any);
# besides them a selection narrows by year range, themes (any of them), status and search text.
RECORDS = ("host", "city", "network")
CODES = ("mode", "format", "country")


def every_value(value):
    """The test of a filter that narrows nothing."""
    return True


@dataclass(frozen=True)
class Selection:
    """The programs chosen by the filters: each field is one filter, empty where it narrows nothing."""

    first_year: int | None = None
    last_year: int | None = None
    themes: tuple = ()  # Theme records: a program on any of them
    host: object = None  # an Institute
    mode: str = ""
    format: str = ""
    country: str = ""  # an ISO 3166 code
    city: object = None  # a City
    network: object = None  # a Network
    status: str = DEFAULT_STATUS  # or STATUS_ALL; blank is the default
    text: str = ""  # the search text: no engine but SQL reads it
    sort: str = dataclasses.field(default=DEFAULT_SORT, compare=False)  # an order, not part of what is chosen

    def __post_init__(self):
        # The one place where a filter left blank takes its default.
        if not self.status:
            object.__setattr__(self, "status", DEFAULT_STATUS)
        if not self.sort:
            object.__setattr__(self, "sort", DEFAULT_SORT)

    def without(self, *facets):
        """The same selection with the filters of ``facets`` left out (``text`` for the search text)."""
        cleared = {}
        for facet in facets:
            if facet == "year":
                cleared.update(first_year=None, last_year=None)
            elif facet == "theme":
                cleared["themes"] = ()
            elif facet == "status":
                cleared["status"] = STATUS_ALL
            elif facet in RECORDS:
                cleared[facet] = None
            elif facet in (*CODES, "text"):
                cleared[facet] = ""
            else:
                raise ValueError(facet)
        return dataclasses.replace(self, **cleared)

    def chosen(self, facet):
        """The values of ``facet`` that pass its filter (records by primary key), None when every value
        passes. The year passes a range instead (``passes``)."""
        if facet == "theme":
            return frozenset(theme.pk for theme in self.themes) or None
        if facet in RECORDS:
            record = getattr(self, facet)
            return None if record is None else frozenset({record.pk})
        if facet in CODES:
            code = getattr(self, facet)
            return frozenset({code}) if code else None
        if facet == "status":
            return None if self.status == STATUS_ALL else frozenset({self.status})
        raise ValueError(facet)

    def narrows(self, facet):
        if facet == "year":
            return self.first_year is not None or self.last_year is not None
        return self.chosen(facet) is not None

    def passes(self, facet):
        """The test of ``facet``'s filter: a function of a value, true when a program with that value passes."""
        if facet == "year":
            first, last = self.first_year, self.last_year
            return lambda year: (first is None or year >= first) and (last is None or year <= last)
        chosen = self.chosen(facet)
        return every_value if chosen is None else chosen.__contains__

    def programs(self, queryset):
        """The programs of ``queryset`` (a ``ProgramQuerySet``) that the selection chooses, unordered: the
        SQL engine. Each filter is one of the QuerySet's own methods."""
        if self.text:
            queryset = queryset.search(self.text)
        queryset = queryset.in_years(self.first_year, self.last_year)
        if self.themes:
            queryset = queryset.on_any_theme(self.themes)
        if self.host is not None:
            queryset = queryset.hosted_by(self.host)
        if self.mode:
            queryset = queryset.in_mode(self.mode)
        if self.format:
            queryset = queryset.in_format(self.format)
        if self.country:
            queryset = queryset.aimed_at_country(self.country)
        if self.city is not None:
            queryset = queryset.aimed_at_city(self.city)
        if self.network is not None:
            queryset = queryset.with_network(self.network)
        return queryset.with_status(self.status)
