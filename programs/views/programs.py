"""Public pages of the registry: home, the program list with its filters and facets, program detail,
host institutes, themes, statistics, and the exports of the list and the statistics."""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Max, Min, Prefetch, Sum
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView
from django_countries import countries

from exchange_portal import charts, pagecache
from exchange_portal.pagecache import PublicPage

from .. import exports
from ..filters import ProgramFilter
from ..models import DataQualityFlag, Institute, Program, TargetCountry, Theme
from ..presentation import describe_headcount, describe_period
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

    def filter_errors(self):
        filterset = self.get_filterset()
        if not filterset.is_bound or filterset.is_valid():
            return []
        errors = []
        for name, messages in filterset.form.errors.items():
            field = filterset.form.fields.get(name)
            label = field.label if field else name
            removal = self.request.GET.copy()
            removal.pop(name, None)
            removal.pop("page", None)
            errors.append(
                {
                    "label": label,
                    "value": ", ".join(self.request.GET.getlist(name)),
                    "messages": messages,
                    "remove_query": removal.urlencode(),
                }
            )
        return errors

    def filter_chips(self):
        """Each active filter value with the query string that removes it (page reset to 1)."""
        filterset = self.get_filterset()
        chips = []
        for name, value in filterset.active.items():
            label = filterset.form.fields[name].label
            values = list(value) if name == "theme" else [value]
            for item in values:
                shown, raw = self.chip_value(name, item)
                query = self.request.GET.copy()
                query.pop("page", None)
                query.setlist(name, [v for v in query.getlist(name) if v.lower() != raw.lower()])
                chips.append({"label": label, "value": shown, "remove_query": query.urlencode()})
        return chips

    @staticmethod
    def chip_value(name, item):
        if name in ("theme", "host", "city", "network"):
            return str(item), item.slug
        if name == "mode":
            return str(Program.Mode(item).label), item
        if name == "format":
            return str(Program.Format(item).label), item
        if name == "country":
            return countries.name(item), item
        if name in ("year", "year_min", "year_max"):
            return str(int(item)), str(int(item))
        return str(item), str(item)

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
        for program in page.object_list:
            program.period_label = describe_period(program)
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
            errors=self.filter_errors(),
            chips=self.filter_chips(),
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
        program = self.object
        program.period_label = describe_period(program)
        related = list(Program.objects.related_to(program))
        for other in related:
            other.period_label = describe_period(other)
        return super().get_context_data(
            headcount_label=describe_headcount(program),
            countries_reached=[(link.country.code, link.country.name) for link in program.target_country_links.all()],
            related=related,
            **kwargs,
        )


class InstituteDetailView(PublicPage, DetailView):
    template_name = "programs/institute_detail.html"
    context_object_name = "institute"
    queryset = Institute.objects.select_related("city")

    def get_context_data(self, **kwargs):
        programs = self.object.programs.for_listing().sorted_by("newest")
        program_list = list(programs)
        for program in program_list:
            program.period_label = describe_period(program)
        summary = self.object.programs.all().summary()
        span = self.object.programs.aggregate(first=Min("year"), last=Max("year"))
        return super().get_context_data(
            programs=program_list,
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
        program_list = list(theme_programs.for_listing().sorted_by("newest"))
        for program in program_list:
            program.period_label = describe_period(program)
        years = theme_programs.order_by().values("year").annotate(n=Count("pk"), people=Sum("headcount"))
        years = sorted(years, key=lambda row: row["year"])
        chart = charts.bar_chart(
            [(str(row["year"]), row["n"]) for row in years],
            title=_("Programs on %(theme)s per year") % {"theme": self.object.name},
            value_label=_("Programs"),
            description=_("The table below gives the same numbers."),
        )
        return super().get_context_data(
            programs=program_list,
            summary=theme_programs.summary(),
            years=years,
            chart=chart,
            **kwargs,
        )


class StatsView(PublicPage, FilteredProgramsMixin, TemplateView):
    template_name = "programs/stats.html"

    def get_context_data(self, **kwargs):
        filterset = self.get_filterset()
        stats = cached_stats(filterset)
        figures = {
            "years_chart": charts.bar_chart(
                [(str(row.year), row.programs) for row in stats.years],
                title=_("Programs per year"),
                value_label=_("Programs"),
                description=_("The table “Programs and participants per year” gives the same numbers."),
            ),
            "headcount_chart": charts.bar_chart(
                [(str(row.year), row.headcount) for row in stats.years],
                title=_("Participants per year"),
                value_label=_("Participants"),
                description=_("The table “Programs and participants per year” gives the same numbers."),
            ),
            "countries_chart": charts.horizontal_bar_chart(
                [(row.name, row.programs) for row in stats.countries],
                title=_("Countries reached"),
                value_label=_("Programs"),
                description=_("The table “Countries reached” gives the same numbers."),
            ),
            "cities_chart": charts.horizontal_bar_chart(
                [(row.name, row.programs) for row in stats.cities],
                title=_("Cities reached"),
                value_label=_("Programs"),
                description=_("The table “Cities reached” gives the same numbers."),
            ),
            "modes_chart": charts.share_bar(
                [(row.label, row.programs) for row in stats.modes],
                title=_("Share of programs held online and on-site"),
                description=_("The table “Online and on-site” gives the same numbers."),
            ),
        }
        return super().get_context_data(
            filter=filterset,
            form=filterset.form,
            stats=stats,
            totals=source_table_totals(),
            errors=self.filter_errors(),
            chips=self.filter_chips(),
            selection_query=self.selection_query(),
            export_links=self.export_links("programs:stats-export"),
            facets=program_facets(filterset),
            **figures,
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
            build_url=lambda program: request.build_absolute_uri(program_url(program)),
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


def program_url(program):
    return reverse("programs:program-detail", kwargs={"slug": program.slug})
