"""Side-by-side figures for /stats/: two or more themes, countries or host institutes, per year.

One GROUP BY query per comparison (plus the names of the hosts compared), over the programs the page's
filters select. The years run without gaps from the first to the last year of the selection, so that a
year without any program of a series shows as a gap rather than disappearing."""

from dataclasses import dataclass

from django.db.models import Count, Sum
from django_countries import countries as all_countries

from ..languages import label_language
from ..models import Institute, Program, TargetCountry, restricted

DIMENSIONS = ("theme", "country", "host")
PARAMETERS = ("compare_country", "compare_host")  # the query parameters /stats/ reads besides the filters
MAX_SERIES = 6  # more bars per year than that cannot be told apart


@dataclass(frozen=True)
class Series:
    key: str
    name: str
    programs: list[int]  # one per year of the comparison
    headcounts: list[int | None]  # None: no program of that year reports a headcount
    lang: str = ""  # the name's language where it is a record's (English where it has none in the page's)

    @property
    def total(self):
        return sum(self.programs)


@dataclass(frozen=True)
class Comparison:
    dimension: str  # "theme", "country" or "host"
    years: list[int]
    series: list[Series]

    @property
    def rows(self):
        """``(year, [programs of each series])`` in year order: the table beside the chart."""
        return [(year, [s.programs[i] for s in self.series]) for i, year in enumerate(self.years)]


def year_axis(years):
    """Every year from the first to the last of ``years`` (an empty list for none)."""
    years = list(years)
    return list(range(min(years), max(years) + 1)) if years else []


def requested(data, filterset_themes=()):
    """What the query string asks to compare: ``(dimension, keys)`` or None.

    Two or more themes chosen in the filters compare those themes; otherwise ``compare_country`` or
    ``compare_host`` repeated two or more times compare those countries or hosts."""
    themes = [theme.slug for theme in filterset_themes or ()]
    if len(themes) >= 2:
        return "theme", themes[:MAX_SERIES]
    for dimension in ("country", "host"):
        keys = []
        for value in data.getlist(f"compare_{dimension}"):
            value = value.strip().upper() if dimension == "country" else value.strip()
            if value and value not in keys:
                keys.append(value)
        if dimension == "country":
            keys = [code for code in keys if code in all_countries]
        if len(keys) >= 2:
            return dimension, keys[:MAX_SERIES]
    return None


def unknown(data):
    """The ``compare_country`` values that are no country code and the ``compare_host`` values that name no
    institute, as ``(parameter, value)`` pairs in the order given: the page says it left them out. The hosts
    cost one query, and only when ``compare_host`` is given."""
    countries = [value.strip() for value in data.getlist("compare_country") if value.strip()]
    hosts = [value.strip() for value in data.getlist("compare_host") if value.strip()]
    known_hosts = set(Institute.objects.filter(slug__in=hosts).values_list("slug", flat=True)) if hosts else set()
    return [("compare_country", code) for code in countries if code.upper() not in all_countries] + [
        ("compare_host", slug) for slug in hosts if slug not in known_hosts
    ]


def compare(programs, dimension, keys, years, themes=None):
    """Programs and headcount per year for each key of ``dimension`` among ``programs``.

    ``themes`` maps a theme's slug to the theme (the filterset's themes, already loaded); keys that match
    nothing are left out."""
    languages = {}
    if dimension == "theme":
        rows = (
            restricted(Program.themes.through.objects.all(), programs)
            .filter(theme__slug__in=keys)
            .values_list("theme__slug", "program__year")
            .annotate(n=Count("program_id"), people=Sum("program__headcount"))
            .order_by()
        )
        labels = {slug: str(theme) for slug, theme in (themes or {}).items()}
        languages = {slug: label_language(theme) for slug, theme in (themes or {}).items()}
    elif dimension == "country":
        rows = (
            restricted(TargetCountry.objects.all(), programs)
            .filter(country__in=keys)
            .values_list("country", "program__year")
            .annotate(n=Count("program_id"), people=Sum("program__headcount"))
            .order_by()
        )
        labels = {code: all_countries.name(code) for code in keys}
    elif dimension == "host":
        hosts = {institute.pk: institute for institute in Institute.objects.filter(slug__in=keys)}
        rows = [
            (hosts[host_id].slug, year, n, people)
            for host_id, year, n, people in programs.filter(host__in=list(hosts))
            .values_list("host_id", "year")
            .annotate(n=Count("pk"), people=Sum("headcount"))
            .order_by()
        ]
        labels = {institute.slug: institute.name for institute in hosts.values()}
        languages = {institute.slug: label_language(institute) for institute in hosts.values()}
    else:
        raise ValueError(dimension)
    figures = {(key, year): (n, people) for key, year, n, people in rows}
    series = []
    for key in keys:
        if key not in labels:
            continue
        counts = [figures.get((key, year), (0, None)) for year in years]
        series.append(
            Series(
                key, str(labels[key]), [n for n, _ in counts], [people for _, people in counts], languages.get(key, "")
            )
        )
    return Comparison(dimension, list(years), series)
