"""Statistics of a (filtered) set of programs: per year, theme × year, countries and cities reached,
online vs on-site. Each figure is one aggregate query, whatever the number of programs."""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django_countries import countries

from cities.models import City

from ..models import Program, TargetCountry, Theme, restricted

TOP = 15


@dataclass(frozen=True)
class YearRow:
    year: int
    programs: int
    headcount: int


@dataclass(frozen=True)
class ThemeRow:
    slug: str
    name: str
    counts: list[int]

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
    headcount: int


@dataclass(frozen=True)
class CityRow:
    slug: str
    name: str
    country: str
    programs: int
    headcount: int


@dataclass(frozen=True)
class ModeRow:
    code: str
    label: str
    programs: int
    headcount: int


@dataclass(frozen=True)
class ProgramStats:
    years: list[YearRow]
    theme_matrix: ThemeMatrix
    countries: list[CountryRow]
    cities: list[CityRow]
    modes: list[ModeRow]

    @property
    def programs(self):
        return sum(row.programs for row in self.years)

    @property
    def headcount(self):
        return sum(row.headcount for row in self.years)


def per_year(programs):
    rows = programs.order_by().values("year").annotate(n=Count("pk"), people=Sum("headcount")).order_by("year")
    return [YearRow(row["year"], row["n"], row["people"] or 0) for row in rows]


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
        row = ThemeRow(theme.slug, theme.name, [counts.get((theme.pk, year), 0) for year in years])
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
    return [CountryRow(row["country"], countries.name(row["country"]), row["n"], row["people"] or 0) for row in rows]


def top_cities(programs, limit=TOP):
    """The cities most programs aimed at: one GROUP BY over the link table, then the names of the few
    cities that can make the list (all those tied with the last place, so ties sort by name)."""
    counts = list(
        restricted(Program.target_cities.through.objects.all(), programs)
        .values("city_id")
        .annotate(n=Count("*"), people=Sum("program__headcount"))
        .order_by("-n")
    )
    if len(counts) > limit:
        counts = [row for row in counts if row["n"] >= counts[limit - 1]["n"]]
    cities = City.objects.in_bulk([row["city_id"] for row in counts])
    rows = [(row, cities[row["city_id"]]) for row in counts]
    rows.sort(key=lambda pair: (-pair[0]["n"], pair[1].name))
    return [
        CityRow(city.slug, city.name, city.country.code, row["n"], row["people"] or 0) for row, city in rows[:limit]
    ]


def per_mode(programs):
    rows = {
        row["mode"]: row for row in programs.order_by().values("mode").annotate(n=Count("pk"), people=Sum("headcount"))
    }
    return [
        ModeRow(code, str(label), rows[code]["n"], rows[code]["people"] or 0)
        for code, label in Program.Mode.choices
        if code in rows
    ]


def program_stats(programs) -> ProgramStats:
    years = per_year(programs)
    return ProgramStats(
        years=years,
        theme_matrix=theme_matrix(programs, [row.year for row in years]),
        countries=top_countries(programs),
        cities=top_cities(programs),
        modes=per_mode(programs),
    )
