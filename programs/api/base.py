"""How every API view answers: anonymous and read-only, compact JSON only, paged, throttled per client
address, and stored in the anonymous page cache like the public pages.

One renderer and no content negotiation beyond it: the page cache keys responses by URL alone, so one
URL must always give the same bytes (no browsable HTML, no ``?format=``, no ``; indent=`` variant).
"""

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import Paginator as DjangoPaginator
from django.utils.functional import cached_property
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from rest_framework import viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from exchange_portal.client_ip import client_ip
from exchange_portal.pagecache import PublicPage

from ..selectors.facets import LISTED_BY_ID, indexed_selection
from .serializers import Links

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class CompactJSONRenderer(JSONRenderer):
    """JSON, the same bytes whatever the Accept header asks (``application/json; indent=4`` included)."""

    def get_indent(self, accepted_media_type, renderer_context):
        return None


class ClientAddressThrottle(AnonRateThrottle):
    """At most ``API_THROTTLE_RATE`` requests per client address (e.g. ``120/min``; empty: no limit),
    counted in the "shared" cache (Redis, else the database), so that every worker and app server adds to one
    count: counted in each worker's memory, gunicorn's N workers let N times the rate through.

    The address is the one the login lockout uses (``exchange_portal/client_ip.py``): REMOTE_ADDR, or the
    entry TRUSTED_PROXY_COUNT places from the right of X-Forwarded-For, so a client cannot pick a new
    address per request by sending the header itself. The rate is read at each request, so that a changed
    setting (or a test's) applies at once.
    """

    scope = "api"

    @property
    def cache(self):
        return caches["shared"]

    def get_rate(self):
        return settings.API_THROTTLE_RATE or None

    def get_ident(self, request):
        return client_ip(request)


def described(schema, description):
    # drf-spectacular also passes a sentinel object here, to build the example answers.
    return {**schema, "description": description} if isinstance(schema, dict) else schema


class KnownCountPaginator(DjangoPaginator):
    """A paginator told its count (``known_count``) rather than asking the database for it."""

    def __init__(self, *args, known_count=None, **kwargs):
        super().__init__(*args, **kwargs)
        if known_count is not None:
            self.count = known_count  # overrides the cached property: no COUNT query


class Paging(PageNumberPagination):
    # Set by a view that knows how many records its queryset holds (the facet index counts the programs).
    known_count = None

    def django_paginator_class(self, queryset, per_page):
        return KnownCountPaginator(queryset, per_page, known_count=self.known_count)

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "The page, from 1 (as on /programs/)."
    page_size_query_description = f"Records per page: {PAGE_SIZE} unless given, at most {MAX_PAGE_SIZE}."

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": "How many records the request selects, on all pages.",
                    "example": 168,
                },
                "next": {
                    "type": ["string", "null"],  # OpenAPI 3.1 (SPECTACULAR_SETTINGS)
                    "format": "uri",
                    "description": "The URL of the next page (the same parameters), or null on the last page.",
                    "example": "https://registry.example.org/api/v1/programs/?year=2015&page=3",
                },
                "previous": {
                    "type": ["string", "null"],  # OpenAPI 3.1 (SPECTACULAR_SETTINGS)
                    "format": "uri",
                    "description": "The URL of the previous page, or null on the first page.",
                    "example": "https://registry.example.org/api/v1/programs/?year=2015",
                },
                "results": described(schema, "The records of this page, in the list's order."),
            },
        }


class CachedAsBytes(PublicPage):
    """Marks the response public for the page cache, and renders it here and drops the data it was
    rendered from: the cache pickles the whole response, and a DRF Response would keep its data beside
    the JSON bytes (twice the size, and a slower hit)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200 and hasattr(response, "render"):
            response.render()
            response.data = None
        return response


class ApiPolicy(CachedAsBytes):
    """Anonymous (no session or token is read, so no CSRF either), GET/HEAD/OPTIONS only, JSON, throttled;
    responses marked public for the page cache (``PublicPage``)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ClientAddressThrottle]
    renderer_classes = [CompactJSONRenderer]
    parser_classes = []

    @cached_property
    def links(self):
        """The request's record URLs (one reverse() per kind of URL for the whole answer)."""
        return Links(self.request)


class ApiView(ApiPolicy, APIView):
    def get_serializer_context(self):
        return {"request": self.request, "links": self.links}


class ReadOnlyApiViewSet(ApiPolicy, viewsets.ReadOnlyModelViewSet):
    """A list and a detail by slug; every other method answers 405."""

    pagination_class = Paging
    lookup_field = "slug"

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "links": self.links}


class ProgramFilterBackend(DjangoFilterBackend):
    """django-filter's backend; drf-spectacular documents its parameters from the FilterSet (types and
    enums from the filters, descriptions from their ``help_text``; examples in ``views.FILTER_EXAMPLES``).

    When the facet index answers the filters, the selection's programs come from it (``view.indexed_programs``,
    which also gives the count): at most ``LISTED_BY_ID`` of them are fetched by id, in the order asked,
    without building the filters' SQL at all."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        view.indexed_programs = indexed_selection(filterset)
        if view.indexed_programs is not None and len(view.indexed_programs) <= LISTED_BY_ID:
            # In the order the selection asks (newest first unless it asks otherwise).
            return queryset.filter(pk__in=list(view.indexed_programs)).sorted_by(filterset.selection.sort)
        return filterset.qs
