"""The open data: the /data/ page describing the downloads, feeds and API, the machine-readable
descriptions (a Frictionless Data Package and a DCAT catalogue), and what crawlers read (/robots.txt,
/sitemap.xml)."""

import json

from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Min
from django.http import HttpResponse
from django.urls import reverse
from django.views.generic import TemplateView

from exchange_portal import pagecache
from exchange_portal.pagecache import PublicPage

from .. import datasets
from ..feeds import CALENDAR_LIMIT, FEED_LIMIT
from ..models import Program
from ..sitemaps import SITEMAPS

# Built in programs/api/ (unprefixed: the API has no language prefix); the paths are part of the contract.
API_URL = "/api/v1/"
API_DOCS_URL = "/api/docs/"


class OpenDataView(PublicPage, TemplateView):
    cache_parameters = ()
    template_name = "data/open_data.html"

    def get_context_data(self, **kwargs):
        absolute = self.request.build_absolute_uri
        first_year = Program.objects.aggregate(first=Min("year"))["first"]
        return super().get_context_data(
            datasets=[
                {"dataset": dataset, "downloads": datasets.downloads(dataset), "fields": dataset.fields}
                for dataset in datasets.DATASETS
            ],
            subscriptions=datasets.subscriptions(),
            licence=datasets.LICENCE,
            feed_limit=FEED_LIMIT,
            calendar_limit=CALENDAR_LIMIT,
            api_url=API_URL,
            api_docs_url=API_DOCS_URL,
            structured_data=datasets.schema_org_datasets(absolute, first_year=first_year),
            **kwargs,
        )


def json_document(document, content_type):
    content = json.dumps(document, ensure_ascii=False, indent=2).encode()
    return pagecache.public(HttpResponse(content, content_type=f"{content_type}; charset=utf-8"))


def datapackage(request):
    """The Frictionless Data Package of the CSV downloads."""
    return json_document(datasets.data_package(request.build_absolute_uri), "application/json")


def catalog(request):
    """The DCAT catalogue of the open data, as JSON-LD."""
    document = datasets.dcat_catalog(request.build_absolute_uri, api_url=API_URL, api_docs_url=API_DOCS_URL)
    return json_document(document, "application/ld+json")


def robots_txt(request):
    """Crawlers may read every public page; the admin is no business of theirs."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('crawlers:sitemap'))}",
    ]
    return pagecache.public(HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"))


def sitemap_index(request):
    """/sitemap.xml: the index of the sections' sitemaps (each split in pages of Sitemap.limit URLs)."""
    return pagecache.public(sitemap_views.index(request, SITEMAPS, sitemap_url_name="crawlers:sitemap-section"))


def sitemap_section(request, section):
    return pagecache.public(sitemap_views.sitemap(request, SITEMAPS, section=section))
