"""Facet counts for the program list: how many programs each year, theme, host, mode, format, country,
city and network would give under the OTHER active filters.

Each facet is one aggregate query (GROUP BY) over a link table or the programs, whatever the number of
programs, followed by one query for the labels of the values it found. Without other filters a facet
counts the whole link table rather than asking which programs are in it.
"""

from dataclasses import dataclass, field

from django.core.validators import slug_re
from django.db.models import Count, Q, Sum
from django_countries import countries

from cities.models import City, Network

from . import pagecache
from .filters import FACET_PARAMETERS, ProgramFilter
from .models import Institute, Program, TargetCountry, Theme, restricted

ThemeLink, CityLink, NetworkLink = Program.themes.through, Program.target_cities.through, Program.networks.through


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


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


def _model_options(model, filterset, name, link_model, column, limit=None):
    """One GROUP BY over the link table (ids and counts), then the labels of the values it found."""
    base = filterset.queryset_without(FACET_PARAMETERS[name])
    counts = restricted(link_model.objects.all(), base).values_list(column).annotate(n=Count("*")).order_by()
    counts = dict(counts)
    if limit and len(counts) > limit:
        counts = dict(sorted(counts.items(), key=lambda item: -item[1])[:limit])
    selected = _selected(filterset, name)
    # Only well-formed slugs reach the query: PostgreSQL refuses a NUL byte in text with an error.
    slugs = [value for value in selected if slug_re.fullmatch(value)]
    rows = model.objects.filter(Q(pk__in=list(counts)) | Q(slug__in=slugs)) if limit else model.objects.all()
    options = [FacetOption(row.slug, str(row), counts.get(row.pk, 0), row.slug in selected) for row in rows]
    if limit:
        options.sort(key=lambda option: option.label)
    return options


class ProgramCube:
    """The year, host, mode and format facets and the summary, from ONE grouped query.

    It groups the programs selected by every filter except those four by (year, host, mode, format):
    a few thousand rows at most, whatever the number of programs. Each facet then adds up the rows
    that pass the other three of those filters, and the summary the rows that pass all four.
    """

    COLUMNS = ("year", "host_id", "mode", "format")

    def __init__(self, filterset: ProgramFilter):
        own = [parameter for name in ("year", "host", "mode", "format") for parameter in FACET_PARAMETERS[name]]
        base = filterset.queryset_without(own)
        self.rows = list(
            base.values(*self.COLUMNS)
            .annotate(n=Count("pk"), people=Sum("headcount"), reported=Count("headcount"))
            .order_by()
        )
        filterset.form.is_valid()
        cleaned = getattr(filterset.form, "cleaned_data", {})
        first = cleaned.get("year_min")
        last = cleaned.get("year_max")
        if cleaned.get("year") is not None:
            first = last = cleaned["year"]
        host, mode, format_ = cleaned.get("host"), cleaned.get("mode"), cleaned.get("format")
        self.tests = {
            "year": lambda row: (first is None or row["year"] >= first) and (last is None or row["year"] <= last),
            "host": lambda row: host is None or row["host_id"] == host.pk,
            "mode": lambda row: not mode or row["mode"] == mode,
            "format": lambda row: not format_ or row["format"] == format_,
        }

    def _passing(self, ignore=None):
        tests = [test for name, test in self.tests.items() if name != ignore]
        return [row for row in self.rows if all(test(row) for test in tests)]

    def counts(self, facet):
        """Programs per value of ``facet``'s column under the other filters."""
        column = "host_id" if facet == "host" else facet
        counts = {}
        for row in self._passing(ignore=facet):
            counts[row[column]] = counts.get(row[column], 0) + row["n"]
        return counts

    def summary(self):
        rows = self._passing()
        programs = sum(row["n"] for row in rows)
        reported = sum(row["reported"] for row in rows)
        return {
            "programs": programs,
            "headcount": sum(row["people"] or 0 for row in rows),
            "reported": reported,
            "unreported": programs - reported,
        }


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


def host_facet(filterset, cube):
    counts = cube.counts("host")
    selected = _selected(filterset, "host")
    options = [FacetOption(row.slug, str(row), counts.get(row.pk, 0), row.slug in selected)
               for row in Institute.objects.all()]
    return Facet("host", ProgramFilter.base_filters["host"].label, options)


def country_facet(filterset):
    base = filterset.queryset_without(FACET_PARAMETERS["country"])
    # One row per program and country (a unique constraint), so counting rows counts programs.
    rows = restricted(TargetCountry.objects.all(), base).values("country").annotate(n=Count("*")).order_by()
    selected = {code.upper() for code in _selected(filterset, "country")}
    options = [FacetOption(row["country"], countries.name(row["country"]), row["n"], row["country"] in selected)
               for row in rows]
    for code in selected - {option.value for option in options}:
        if code in countries:
            options.append(FacetOption(code, countries.name(code), 0, True))
    options.sort(key=lambda option: (-option.count, option.label))
    return Facet("country", ProgramFilter.base_filters["country"].label, options)


def link_facet(filterset, name, model, link_model, limit=None):
    options = _model_options(model, filterset, name, link_model, f"{name}_id", limit=limit)
    return Facet(name, ProgramFilter.base_filters[name].label, options, multiple=name == "theme")


@dataclass
class Browse:
    """What the program list shows beside its page of results: the facets and the summary."""

    facets: dict[str, Facet]
    summary: dict[str, int]


def browse(filterset: ProgramFilter) -> Browse:
    """Every facet of the program list, keyed by its filter parameter, and the selection's summary:
    a constant number of queries (one grouped query for the program columns, one per link table, and
    the labels of hosts, themes, cities and networks), kept in the cache until the registry changes
    (shared by every page and sort order of the selection, and by signed-in visitors)."""
    lists = filterset.data.lists() if hasattr(filterset.data, "lists") else []
    parts = sorted((name, sorted(values)) for name, values in lists if name not in ("page", "sort"))
    return pagecache.memoize("browse", parts, lambda: _browse(filterset))


def _browse(filterset):
    cube = ProgramCube(filterset)
    facets = {
        "year": year_facet(filterset, cube),
        "theme": link_facet(filterset, "theme", Theme, ThemeLink),
        "host": host_facet(filterset, cube),
        "mode": choice_facet(filterset, cube, "mode", Program.Mode.choices),
        "format": choice_facet(filterset, cube, "format", Program.Format.choices),
        "country": country_facet(filterset),
        "city": link_facet(filterset, "city", City, CityLink, limit=LONG_FACET_LIMIT),
        "network": link_facet(filterset, "network", Network, NetworkLink),
    }
    return Browse(facets, cube.summary())


def program_facets(filterset: ProgramFilter) -> dict[str, Facet]:
    """Every facet of the program list, keyed by its filter parameter."""
    return browse(filterset).facets
