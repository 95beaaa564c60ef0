"""Public pages about places: partner cities (with the map) and the agreements they signed."""

import unicodedata

from django.conf import settings
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Sum, prefetch_related_objects
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from modeltranslation.utils import build_localized_fieldname

from cities.models import Agreement, City
from exchange_portal.maps import MapPoint, legend_html, locator_map, world_map
from exchange_portal.pagecache import PublicPage

from ..models import Program, TargetCountry
from ..selectors.index import kept
from .paging import page_of

CONFIRMED = Program.Status.CONFIRMED


def partner_cities():
    """Cities that confirmed programs were aimed at or that signed an agreement (EXISTS, so each city
    once). A city that only announced programs were aimed at is not counted."""
    aimed_at = Program.target_cities.through.objects.filter(city=OuterRef("pk"), program__status=CONFIRMED)
    signed = Agreement.party_cities.through.objects.filter(city=OuterRef("pk"))
    return City.objects.filter(Exists(aimed_at) | Exists(signed))


# The partner map draws at most this many cities (those with the most programs): beyond a few hundred
# dots it says no more and weighs hundreds of kilobytes on a phone.
MAP_POINT_LIMIT = 300


def partner_map(*, title, description="", limit=MAP_POINT_LIMIT):
    """The SVG world map: the partner cities with the most confirmed programs as points (``limit`` at
    most), countries shaded by the confirmed programs aimed at them."""
    # Programs per city from the link table, largest first; then cities that only signed agreements.
    counts = dict(
        Program.target_cities.through.objects.filter(program__status=CONFIRMED)
        .values_list("city_id")
        .annotate(n=Count("*"))
        .order_by("-n", "city_id")[: limit + 1]
    )
    truncated = len(counts) > limit
    if truncated:
        counts = dict(list(counts.items())[:limit])
    else:
        signed_only = (
            Agreement.party_cities.through.objects.exclude(city_id__in=list(counts))
            .values_list("city_id", flat=True)
            .distinct()
            .order_by("city_id")
        )
        counts.update(dict.fromkeys(signed_only[: limit - len(counts)], 0))
    cities = City.objects.filter(pk__in=list(counts)).only("name", "slug", "latitude", "longitude")
    points = [
        MapPoint(
            city.name,
            float(city.latitude),
            float(city.longitude),
            url=city.get_absolute_url(),
            label=ngettext("%(count)s program", "%(count)s programs", counts[city.pk]) % {"count": counts[city.pk]},
        )
        for city in sorted(cities, key=lambda city: (-counts[city.pk], city.name))
        if city.latitude is not None and city.longitude is not None
    ]
    country_counts = {
        row["country"]: row["n"]
        for row in TargetCountry.objects.filter(program__status=CONFIRMED)
        .values("country")
        .annotate(n=Count("program"))
        .order_by()
    }
    description = description or _(
        "Each dot is a partner city; countries are shaded by the number of programs aimed at them."
    )
    if truncated:
        description += " " + _("The map shows the %(count)s partner cities with the most programs.") % {"count": limit}
    # The legend goes below the map in HTML (readable on a phone, where the map is scrolled sideways).
    svg = world_map(points=points, countries=country_counts, title=title, description=description, legend=False)
    return mark_safe(
        f'<div class="map-scroll">{svg}</div>'
        + legend_html(country_counts, title=_("Shading: programs aimed at the country"))
    )


def alphabetical_key(name):
    """How a reader looks a name up: accents, hamza and case set aside (Ámsterdam among the A's, Séoul
    before Singapour, أمستردام beside ا), the letters' own order otherwise."""
    letters = unicodedata.normalize("NFKD", name)
    return "".join(letter for letter in letters if not unicodedata.combining(letter)).casefold(), name


def alphabetical_city_ids():
    """Every city's id in the alphabetical order of its name in the page's language (the English name
    where it has none), kept per generation and language: the database would sort by code point, which
    puts Ámsterdam after Yakarta."""
    language = get_language() or settings.LANGUAGE_CODE

    def compute():
        names = dict.fromkeys([build_localized_fieldname("name", language), "name_en"])  # once for English
        rows = [(pk, next(filter(None, shown), "")) for pk, *shown in City.objects.values_list("pk", *names)]
        return [pk for pk, name in sorted(rows, key=lambda row: (alphabetical_key(row[1]), row[0]))]

    return kept(f"alphabetical-cities:{language}", compute)


class CityListView(PublicPage, ListView):
    cache_parameters = ("page",)
    template_name = "cities/city_list.html"
    context_object_name = "cities"
    paginate_by = 100

    def get_queryset(self):
        return alphabetical_city_ids()

    def paginate_queryset(self, queryset, page_size):
        """The page of ids, then its cities with their agreements and networks (prefetched for the page)."""
        paginator, page, ids, is_paginated = super().paginate_queryset(queryset, page_size)
        cities = City.objects.prefetch_related("networks", "agreements").in_bulk(ids)
        page.object_list = [cities[pk] for pk in ids]
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_links"] = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        # The program figures of the page's cities in one GROUP BY over the link table.
        cities = context["cities"]
        figures = {
            row["city_id"]: row
            for row in Program.target_cities.through.objects.filter(
                city__in=[city.pk for city in cities], program__status=CONFIRMED
            )
            .values("city_id")
            .annotate(
                program_count=Count("*"),
                headcount=Sum("program__headcount"),
                first_year=Min("program__year"),
                last_year=Max("program__year"),
            )
            .order_by()
        }
        for city in cities:
            row = figures.get(city.pk, {})
            city.program_count = row.get("program_count", 0)
            city.headcount = row.get("headcount")
            city.first_year, city.last_year = row.get("first_year"), row.get("last_year")
        context["map_svg"] = partner_map(title=_("Partner cities"))
        return context


def listed_programs(request, programs):
    """A page of the confirmed ones of ``programs`` (newest first, 25 a page, ``?page=``) with their
    ``summary``, and apart the others (announced, possible duplicates: labelled, not counted, few)."""
    listing = programs.for_listing().prefetch_related(None).sorted_by("newest")
    summary = programs.confirmed().summary()
    paged = page_of(request, listing.confirmed(), summary["programs"])
    page, not_confirmed = list(paged["page_obj"].object_list), list(listing.not_confirmed())
    prefetch_related_objects(page + not_confirmed, "themes")  # one query for both lists
    return {"programs": page, "summary": summary, "not_confirmed": not_confirmed, **paged}


class CityDetailView(PublicPage, DetailView):
    cache_parameters = ("page",)
    template_name = "cities/city_detail.html"
    context_object_name = "city"
    queryset = City.objects.prefetch_related("networks", "institutes")

    def get_context_data(self, **kwargs):
        city = self.object
        aimed_at = Program.objects.with_target_city(city)
        map_svg = ""
        if city.latitude is not None and city.longitude is not None:
            map_svg = locator_map(
                MapPoint(city.name, float(city.latitude), float(city.longitude)),
                country=city.country.code,
                title=_("Where %(city)s is") % {"city": city.name},
                description=_("%(city)s, a dot, in %(country)s, shaded, and the countries around it.")
                % {"city": city.name, "country": city.country.name},
            )
        return super().get_context_data(
            **listed_programs(self.request, aimed_at),
            years=list(aimed_at.confirmed().order_by("year").values_list("year", flat=True).distinct()),
            agreements=list(city.agreements.prefetch_related("party_cities", "party_institutes")),
            map_svg=map_svg,
            **kwargs,
        )


class AgreementListView(PublicPage, ListView):
    cache_parameters = ()
    template_name = "cities/agreement_list.html"
    context_object_name = "agreements"

    def get_queryset(self):
        # Programs confirmed as held; the others are named on the agreement's page, labelled.
        return Agreement.objects.prefetch_related("party_cities", "party_institutes").annotate(
            program_count=Count("programs", filter=Q(programs__status=CONFIRMED))
        )


class AgreementDetailView(PublicPage, DetailView):
    cache_parameters = ("page",)
    template_name = "cities/agreement_detail.html"
    context_object_name = "agreement"
    queryset = Agreement.objects.prefetch_related("party_cities", "party_institutes")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**listed_programs(self.request, self.object.programs.all()), **kwargs)
