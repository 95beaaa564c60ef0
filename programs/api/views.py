"""The API's endpoints: a list and a detail of programs, themes, host institutes, cities, networks and
agreements, the statistics, and the index at /api/v1/.

The program list and the statistics bind the FilterSet of /programs/ and /stats/ (``ProgramFilter``),
so any page URL maps to an API URL with the same query string; an invalid value answers 400 naming the
parameter and the reason, where the page names it and selects nothing. Every list makes the same number
of queries at any page size: relations by ``select_related``/``prefetch_related``, and figures over
each record's programs in one GROUP BY for the whole page.
"""

from django.db.models import Count, Prefetch, Sum
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers as fields
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse

from cities.models import Agreement, City, Network

from ..filters import ProgramFilter
from ..models import Institute, Program, Theme
from ..selectors.facets import LISTED_BY_ID
from ..selectors.totals import source_table_totals
from ..views.programs import cached_stats
from . import examples, serializers
from .base import MAX_PAGE_SIZE, PAGE_SIZE, ApiView, ProgramFilterBackend, ReadOnlyApiViewSet


def program_figures(link, records):
    """Programs and their total headcount per record (keyed by primary key), for the records of one
    page, in one GROUP BY; ``link`` is how a program reaches such a record (``themes``, ``host`` …)."""
    ids = [record.pk for record in records if record is not None]
    if not ids:
        return {}
    rows = (
        # The confirmed programs, as programs_url lists them by default.
        Program.objects.confirmed()
        .filter(**{f"{link}__in": ids})
        .order_by()
        .values(link)
        .annotate(programs=Count("pk"), headcount=Sum("headcount"))
    )
    return {row[link]: {"programs": row["programs"], "headcount": row["headcount"] or 0} for row in rows}


class ProgramFiguresMixin:
    """Gives the serializer ``program_figures`` for the records it serializes (a page or one record)."""

    program_link = None

    def get_serializer(self, *args, **kwargs):
        if args and args[0] is not None:
            records = args[0] if kwargs.get("many") else [args[0]]
            kwargs["context"] = {
                **self.get_serializer_context(),
                "program_figures": program_figures(self.program_link, records),
            }
        return super().get_serializer(*args, **kwargs)


# ---------------------------------------------------------------------------------------- documentation

INVALID_PARAMETERS = OpenApiResponse(
    response=inline_serializer(
        "InvalidParameters",
        {
            "parameter": fields.ListField(
                child=fields.CharField(),
                help_text="Each invalid parameter, by name, with the reasons its value cannot be used.",
            )
        },
    ),
    description="A query parameter has an invalid value: the answer names each such parameter with the reasons "
    "(the page /programs/ shows the same messages and selects nothing).",
    examples=[
        OpenApiExample(
            "An unknown theme", value={"theme": ["Select a valid choice. nowhere is not one of the available choices."]}
        ),
        OpenApiExample("A year that is not a number", value={"year": ["Enter a number."]}),
    ],
)
NOT_FOUND = OpenApiResponse(
    response=inline_serializer("NotFound", {"detail": fields.CharField(help_text="Why nothing was found.")}),
    description="No record has this slug, or the page is past the last one.",
    examples=[OpenApiExample("Past the last page", value={"detail": "Invalid page."})],
)
THROTTLED = OpenApiResponse(
    response=inline_serializer("Throttled", {"detail": fields.CharField(help_text="When to try again.")}),
    description="Too many requests from this address (API_THROTTLE_RATE, e.g. 120 a minute); the Retry-After "
    "header says how many seconds to wait.",
    examples=[
        OpenApiExample("Throttled", value={"detail": "Request was throttled. Expected available in 23 seconds."})
    ],
)


def parameter(name, description, example, *, type=str, many=False, enum=None):
    return OpenApiParameter(
        name,
        type=type,
        location=OpenApiParameter.QUERY,
        description=description,
        many=many,
        explode=True if many else None,
        enum=enum,
        examples=[OpenApiExample(str(example), value=example)],
    )


# The program list's and the statistics' query parameters are generated from ProgramFilter by
# drf-spectacular (names, types, enums; descriptions from each filter's help_text); here, an example of each.
FILTER_EXAMPLES = [
    OpenApiExample(str(value), value=value, parameter_only=(name, OpenApiParameter.QUERY))
    for name, value in {
        "year": 2015,
        "year_min": 2014,
        "year_max": 2016,
        "theme": "transportation",
        "host": "korea-university",
        "mode": "online",
        "format": "degree_course",
        "country": "EG",
        "city": "cairo",
        "network": "citynet",
        "status": "all",
        "q": "smart city",
        "sort": "title",
    }.items()
]
PAGING_PARAMETERS = [
    parameter("page", "The page, from 1 (as on /programs/). A page past the last answers 404.", 2, type=int),
    parameter("page_size", f"Records per page: {PAGE_SIZE} unless given, at most {MAX_PAGE_SIZE}.", 25, type=int),
]


def resource_schema(*, one, many, filter_parameter, example):
    """Documents a viewset of reference records, a list and a detail (``one``: "a theme"), whose
    answers its ``serializer_class`` describes."""
    slug = OpenApiParameter(
        "slug",
        type=str,
        location=OpenApiParameter.PATH,
        description="The slug, as in the public page's URL and in the filter parameters of /programs/.",
        examples=[OpenApiExample(example["slug"], value=example["slug"])],
    )
    figures = (
        f"`program_count` and `headcount` are figures over its programs; `programs_url` is the program list "
        f"filtered with `?{filter_parameter}=`."
        if filter_parameter
        else "`program_count` and `headcount` are figures over its programs, which it lists."
    )

    def document(viewset):
        serializer_class = viewset.serializer_class
        return extend_schema_view(
            list=extend_schema(
                summary=f"List {many}",
                description=f"Every record, paged. {figures}",
                tags=[many],
                parameters=PAGING_PARAMETERS,
                responses={200: serializer_class(many=True), 404: NOT_FOUND, 429: THROTTLED},
                examples=[OpenApiExample(f"A page of {many}", value=example, response_only=True)],
            ),
            retrieve=extend_schema(
                summary=f"One of the {many}",
                description=f"{one.capitalize()}, by slug, as in the list.",
                tags=[many],
                parameters=[slug],
                responses={200: serializer_class, 404: NOT_FOUND, 429: THROTTLED},
                examples=[OpenApiExample(one.capitalize(), value=example, response_only=True)],
            ),
        )(viewset)

    return document


# --------------------------------------------------------------------------------------------- views


@extend_schema_view(
    list=extend_schema(
        summary="List programs",
        tags=["programs"],
        description="The programs /programs/ lists, with the same query parameters, paged (50 a page unless "
        "`page_size` says otherwise). Each program carries its provenance, the precision of its dates, its open "
        "data-quality flags and a `status` derived from them. Nothing about individual participants is served: "
        "`headcount` is the program's own figure.",
        parameters=PAGING_PARAMETERS,
        responses={
            200: serializers.ProgramSerializer(many=True),
            400: INVALID_PARAMETERS,
            404: NOT_FOUND,
            429: THROTTLED,
        },
        examples=[OpenApiExample("A page of programs", value=examples.PROGRAM, response_only=True), *FILTER_EXAMPLES],
    ),
    retrieve=extend_schema(
        summary="One program",
        tags=["programs"],
        description="One program, as in the list.",
        parameters=[
            OpenApiParameter(
                "slug",
                type=str,
                location=OpenApiParameter.PATH,
                description="The program's slug, as in its public page's URL.",
                examples=[OpenApiExample("A program", value=examples.PROGRAM["slug"])],
            )
        ],
        responses={200: serializers.ProgramSerializer, 404: NOT_FOUND, 429: THROTTLED},
        examples=[OpenApiExample("A program", value=examples.PROGRAM, response_only=True)],
    ),
)
class ProgramViewSet(ReadOnlyApiViewSet):
    serializer_class = serializers.ProgramSerializer
    filter_backends = [ProgramFilterBackend]
    filterset_class = ProgramFilter

    # The list filters it and takes the page's ids, the detail finds the program's id by slug: both then
    # read what they show with program_documents().
    queryset = Program.objects.only("pk")

    def paginate_queryset(self, queryset):
        """The page's ids in the list's order, then those programs as the API writes them
        (``program_documents``): sorting the ids alone is a sort of narrow rows, where sorting whole
        programs with their host joined cost more than the rest of the page (a sort by headcount over
        50,000 programs)."""
        ids = queryset.values_list("pk", flat=True)
        if getattr(self, "indexed_programs", None) is not None:
            self.paginator.known_count = len(self.indexed_programs)  # the facet index counted them: no COUNT
            if len(self.indexed_programs) <= LISTED_BY_ID:
                # Fetched by id (ProgramFilterBackend): all the selection's ids in order, paged here. With a
                # LIMIT, PostgreSQL would walk its newest-first index past thousands of other programs to
                # find a small page (?page_size=1 took 7 ms at 50,000 programs, a host and year 18 ms).
                ids = list(ids)
        ids = super().paginate_queryset(ids)
        if ids is None:
            return None
        return serializers.program_documents(ids, self.links)

    def get_object(self):
        program = super().get_object()
        return serializers.program_documents([program.pk], self.links)[0]

    def filter_queryset(self, queryset):
        # The detail ignores the list's parameters, as /programs/<slug>/ does.
        return super().filter_queryset(queryset) if self.action == "list" else queryset


@resource_schema(one="a theme", many="themes", filter_parameter="theme", example=examples.THEME)
class ThemeViewSet(ProgramFiguresMixin, ReadOnlyApiViewSet):
    serializer_class = serializers.ThemeSerializer
    queryset = Theme.objects.order_by("position", "name", "pk")
    program_link = "themes"


@resource_schema(one="a host institute", many="institutes", filter_parameter="host", example=examples.INSTITUTE)
class InstituteViewSet(ProgramFiguresMixin, ReadOnlyApiViewSet):
    serializer_class = serializers.InstituteSerializer
    queryset = Institute.objects.select_related("city").prefetch_related("agreements").order_by("name", "pk")
    program_link = "host"


@resource_schema(one="a city", many="cities", filter_parameter="city", example=examples.CITY)
class CityViewSet(ProgramFiguresMixin, ReadOnlyApiViewSet):
    serializer_class = serializers.CitySerializer
    queryset = City.objects.prefetch_related("networks", "agreements").order_by("name", "pk")
    program_link = "target_cities"


@resource_schema(one="a network", many="networks", filter_parameter="network", example=examples.NETWORK)
class NetworkViewSet(ProgramFiguresMixin, ReadOnlyApiViewSet):
    serializer_class = serializers.NetworkSerializer
    queryset = Network.objects.order_by("name", "pk")
    program_link = "networks"


@resource_schema(one="an agreement", many="agreements", filter_parameter=None, example=examples.AGREEMENT)
class AgreementViewSet(ProgramFiguresMixin, ReadOnlyApiViewSet):
    serializer_class = serializers.AgreementSerializer
    queryset = Agreement.objects.prefetch_related(
        "party_cities",
        "party_institutes",
        Prefetch("programs", queryset=Program.objects.sorted_by("newest")),
    ).order_by("-signed_on", "title", "pk")
    program_link = "agreement"


class StatsView(ApiView):
    # For the OpenAPI document, which lists the FilterSet's parameters (the view binds it itself).
    filter_backends = [ProgramFilterBackend]
    filterset_class = ProgramFilter
    queryset = Program.objects.none()

    @extend_schema(
        summary="Statistics",
        tags=["stats"],
        description="The figures of /stats/ for the programs the same query parameters select: programs and "
        "headcount per year, themes × years, the countries and cities most programs were aimed at, on-site vs "
        "online; and the published source table's stated totals beside the totals of its rows. Program-level "
        "figures only.",
        filters=True,
        parameters=[OpenApiParameter("sort", exclude=True)],  # figures have no order
        responses={200: serializers.StatsSerializer, 400: INVALID_PARAMETERS, 429: THROTTLED},
        examples=[OpenApiExample("Statistics", value=examples.STATS, response_only=True), *FILTER_EXAMPLES],
    )
    def get(self, request):
        filterset = ProgramFilter(request.query_params, queryset=Program.objects.all())
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        document = serializers.stats_document(
            stats=cached_stats(filterset),
            totals=source_table_totals(),
            filters={name: values for name, values in request.query_params.lists() if name != "page"},
        )
        return Response(serializers.StatsSerializer(document, context=self.get_serializer_context()).data)


INDEX_ENDPOINTS = {
    "programs": "api:program-list",
    "themes": "api:theme-list",
    "institutes": "api:institute-list",
    "cities": "api:city-list",
    "networks": "api:network-list",
    "agreements": "api:agreement-list",
    "stats": "api:stats",
    "schema": "api:schema",
    "docs": "api:docs",
}


class IndexView(ApiView):
    @extend_schema(
        summary="Index",
        tags=["index"],
        description="The URL of each list, of the OpenAPI document and of its documentation.",
        responses={
            200: inline_serializer(
                "Index",
                {name: fields.URLField(help_text=f"The URL of {name}.") for name in INDEX_ENDPOINTS},
            )
        },
        examples=[OpenApiExample("Index", value=examples.INDEX, response_only=True)],
    )
    def get(self, request):
        return Response({name: reverse(url_name, request=request) for name, url_name in INDEX_ENDPOINTS.items()})
