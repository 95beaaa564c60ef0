"""Public pages of the registry: home, the program list with its filters and facets, program detail,
host institutes, themes, statistics, and the exports of the list and the statistics."""

from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, Sum
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView
from django_countries import countries

from cities.models import City
from exchange_portal import pagecache
from exchange_portal.pagecache import PublicPage

from .. import exports
from ..filters import ProgramFilter
from ..languages import label_language
from ..models import DataQualityFlag, Institute, Program, TargetCountry, Theme
from ..models.programs import any_contains, country_codes_named, localized_fields
from ..presentation import comparison_chart, selection_title, stats_charts, theme_chart
from ..selectors import compare
from ..selectors import index as facet_index
from ..selectors.facets import browse, listing_ids, program_facets
from ..selectors.related import related_programs
from ..selectors.stats import stats_of
from ..selectors.totals import source_table_totals
from ..sources import source_table
from .paging import page_of
from .places import partner_cities, partner_map

EXPORT_FORMATS = ("csv", "json", "xlsx")


def bind_filters(request):
    """The shared ProgramFilter bound to the query string (unbound when there is none)."""
    return ProgramFilter(request.GET or None, queryset=Program.objects.all())


def selected_programs(filterset):
    """The programs a filterset selects; none while any parameter is invalid."""
    if filterset.is_bound and not filterset.is_valid():
        return Program.objects.none()
    return filterset.qs


class FilteredProgramsMixin:
    """Binds the shared ProgramFilter to the query string; invalid parameters select nothing."""

    def get_filterset(self):
        if not hasattr(self, "_filterset"):
            self._filterset = bind_filters(self.request)
        return self._filterset

    def filtered_programs(self):
        return selected_programs(self.get_filterset())

    def export_links(self, url_name):
        query = self.selection_query()
        suffix = f"?{query}" if query else ""
        return [
            {"label": label, "url": reverse(url_name, kwargs={"file_format": file_format}) + suffix}
            for file_format, label in (("csv", "CSV"), ("xlsx", "Excel (.xlsx)"), ("json", "JSON"))
        ]

    def selection_query(self, keep_page=False):
        """The query string of the current selection, without empty parameters and (unless
        ``keep_page``) without the page: for exports and permalinks."""
        return non_empty_query(self.request.GET, drop=() if keep_page else ("page",)).urlencode()

    def permalink(self):
        """This page's address with every non-empty parameter (``?q=&year=`` left out)."""
        query = self.selection_query(keep_page=True)
        return self.request.path + (f"?{query}" if query else "")


def non_empty_query(data, drop=()):
    """A copy of ``data`` (a QueryDict) without blank values, parameters left blank, and ``drop``."""
    query = QueryDict(mutable=True)
    for name, values in data.lists():
        values = [value for value in values if value.strip()]
        if name not in drop and values:
            query.setlist(name, values)
    return query


class HomeView(PublicPage, TemplateView):
    cache_parameters = ()
    template_name = "programs/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **facet_index.kept("home", home_figures),
            totals=source_table_totals(),
            recent=Program.objects.confirmed().for_listing()[:6],
            map_svg=facet_index.kept(
                f"partner_map:{get_language()}", lambda: partner_map(title=_("Partner cities and countries reached"))
            ),
            **kwargs,
        )


def home_figures():
    """The registry's figures on the home page, kept with the facet index until the registry changes.
    Every figure counts the programs confirmed as held; the others are named apart (set_aside)."""
    return {
        "summary": Program.objects.summary_by_status(table_document=source_table.SOURCE_DOCUMENT),
        "city_count": partner_cities().count(),
        "country_count": TargetCountry.objects.filter(program__status=Program.Status.CONFIRMED)
        .values("country")
        .distinct()
        .count(),
        "themes": list(
            Theme.objects.annotate(
                program_count=Count("programs", filter=Q(programs__status=Program.Status.CONFIRMED))
            ).order_by("position", "name")
        ),
    }


class ProgramListView(PublicPage, FilteredProgramsMixin, TemplateView):
    template_name = "programs/program_list.html"

    def get_context_data(self, **kwargs):
        filterset = self.get_filterset()
        programs = self.filtered_programs()
        sidebar = browse(filterset)
        summary = programs.summary() if programs.query.is_empty() else sidebar.summary  # none() asks nothing
        ids = listing_ids(filterset)
        if ids is not None:  # the same programs, fetched by id (in the same order)
            programs = Program.objects.filter(pk__in=ids).order_by(*programs.query.order_by)
        paged = page_of(self.request, programs.for_listing(), summary["programs"])
        return super().get_context_data(
            filter=filterset,
            form=filterset.form,
            facets=sidebar.facets,
            summary=summary,
            set_aside=sidebar.set_aside,
            programs=paged["page_obj"].object_list,
            **paged,
            selection_query=self.selection_query(),
            selection_title=selection_title(filterset),
            selection_heading=selection_title(filterset, html=True),
            permalink=self.permalink(),
            export_links=self.export_links("programs:program-export"),
            suggestions=name_suggestions(filterset) if not summary["programs"] else [],
            sort_choices=filterset.form.fields["sort"].choices,
            current_sort=self.request.GET.get("sort", "newest"),
            **kwargs,
        )


SUGGESTIONS = 10


def name_suggestions(filterset):
    """For a search that found nothing: the city, theme and country pages whose name in any language
    contains the search text (``q=El Cairo`` finds no program title, but the page of Cairo)."""
    text = (filterset.active.get("q") or "").strip() if filterset.is_bound else ""
    if len(text) < 2:
        return []
    found = [
        {"name": city.name, "lang": label_language(city), "url": city.get_absolute_url(), "kind": _("city")}
        for city in City.objects.filter(any_contains([*localized_fields("name"), "local_name"], text))[:SUGGESTIONS]
    ]
    found += [
        {"name": theme.name, "lang": label_language(theme), "url": theme.get_absolute_url(), "kind": _("theme")}
        for theme in Theme.objects.filter(any_contains(localized_fields("name"), text))[:SUGGESTIONS]
    ]
    list_url = reverse("programs:program-list")
    found += [
        {"name": countries.name(code), "url": f"{list_url}?country={code}", "kind": _("country")}
        for code in country_codes_named(text)[:SUGGESTIONS]
    ]
    return found[:SUGGESTIONS]


class ProgramDetailView(PublicPage, DetailView):
    cache_parameters = ()
    template_name = "programs/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return Program.objects.select_related("host", "host__city", "agreement", "duplicate_of").prefetch_related(
            "possible_duplicates",
            "themes",
            "networks",
            "target_cities",
            "target_country_links",
            Prefetch("quality_flags", queryset=DataQualityFlag.objects.open().order_by("code"), to_attr="open_flags"),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(related=related_programs(self.object), **kwargs)


class InstituteDetailView(PublicPage, DetailView):
    cache_parameters = ()
    template_name = "programs/institute_detail.html"
    context_object_name = "institute"
    queryset = Institute.objects.select_related("city")

    def get_context_data(self, **kwargs):
        programs = list(self.object.programs.for_listing().sorted_by("newest"))
        summary = self.object.programs.confirmed().summary()
        span = self.object.programs.aggregate(first=Min("year"), last=Max("year"))
        return super().get_context_data(
            programs=programs,
            summary=summary,
            span=span,
            agreements=self.object.agreements.prefetch_related("party_cities", "party_institutes"),
            **kwargs,
        )


class ThemeDetailView(PublicPage, DetailView):
    cache_parameters = ()
    template_name = "programs/theme_detail.html"
    context_object_name = "theme"
    model = Theme

    def get_context_data(self, **kwargs):
        theme_programs = Program.objects.on_any_theme([self.object.slug])
        listed = list(theme_programs.for_listing().sorted_by("newest"))  # split below, not queried twice
        years = theme_years(self.object)
        return super().get_context_data(
            programs=[program for program in listed if program.is_confirmed],
            not_confirmed=[program for program in listed if not program.is_confirmed],
            summary=theme_programs.confirmed().summary(),
            years=years,
            chart=theme_chart(self.object, years),
            **kwargs,
        )


def theme_years(theme):
    """Programs and headcount of ``theme`` per year, on the year axis every theme page shares: each year
    from the registry's first to its last, with 0 programs (and no headcount) where the theme has none.
    One query: all programs grouped by year, counting those on the theme."""
    on_theme = Q(Exists(Program.themes.through.objects.filter(program=OuterRef("pk"), theme=theme)))
    rows = {
        row["year"]: row
        for row in Program.objects.confirmed()
        .order_by()
        .values("year")
        .annotate(n=Count("pk", filter=on_theme), people=Sum("headcount", filter=on_theme))
    }
    if not any(row["n"] for row in rows.values()):
        return []
    return [
        rows.get(year, {"year": year, "n": 0, "people": None}) | {"gap": not rows.get(year, {}).get("n")}
        for year in range(min(rows), max(rows) + 1)
    ]


class StatsView(PublicPage, FilteredProgramsMixin, TemplateView):
    template_name = "programs/stats.html"
    # The page cache keys on these: the filters, and what to compare side by side.
    cache_parameters = (*ProgramFilter.base_filters, *compare.PARAMETERS)

    def get_context_data(self, **kwargs):
        filterset = self.get_filterset()
        stats = cached_stats(filterset)
        comparison = self.comparison(filterset, stats)
        return super().get_context_data(
            filter=filterset,
            form=filterset.form,
            stats=stats,
            comparison=comparison,
            comparison_chart=comparison_chart(comparison) if comparison else "",
            compare_choices=self.compare_choices(),
            compare_unknown=compare.unknown(self.request.GET),
            selection_title=selection_title(filterset),
            selection_heading=selection_title(filterset, html=True),
            permalink=self.permalink(),
            totals=source_table_totals(),
            selection_query=self.selection_query(),
            export_links=self.export_links("programs:stats-export"),
            facets=program_facets(filterset),
            **stats_charts(stats),
            **kwargs,
        )

    def comparison(self, filterset, stats):
        """Two or more themes chosen in the filters, or ``compare_country`` / ``compare_host`` given two or
        more times: their programs per year, side by side (None otherwise, and while a filter is invalid)."""
        if filterset.is_bound and not filterset.is_valid():
            return None
        themes = filterset.active.get("theme", []) if filterset.is_bound else []
        wanted = compare.requested(self.request.GET, themes)
        if not wanted or not stats.years:
            return None
        dimension, keys = wanted
        return compare.compare(
            selected_programs(filterset),
            dimension,
            keys,
            compare.year_axis(row.year for row in stats.years),
            themes={theme.slug: theme for theme in themes},
        )

    def compare_choices(self):
        """The countries and hosts a manager may tick to compare (those the facets offer)."""
        return {
            "country": set(self.request.GET.getlist("compare_country")),
            "host": set(self.request.GET.getlist("compare_host")),
        }


def export_format(file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404(gettext_lazy("Exports are available as CSV, JSON and XLSX."))
    return file_format


def program_export(request, file_format):
    """The program list under the same filters as /programs/, as a download."""
    file_format = export_format(file_format)
    filterset = bind_filters(request)
    # One reverse() for all rows: the page address of a program with a placeholder slug.
    placeholder = "export-slug-placeholder"
    address = request.build_absolute_uri(reverse("programs:program-detail", kwargs={"slug": placeholder}))
    return pagecache.public(
        exports.programs_response(
            selected_programs(filterset),
            file_format,
            build_url=lambda slug: address.replace(placeholder, slug),
            filters=selection(request),
            filterset=filterset,
            source_url=request.build_absolute_uri(),
        )
    )


def stats_export(request, file_format):
    """The statistics under the same filters as /stats/, as a download."""
    file_format = export_format(file_format)
    filterset = bind_filters(request)
    stats = cached_stats(filterset)
    return pagecache.public(
        exports.stats_response(
            stats, file_format, filters=selection(request), filterset=filterset, source_url=request.build_absolute_uri()
        )
    )


def cached_stats(filterset):
    """The statistics of the filterset's selection, kept in the cache until the registry changes."""
    return pagecache.memoize(
        "stats",
        sorted(item for item in filterset.data.lists() if item[0] in filterset.filters) if filterset.is_bound else [],
        lambda: stats_of(
            filterset,
            selected_programs(filterset),
            counted=unfiltered_by_status(filterset),
        ),
    )


def unfiltered_by_status(filterset):
    """The filterset's selection under every filter but the status (None while a filter is invalid):
    what /stats/ counts the announced programs and possible duplicates in, to show them apart."""
    if filterset.is_bound and not filterset.is_valid():
        return None
    return filterset.selection.without("status").programs(filterset.queryset)


def selection(request):
    """The query parameters of an export, every value as a list (``theme`` may repeat)."""
    return {name: values for name, values in request.GET.lists() if name != "page"}
