"""Statistics of a (filtered) set of programs: per year, theme × year, countries and cities reached,
online vs on-site. Each figure is one aggregate query, whatever the number of programs.

A headcount is ``None`` where no program behind it reported one ("not reported", never 0), and each year
says how many of its programs reported none. The programs the status filter set aside (announced,
possible duplicates) are counted apart, per year and status, by the same query as the years."""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django_countries import countries

from cities.models import City

from ..languages import shown_language
from ..models import STATUS_ALL, Program, TargetCountry, Theme, restricted
from ..selection import DEFAULT_STATUS
from . import index as facet_index

TOP = 15


@dataclass(frozen=True)
class StatusFigures:
    """Programs of one status and their headcount (``None``: none reported)."""

    status: str
    label: str
    programs: int
    headcount: int | None


@dataclass(frozen=True)
class YearRow:
    year: int
    programs: int
    headcount: int | None
    unreported: int = 0
    # The programs counted, per status (one entry unless the reader asked for several statuses).
    statuses: tuple[StatusFigures, ...] = ()

    @property
    def not_confirmed(self):
        """The counted programs that are not confirmed (only when the reader included them)."""
        return [figures for figures in self.statuses if figures.status != Program.Status.CONFIRMED]


@dataclass(frozen=True)
class SetAside:
    """Programs of a status the counts leave out, with the years they are listed under."""

    status: str
    label: str
    programs: int
    headcount: int | None
    years: tuple[int, ...]


@dataclass(frozen=True)
class ThemeRow:
    slug: str
    name: str
    counts: list[int]
    lang: str = ""  # the name's language: the page's, or English where the theme has no name in it

    @property
    def total(self):
        return sum(self.counts)


@dataclass(frozen=True)
class ThemeMatrix:
    years: list[int]
    rows: list[ThemeRow]


@dataclass(frozen=True)
class CountryRow:
    code: str
    name: str
    programs: int
    headcount: int | None


@dataclass(frozen=True)
class CityRow:
    slug: str
    name: str
    country: str
    programs: int
    headcount: int | None
    lang: str = ""  # the name's language: the page's, or English where the city has no name in it


@dataclass(frozen=True)
class ModeRow:
    code: str
    label: str
    programs: int
    headcount: int | None


@dataclass(frozen=True)
class ProgramStats:
    years: list[YearRow]
    theme_matrix: ThemeMatrix
    countries: list[CountryRow]
    cities: list[CityRow]
    modes: list[ModeRow]
    set_aside: tuple[SetAside, ...] = ()
    # The status the figures count ("all" for every one).
    status: str = DEFAULT_STATUS

    @property
    def programs(self):
        return sum(row.programs for row in self.years)

    @property
    def headcount(self):
        """The total headcount reported; ``None`` when no program reported one."""
        return add_headcounts(row.headcount for row in self.years)

    @property
    def unreported(self):
        return sum(row.unreported for row in self.years)


def add_headcounts(values):
    """The sum of the reported headcounts, ``None`` when none was reported."""
    reported = [value for value in values if value is not None]
    return sum(reported) if reported else None


def per_year(programs, *, counted=None, status=None):
    """Programs, headcount and unreported headcounts per year, and the programs set aside.

    ``counted`` (optional) is a queryset of the same programs with no status filter, and ``status`` the
    status counted (``all`` for every one): the years are then grouped by status in the same query, the
    counted status makes the rows and the others are returned apart as ``SetAside`` figures."""
    source = programs if counted is None else counted
    rows = (
        source.order_by()
        .values("year", "status")
        .annotate(n=Count("pk"), people=Sum("headcount"), reported=Count("headcount"))
        .order_by()
    )
    return year_rows(rows, split=counted is not None, status=status)


def year_rows(rows, *, split, status):
    """``per_year``'s figures from its rows (year, status, n, people, reported), however counted."""
    labels = dict(Program.Status.choices)
    order = {value: position for position, value in enumerate(Program.Status.values)}
    years, aside = {}, {}
    for row in sorted(rows, key=lambda row: (row["year"], order.get(row["status"], len(order)))):
        figures = StatusFigures(row["status"], str(labels.get(row["status"], row["status"])), row["n"], row["people"])
        if split and status != STATUS_ALL and row["status"] != status:
            aside.setdefault(row["status"], []).append((row["year"], figures))
        else:
            years.setdefault(row["year"], []).append((figures, row["n"] - row["reported"]))
    rows_by_year = [
        YearRow(
            year,
            sum(figures.programs for figures, _ in entries),
            add_headcounts(figures.headcount for figures, _ in entries),
            sum(unreported for _, unreported in entries),
            tuple(figures for figures, _ in entries),
        )
        for year, entries in sorted(years.items())
    ]
    set_aside = tuple(
        SetAside(
            code,
            str(label),
            sum(figures.programs for _, figures in aside[code]),
            add_headcounts(figures.headcount for _, figures in aside[code]),
            tuple(sorted({year for year, _ in aside[code]})),
        )
        for code, label in Program.Status.choices
        if code in aside
    )
    return rows_by_year, set_aside


def theme_matrix(programs, years):
    links = (
        restricted(Program.themes.through.objects.all(), programs)
        .values("theme_id", "program__year")
        .annotate(n=Count("program_id"))
        .order_by()
    )
    counts = {(row["theme_id"], row["program__year"]): row["n"] for row in links}
    rows = []
    for theme in Theme.objects.all():
        row = ThemeRow(
            theme.slug, theme.name, [counts.get((theme.pk, year), 0) for year in years], shown_language(theme, "name")
        )
        if row.total:
            rows.append(row)
    return ThemeMatrix(years, rows)


def top_countries(programs, limit=TOP):
    rows = (
        restricted(TargetCountry.objects.all(), programs)
        .values("country")
        .annotate(n=Count("program"), people=Sum("program__headcount"))
        .order_by("-n", "country")[:limit]
    )
    return [CountryRow(row["country"], countries.name(row["country"]), row["n"], row["people"]) for row in rows]


def top_cities(programs, limit=TOP):
    """The cities most programs aimed at: one GROUP BY over the link table, then the names of the few
    cities that can make the list (all those tied with the last place, so ties sort by name)."""
    counts = list(
        restricted(Program.target_cities.through.objects.all(), programs)
        .values("city_id")
        .annotate(n=Count("*"), people=Sum("program__headcount"))
        .order_by("-n")
    )
    return city_rows(counts, limit)


def city_rows(counts, limit=TOP):
    """``top_cities`` from its rows (city_id, n, people) in decreasing n: the cities' names asked once."""
    if len(counts) > limit:
        counts = [row for row in counts if row["n"] >= counts[limit - 1]["n"]]
    cities = City.objects.in_bulk([row["city_id"] for row in counts])
    rows = [(row, cities[row["city_id"]]) for row in counts]
    rows.sort(key=lambda pair: (-pair[0]["n"], pair[1].name))
    return [
        CityRow(city.slug, city.name, city.country.code, row["n"], row["people"], shown_language(city, "name"))
        for row, city in rows[:limit]
    ]


def per_mode(programs):
    rows = {
        row["mode"]: row for row in programs.order_by().values("mode").annotate(n=Count("pk"), people=Sum("headcount"))
    }
    return [
        ModeRow(code, str(label), rows[code]["n"], rows[code]["people"])
        for code, label in Program.Mode.choices
        if code in rows
    ]


def program_stats(programs, *, counted=None, status=DEFAULT_STATUS) -> ProgramStats:
    """The statistics of ``programs``; with ``counted`` and ``status`` (see ``per_year``) also the
    programs of other statuses that the counts leave out."""
    years, set_aside = per_year(programs, counted=counted, status=status)
    return ProgramStats(
        years=years,
        theme_matrix=theme_matrix(programs, [row.year for row in years]),
        countries=top_countries(programs),
        cities=top_cities(programs),
        modes=per_mode(programs),
        set_aside=set_aside,
        status=status,
    )


def indexed_stats(selection) -> ProgramStats:
    """``program_stats`` of a selection from the facet index (``index.IndexedSelection``): the same
    figures, from intersections of bitmaps instead of six aggregate queries (a property test compares
    them); only the names of themes and of the top cities are asked of the database."""
    index, status = selection.index, selection.selection.status
    programs = selection.programs()
    counted = selection.programs(ignore="status")
    statuses = index.values["status"]
    rows = []
    for year, in_year in index.values["year"].items():
        for code, with_status in statuses.items():
            cell = in_year & with_status & counted
            if cell:
                n, people, unreported = selection.figures(cell)
                rows.append({"year": year, "status": code, "n": n, "people": people, "reported": n - unreported})
    years, set_aside = year_rows(rows, split=True, status=status)
    year_list = [row.year for row in years]
    matrix = []
    for theme in Theme.objects.all():
        on_theme = index.values["theme"].get(theme.pk, facet_index.EMPTY) & programs
        counts = [
            on_theme.intersection_cardinality(index.values["year"].get(year, facet_index.EMPTY)) for year in year_list
        ]
        if sum(counts):
            matrix.append(ThemeRow(theme.slug, theme.name, counts, shown_language(theme, "name")))
    return ProgramStats(
        years=years,
        theme_matrix=ThemeMatrix(year_list, matrix),
        countries=[
            CountryRow(code, countries.name(code), n, people)
            for code, n, people in _largest(selection, "country", programs, key=lambda code: code)[:TOP]
        ],
        cities=city_rows(
            [{"city_id": city, "n": n, "people": people} for city, n, people in _largest(selection, "city", programs)]
        ),
        modes=[
            ModeRow(code, str(label), *selection.figures(index.values["mode"][code] & programs)[:2])
            for code, label in Program.Mode.choices
            if index.values["mode"].get(code, facet_index.EMPTY).intersection_cardinality(programs)
        ],
        set_aside=set_aside,
        status=status,
    )


def _largest(selection, facet, programs, key=None, limit=TOP):
    """(value, programs, headcount) of ``facet``'s values in ``programs``, most programs first (then by
    ``key``), for every value tied with the ``limit``-th or ahead of it: the headcount is worked out for
    those only."""
    counts = {}
    for value, bitmap in selection.index.values[facet].items():
        count = bitmap.intersection_cardinality(programs)
        if count:
            counts[value] = count
    ranked = sorted(counts.items(), key=lambda item: (-item[1], key(item[0]) if key else 0))
    if len(ranked) > limit:
        ranked = [item for item in ranked if item[1] >= ranked[limit - 1][1]]
    return [
        (value, count, selection.figures(selection.index.values[facet][value] & programs)[1]) for value, count in ranked
    ]


def stats_of(filterset, programs, *, counted) -> ProgramStats:
    """The statistics of a filterset's selection: from the facet index when this worker has it and every
    filter is valid (``counted`` is None otherwise), else in SQL (``program_stats``)."""
    index = facet_index.current() if counted is not None else None
    if index is None:
        return program_stats(programs, counted=counted, status=filterset.selection.status)
    return indexed_stats(facet_index.IndexedSelection.of(index, filterset))
