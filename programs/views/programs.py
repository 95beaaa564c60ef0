"""Public pages of the registry: home, the program list with its filters and facets, program detail,
host institutes, themes, statistics, and the exports of the list and the statistics."""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Max, Min, Prefetch, Sum
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView

from exchange_portal import pagecache
from exchange_portal.pagecache import PublicPage

from .. import exports
from ..filters import ProgramFilter
from ..models import DataQualityFlag, Institute, Program, TargetCountry, Theme
from ..presentation import stats_charts, theme_chart
from ..selectors.facets import browse, program_facets
from ..selectors.stats import program_stats
from ..selectors.totals import source_table_totals
from .places import partner_cities, partner_map

PAGE_SIZE = 25
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

    def selection_query(self):
        """The query string of the current selection without the page: for exports and permalinks."""
        query = self.request.GET.copy()
        query.pop("page", None)
        return query.urlencode()


class HomeView(PublicPage, TemplateView):
    template_name = "programs/home.html"

    def get_context_data(self, **kwargs):
        programs = Program.objects.all()
        summary = programs.summary()
        return super().get_context_data(
            totals=source_table_totals(),
            summary=summary,
            city_count=partner_cities().count(),
            country_count=TargetCountry.objects.values("country").distinct().count(),
            themes=Theme.objects.annotate(program_count=Count("programs")).order_by("position", "name"),
            recent=programs.for_listing()[:6],
            map_svg=partner_map(title=_("Partner cities and countries reached")),
            **kwargs,
        )


class ProgramListView(PublicPage, FilteredProgramsMixin, TemplateView):
    template_name = "programs/program_list.html"

    def get_context_data(self, **kwargs):
        filterset = self.get_filterset()
        programs = self.filtered_programs()
        sidebar = browse(filterset)
        summary = programs.summary() if programs.query.is_empty() else sidebar.summary  # none() asks nothing
        paginator = Paginator(programs.for_listing(), PAGE_SIZE)
        paginator.count = summary["programs"]  # known from the summary: no COUNT query
        requested = self.request.GET.get("page", "1")
        page_notice = ""
        try:
            page = paginator.page(requested)
        except InvalidPage:
            past_the_end = str(requested).isdigit() and int(requested) > paginator.num_pages
            page = paginator.page(paginator.num_pages if past_the_end else 1)
            page_notice = _("There is no page “%(page)s”; showing page %(shown)s of %(pages)s.") % {
                "page": requested,
                "shown": page.number,
                "pages": paginator.num_pages,
            }
        return super().get_context_data(
            filter=filterset,
            form=filterset.form,
            facets=sidebar.facets,
            summary=summary,
            page_obj=page,
            page_links=paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            paginator=paginator,
            programs=page.object_list,
            page_notice=page_notice,
            selection_query=self.selection_query(),
            export_links=self.export_links("programs:program-export"),
            sort_choices=filterset.form.fields["sort"].choices,
            current_sort=self.request.GET.get("sort", "newest"),
            **kwargs,
        )


class ProgramDetailView(PublicPage, DetailView):
    template_name = "programs/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return Program.objects.select_related("host", "host__city", "agreement").prefetch_related(
            "themes",
            "networks",
            "target_cities",
            "target_country_links",
            Prefetch("quality_flags", queryset=DataQualityFlag.objects.open().order_by("code"), to_attr="open_flags"),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(related=list(Program.objects.related_to(self.object)), **kwargs)


class InstituteDetailView(PublicPage, DetailView):
    template_name = "programs/institute_detail.html"
    context_object_name = "institute"
    queryset = Institute.objects.select_related("city")

    def get_context_data(self, **kwargs):
        programs = list(self.object.programs.for_listing().sorted_by("newest"))
        summary = self.object.programs.all().summary()
        span = self.object.programs.aggregate(first=Min("year"), last=Max("year"))
        return super().get_context_data(
            programs=programs,
            summary=summary,
            span=span,
            agreements=self.object.agreements.prefetch_related("party_cities", "party_institutes"),
            **kwargs,
        )


class ThemeDetailView(PublicPage, DetailView):
    template_name = "programs/theme_detail.html"
    context_object_name = "theme"
    model = Theme

    def get_context_data(self, **kwargs):
        theme_programs = Program.objects.on_any_theme([self.object.slug])
        years = theme_programs.order_by().values("year").annotate(n=Count("pk"), people=Sum("headcount"))
        years = sorted(years, key=lambda row: row["year"])
        return super().get_context_data(
            programs=list(theme_programs.for_listing().sorted_by("newest")),
            summary=theme_programs.summary(),
            years=years,
            chart=theme_chart(self.object, years),
            **kwargs,
        )


class StatsView(PublicPage, FilteredProgramsMixin, TemplateView):
    template_name = "programs/stats.html"

    def get_context_data(self, **kwargs):
        filterset = self.get_filterset()
        stats = cached_stats(filterset)
        return super().get_context_data(
            filter=filterset,
            form=filterset.form,
            stats=stats,
            totals=source_table_totals(),
            selection_query=self.selection_query(),
            export_links=self.export_links("programs:stats-export"),
            facets=program_facets(filterset),
            **stats_charts(stats),
            **kwargs,
        )


def export_format(file_format):
    if file_format not in EXPORT_FORMATS:
        raise Http404(gettext_lazy("Exports are available as CSV, JSON and XLSX."))
    return file_format


def program_export(request, file_format):
    """The program list under the same filters as /programs/, as a download."""
    file_format = export_format(file_format)
    programs = (
        selected_programs(bind_filters(request))
        .select_related("host", "agreement")
        .prefetch_related("themes", "target_cities", "target_country_links", "networks")
    )
    return pagecache.public(
        exports.programs_response(
            programs,
            file_format,
            build_url=lambda program: request.build_absolute_uri(program.get_absolute_url()),
            filters=selection(request),
        )
    )


def stats_export(request, file_format):
    """The statistics under the same filters as /stats/, as a download."""
    file_format = export_format(file_format)
    stats = cached_stats(bind_filters(request))
    return pagecache.public(exports.stats_response(stats, file_format, filters=selection(request)))


def cached_stats(filterset):
    """The statistics of the filterset's selection, kept in the cache until the registry changes."""
    return pagecache.memoize(
        "stats",
        sorted(filterset.data.lists()) if filterset.is_bound else [],
        lambda: program_stats(selected_programs(filterset)),
    )


def selection(request):
    """The query parameters of an export, every value as a list (``theme`` may repeat)."""
    return {name: values for name, values in request.GET.lists() if name != "page"}
