"""What a list item shows of a program's targets (cities and countries), without a query per list.

``with_targets(queryset)`` adds two annotations, each a correlated subquery with a string aggregate
(``GROUP_CONCAT`` on SQLite, ``STRING_AGG`` on PostgreSQL), so that a list shows every program's target
cities and countries in the list's own query rather than in two more prefetch queries:

- ``listing_cities``: ``slug<TAB>name<TAB>English name`` per target city, one a line, the name in the
  active language ("" where it has none: the English is shown, marked as such);
- ``listing_countries``: the ISO codes of the target countries, comma-separated.

``targets_of(program)`` turns them into ``(cities, countries)`` for the template."""

from django.db import models
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.urls import reverse
from django.utils.translation import get_language
from django_countries import countries as all_countries
from modeltranslation.utils import build_localized_fieldname

from cities.models import City

from ..record_urls import SlugUrls


class Joined(models.Aggregate):
    """The values of a text expression joined with newlines (order unspecified)."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, '\n')"
    output_field = models.TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def _city_name():
    """The name in the active language, "" where the city has none (or the language has no field)."""
    language = (get_language() or "en").replace("-", "_")
    localized = build_localized_fieldname("name", language)
    if not any(field.name == localized for field in City._meta.fields):
        return Value("")
    return Coalesce(F(f"city__{localized}"), Value(""), output_field=models.TextField())


def with_targets(queryset, city_links, country_links):
    """``queryset`` (of programs) with ``listing_cities`` and ``listing_countries`` annotated, from
    ``city_links`` (the program–city link table's manager) and ``country_links`` (TargetCountry's)."""
    cities = (
        city_links.filter(program=OuterRef("pk"))
        .order_by()
        .values("program")
        .annotate(
            joined=Joined(
                Concat(
                    F("city__slug"),
                    Value("\t"),
                    _city_name(),
                    Value("\t"),
                    F("city__name_en"),
                    output_field=models.TextField(),
                )
            )
        )
        .values("joined")
    )
    countries = (
        country_links.filter(program=OuterRef("pk"))
        .order_by()
        .values("program")
        .annotate(joined=Joined(F("country"), output_field=models.TextField()))
        .values("joined")
    )
    return queryset.annotate(listing_cities=Subquery(cities), listing_countries=Subquery(countries))


def city_path(slug):
    return reverse("cities:city-detail", args=[slug])


def targets_of(program, language=None, urls=None):
    """``(cities, countries)`` of an annotated program, sorted by name: ``(name, url, name's language)``
    per city (``language``, the page's, or English where the city has no name in it), ``(name, url)``
    per country. ``urls`` (a ``SlugUrls``) lets a list reverse each kind of URL once, not per program."""
    language = language or get_language() or "en"
    urls = urls or SlugUrls()
    cities = []
    for line in (getattr(program, "listing_cities", None) or "").splitlines():
        slug, _, names = line.partition("\t")
        name, _, english = names.partition("\t")
        if slug:
            url = urls.fill("city", city_path, slug)
            cities.append((name, url, language) if name else (english or slug, url, "en"))
    list_url = urls.fill("program-list", lambda slug: reverse("programs:program-list") + slug, "")  # no slug: the list
    countries = [
        (str(all_countries.name(code)), f"{list_url}?country={code}")
        for code in sorted(set((getattr(program, "listing_countries", None) or "").replace(",", "\n").split()))
        if code in all_countries
    ]
    return sorted(cities), sorted(countries)
