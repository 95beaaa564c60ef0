"""Facet counts for the program list: how many programs each year, theme, host, mode, format, country,
city and network would give under the OTHER active filters.

Each facet is one aggregate query (GROUP BY) over a link table or the programs, whatever the number of
programs, followed by one query for the labels of the values it found. Without other filters a facet
counts the whole link table rather than asking which programs are in it.
"""

import heapq
from dataclasses import dataclass, field

from django.core.validators import slug_re
from django.db import connections
from django.db.models import Count, Q, Sum
from django_countries import countries

from cities.models import City, Network
from exchange_portal import pagecache

from ..filters import STATUS_CHOICES, ProgramFilter
from ..languages import label_language, page_language
from ..models import STATUS_ALL, Institute, Program, TargetCountry, Theme, restricted
from ..selection import DEFAULT_STATUS, Selection
from . import index as facet_index

ThemeLink, CityLink, NetworkLink = Program.themes.through, Program.target_cities.through, Program.networks.through


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False
    lang: str = ""  # the label's language when it is a record's name: English where it has none in the page's


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    multiple: bool = False

    @property
    def shown_options(self):
        """Options that would give results, and any selected option even if it would not."""
        return [option for option in self.options if option.count or option.selected]


# A facet with more values than this (cities) lists the values with the most programs, plus any chosen one.
LONG_FACET_LIMIT = 30


def _selected(filterset: ProgramFilter, name: str) -> set[str]:
    return {str(value) for value in filterset.data.getlist(name)} if hasattr(filterset.data, "getlist") else set()


def every(model):
    """Every row of a small table the facets label (themes, hosts, networks), in its default order: kept
    with the facet index until the registry changes (the labels follow the active language when shown)."""
    return facet_index.kept(f"every:{model._meta.label}", lambda: list(model.objects.all()))


def _model_options(model, filterset, name, counts, limit=None):
    """The options of a facet over a model (themes, cities, networks): counts by primary key, then the
    labels of the values counted (with ``limit``, of the ``limit`` values with most programs)."""
    if limit and len(counts) > limit:
        counts = dict(heapq.nsmallest(limit, counts.items(), key=lambda item: (-item[1], item[0])))
    selected = _selected(filterset, name)
    # Only well-formed slugs reach the query: PostgreSQL refuses a NUL byte in text with an error.
    slugs = [value for value in selected if slug_re.fullmatch(value)]
    rows = model.objects.filter(Q(pk__in=list(counts)) | Q(slug__in=slugs)) if limit else every(model)
    page = page_language()
    options = [
        FacetOption(row.slug, str(row), counts.get(row.pk, 0), row.slug in selected, label_language(row, page))
        for row in rows
    ]
    if limit:
        options.sort(key=lambda option: option.label)
    return options


class ProgramCube:
    """The year, host, mode, format and status facets and the summary, from ONE grouped query.

    It groups the programs selected by every filter except those five by (year, host, mode, format,
    status): a few thousand rows at most, whatever the number of programs. Each facet then adds up the
    rows that pass the other four of those filters, and the summary the rows that pass all five.
    """

    COLUMNS = ("year", "host_id", "mode", "format", "status")
    FILTERS = ("year", "host", "mode", "format", "status")  # the facets of COLUMNS, in their order

    def __init__(self, selection: Selection, programs):
        grouped = (
            selection.without(*self.FILTERS)
            .programs(programs)
            .values_list(*self.COLUMNS)
            .annotate(n=Count("pk"), people=Sum("headcount"), reported=Count("headcount"))
            .order_by()
        )
        # Plain tuples straight from the cursor: a few thousand rows, none of which needs a converter.
        sql, params = grouped.query.sql_with_params()
        with connections[grouped.db].cursor() as cursor:
            cursor.execute(sql, params)
            # The SELECT lists the columns in the model's order, so put them in the order of COLUMNS.
            names = [column[0] for column in cursor.description]
            order = [names.index(name) for name in (*self.COLUMNS, "n", "people", "reported")]
            rows = [tuple(row[i] for i in order) for row in cursor.fetchall()]
        # Each row with whether it passes each of the five filters, worked out once.
        tests = [selection.passes(facet) for facet in self.FILTERS]
        self.rows = [(row, tuple(test(row[i]) for i, test in enumerate(tests))) for row in rows]

    def _passing(self, ignore=None):
        skip = self.FILTERS.index(ignore) if ignore else -1
        return [row for row, passes in self.rows if all(ok for i, ok in enumerate(passes) if i != skip)]

    def counts(self, facet):
        """Programs per value of ``facet``'s column under the other filters."""
        column = self.FILTERS.index(facet)
        counts = {}
        for row in self._passing(ignore=facet):
            counts[row[column]] = counts.get(row[column], 0) + row[5]
        return counts

    def summary(self):
        rows = self._passing()
        programs = sum(row[5] for row in rows)
        reported = sum(row[7] for row in rows)
        return {
            "programs": programs,
            "headcount": sum(row[6] or 0 for row in rows) if reported else None,
            "reported": reported,
            "unreported": programs - reported,
        }

    def set_aside(self):
        """The programs of each status other than confirmed that the other filters select, with their
        headcount: what the counts leave out, shown apart and labelled."""
        figures = {}
        for row in self._passing(ignore="status"):
            if row[4] != Program.Status.CONFIRMED:
                programs, people = figures.get(row[4], (0, 0))
                figures[row[4]] = (programs + row[5], people + (row[6] or 0))
        return [
            {"status": value, "label": str(label), "programs": figures[value][0], "headcount": figures[value][1]}
            for value, label in Program.Status.choices
            if value in figures
        ]


LINK_COUNTS = {
    "theme": (ThemeLink, "theme_id"),
    "city": (CityLink, "city_id"),
    "network": (NetworkLink, "network_id"),
    # One row per program and country (a unique constraint), so counting rows counts programs.
    "country": (TargetCountry, "country"),
}


class SqlCounts:
    """The facets' counts, the summary and the programs set aside, in SQL: the program columns from one
    grouped query (``ProgramCube``), each link table from one GROUP BY. The reference for the facet index
    (``index.IndexedSelection`` answers the same calls), and what counts while a worker builds its index."""

    def __init__(self, selection: Selection, programs):
        self.selection, self.programs = selection, programs
        self.cube = ProgramCube(selection, programs)

    def counts(self, facet):
        if facet not in LINK_COUNTS:
            return self.cube.counts(facet)
        link_model, column = LINK_COUNTS[facet]
        base = self.selection.without(facet).programs(self.programs)
        return dict(restricted(link_model.objects.all(), base).values_list(column).annotate(n=Count("*")).order_by())

    def summary(self):
        return self.cube.summary()

    def set_aside(self):
        return self.cube.set_aside()


def year_facet(filterset, cube):
    counts = cube.counts("year")
    selected = _selected(filterset, "year")
    options = [FacetOption(str(year), str(year), counts[year], str(year) in selected) for year in sorted(counts)]
    return Facet("year", ProgramFilter.base_filters["year"].label, options)


def choice_facet(filterset, cube, name, choices):
    counts = cube.counts(name)
    selected = _selected(filterset, name)
    options = [FacetOption(value, str(label), counts.get(value, 0), value in selected) for value, label in choices]
    return Facet(name, ProgramFilter.base_filters[name].label, options)


def status_facet(filterset, cube):
    """Announced programs, possible duplicates and every record, each with its count under the other
    filters; the empty choice (the default) is the confirmed programs."""
    counts = cube.counts("status")
    selected = _selected(filterset, "status")
    options = [
        FacetOption(value, str(label), counts.get(value, 0), value in selected)
        for value, label in Program.Status.choices
        if value != Program.Status.CONFIRMED
    ]
    options.append(
        FacetOption(
            STATUS_ALL,
            str(dict(STATUS_CHOICES)[STATUS_ALL]),
            sum(counts.values()),
            STATUS_ALL in selected,
        )
    )
    return Facet("status", ProgramFilter.base_filters["status"].label, options)


def host_facet(filterset, cube):
    counts = cube.counts("host")
    selected = _selected(filterset, "host")
    page = page_language()
    options = [
        FacetOption(row.slug, str(row), counts.get(row.pk, 0), row.slug in selected, label_language(row, page))
        for row in every(Institute)
    ]
    return Facet("host", ProgramFilter.base_filters["host"].label, options)


def country_facet(filterset, counts):
    counts = counts.counts("country")
    selected = {code.upper() for code in _selected(filterset, "country")}
    options = [FacetOption(code, countries.name(code), n, code in selected) for code, n in counts.items()]
    for code in selected - set(counts):
        if code in countries:
            options.append(FacetOption(code, countries.name(code), 0, True))
    options.sort(key=lambda option: (-option.count, option.label))
    return Facet("country", ProgramFilter.base_filters["country"].label, options)


def link_facet(filterset, counts, name, model, limit=None):
    options = _model_options(model, filterset, name, counts.counts(name), limit=limit)
    return Facet(name, ProgramFilter.base_filters[name].label, options, multiple=name == "theme")


@dataclass
class Browse:
    """What the program list shows beside its page of results: the facets and the summary."""

    facets: dict[str, Facet]
    summary: dict[str, int]
    set_aside: list[dict]


def browse(filterset: ProgramFilter) -> Browse:
    """Every facet of the program list, keyed by its filter parameter, and the selection's summary:
    a constant number of queries (one grouped query for the program columns, one per link table, and
    the labels of hosts, themes, cities and networks), kept in the cache until the registry changes
    (shared by every page and sort order of the selection, and by signed-in visitors)."""
    lists = filterset.data.lists() if hasattr(filterset.data, "lists") else []
    parts = sorted(
        (name, sorted(values)) for name, values in lists if name in filterset.filters and name not in ("page", "sort")
    )
    return pagecache.memoize("browse", parts, lambda: _browse(filterset))


# A selection of at most this many programs is listed by its ids, which the facet index knows: fetching them by
# primary key beats scanning the programs the SQL filters would consider (every program of a year, for one theme).
LISTED_BY_ID = 2_000


def indexed_selection(filterset):
    """The programs a valid filterset selects (a bitmap of ids) from the facet index, or None (no index,
    no filterset, or an invalid filter)."""
    if filterset is None or (filterset.is_bound and not filterset.is_valid()):
        return None
    index = facet_index.current()
    return None if index is None else facet_index.IndexedSelection.of(index, filterset).programs()


def listing_ids(filterset):
    """The ids of the programs a valid filterset selects, from the facet index, when there are at most
    ``LISTED_BY_ID`` of them; None otherwise (the page then runs the filters in SQL)."""
    programs = indexed_selection(filterset)
    return list(programs) if programs is not None and len(programs) <= LISTED_BY_ID else None


def counter(filterset):
    """What counts the facets of a selection: the facet index of the current generation when this worker
    has it (or builds it now), else SQL."""
    index = facet_index.current()
    if index is None:
        return SqlCounts(filterset.selection, filterset.queryset)
    return facet_index.IndexedSelection.of(index, filterset)


def _browse(filterset):
    counts = counter(filterset)
    facets = {
        "year": year_facet(filterset, counts),
        "theme": link_facet(filterset, counts, "theme", Theme),
        "host": host_facet(filterset, counts),
        "mode": choice_facet(filterset, counts, "mode", Program.Mode.choices),
        "format": choice_facet(filterset, counts, "format", Program.Format.choices),
        "country": country_facet(filterset, counts),
        "city": link_facet(filterset, counts, "city", City, limit=LONG_FACET_LIMIT),
        "network": link_facet(filterset, counts, "network", Network),
        "status": status_facet(filterset, counts),
    }
    # What the status filter left out, unless the reader chose a status.
    set_aside = counts.set_aside() if filterset.selection.status == DEFAULT_STATUS else []
    return Browse(facets, counts.summary(), set_aside)


def program_facets(filterset: ProgramFilter) -> dict[str, Facet]:
    """Every facet of the program list, keyed by its filter parameter."""
    return browse(filterset).facets
