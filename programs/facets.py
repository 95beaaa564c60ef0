"""Facet counts for the program list: how many programs each year, theme, host, mode, format, country,
city and network would give under the OTHER active filters.

Each facet is one aggregate query (GROUP BY), whatever the number of programs.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django_countries import countries

from cities.models import City, Network

from .filters import FACET_PARAMETERS, ProgramFilter
from .models import Institute, Program, TargetCountry, Theme


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


def _selected(filterset: ProgramFilter, name: str) -> set[str]:
    return {str(value) for value in filterset.data.getlist(name)} if hasattr(filterset.data, "getlist") else set()


def _counts_by_value(queryset, field_name):
    return {row[field_name]: row["n"] for row in queryset.values(field_name).annotate(n=Count("pk")).order_by()}


def _model_options(model, filterset, name, related_name):
    base = filterset.queryset_without(FACET_PARAMETERS[name])
    rows = model.objects.annotate(n=Count(related_name, filter=Q(**{f"{related_name}__in": base.values("pk")})))
    selected = _selected(filterset, name)
    return [FacetOption(row.slug, str(row), row.n, row.slug in selected) for row in rows]


def year_facet(filterset):
    base = filterset.queryset_without(FACET_PARAMETERS["year"])
    counts = _counts_by_value(base, "year")
    selected = _selected(filterset, "year")
    options = [FacetOption(str(year), str(year), counts[year], str(year) in selected) for year in sorted(counts)]
    return Facet("year", ProgramFilter.base_filters["year"].label, options)


def choice_facet(filterset, name, choices):
    base = filterset.queryset_without(FACET_PARAMETERS[name])
    counts = _counts_by_value(base, name)
    selected = _selected(filterset, name)
    options = [FacetOption(value, str(label), counts.get(value, 0), value in selected) for value, label in choices]
    return Facet(name, ProgramFilter.base_filters[name].label, options)


def country_facet(filterset):
    base = filterset.queryset_without(FACET_PARAMETERS["country"])
    rows = (
        TargetCountry.objects.filter(program__in=base.values("pk"))
        .values("country")
        .annotate(n=Count("program", distinct=True))
        .order_by()
    )
    selected = {code.upper() for code in _selected(filterset, "country")}
    options = [FacetOption(row["country"], countries.name(row["country"]), row["n"], row["country"] in selected)
               for row in rows]
    for code in selected - {option.value for option in options}:
        if code in countries:
            options.append(FacetOption(code, countries.name(code), 0, True))
    options.sort(key=lambda option: (-option.count, option.label))
    return Facet("country", ProgramFilter.base_filters["country"].label, options)


def program_facets(filterset: ProgramFilter) -> dict[str, Facet]:
    """Every facet of the program list, keyed by its filter parameter."""
    label = {name: ProgramFilter.base_filters[name].label for name in FACET_PARAMETERS}
    facets = {
        "year": year_facet(filterset),
        "theme": Facet("theme", label["theme"], _model_options(Theme, filterset, "theme", "programs"), multiple=True),
        "host": Facet("host", label["host"], _model_options(Institute, filterset, "host", "programs")),
        "mode": choice_facet(filterset, "mode", Program.Mode.choices),
        "format": choice_facet(filterset, "format", Program.Format.choices),
        "country": country_facet(filterset),
        "city": Facet("city", label["city"], _model_options(City, filterset, "city", "programs")),
        "network": Facet("network", label["network"], _model_options(Network, filterset, "network", "programs")),
    }
    return facets
