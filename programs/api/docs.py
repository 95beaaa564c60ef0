"""The OpenAPI document (/api/schema/) and Swagger UI reading it (/api/docs/), both from drf-spectacular.

Swagger UI's files come from drf-spectacular-sidecar under /static/, so the page needs no third-party
host; the page itself has no inline script or style (the initialising script is a second request to the
same URL with ``?script``), so it works under the site's Content-Security-Policy unchanged. Both are
kept in the anonymous page cache: the document only changes with the code.
"""

from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.response import Response

from .base import CachedAsBytes, ClientAddressThrottle


class SchemaView(CachedAsBytes, SpectacularAPIView):
    """The OpenAPI 3.1 document, as JSON (one format: the page cache keys by URL, not by Accept).

    Generated once per process: it changes only with the code, and generating it takes longer than any
    page (every registry write empties the page cache, not the code)."""

    renderer_classes = [OpenApiJsonRenderer2]
    authentication_classes = []
    throttle_classes = [ClientAddressThrottle]
    generated = None

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        # The API speaks English: drf-spectacular's ?lang= is not offered.
        if SchemaView.generated is None:
            generator = self.generator_class(urlconf=self.urlconf, api_version=self.api_version, patterns=self.patterns)
            SchemaView.generated = generator.get_schema(request=request, public=self.serve_public)
        return Response(SchemaView.generated, headers={"Content-Disposition": 'inline; filename="openapi.json"'})


class DocsView(CachedAsBytes, SpectacularSwaggerSplitView):
    url_name = "api:schema"
    template_name = "api/docs.html"
    template_name_js = "api/docs.js"
    authentication_classes = []
    throttle_classes = [ClientAddressThrottle]
