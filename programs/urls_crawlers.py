"""What search engines read, outside the language prefixes: /robots.txt and /sitemap.xml (an index of
the sitemaps of each kind of page, which list every language)."""

from django.urls import path

from .views import data

app_name = "crawlers"

urlpatterns = [
    path("robots.txt", data.robots_txt, name="robots"),
    path("sitemap.xml", data.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", data.sitemap_section, name="sitemap-section"),
]
