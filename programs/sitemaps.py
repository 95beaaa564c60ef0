"""The sitemaps crawlers read from /sitemap.xml (an index of one sitemap per kind of page): every public
page in every language, each with its translations as hreflang alternates and English as x-default."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cities.models import Agreement, City

from .models import Institute, Program, Theme


class PublicPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # URLs per sitemap page, counting each language: a page stays well under a megabyte and within the
    # page cache's limit even with its alternates.
    limit = 1500


class PageSitemap(PublicPagesSitemap):
    """The pages that are not about one record."""

    def items(self):
        return [
            "programs:home",
            "programs:program-list",
            "programs:stats",
            "programs:about-numbers",
            "participants:privacy",  # by name only: the layers contract keeps programs from importing participants
            "programs:open-data",
            "cities:city-list",
            "cities:agreement-list",
        ]

    def location(self, item):
        return reverse(item)


class RecordSitemap(PublicPagesSitemap):
    """Every record of ``model``, at its ``get_absolute_url()``."""

    model = None

    def items(self):
        return self.model.objects.only("slug").order_by("pk")


class ProgramSitemap(RecordSitemap):
    model = Program


class InstituteSitemap(RecordSitemap):
    model = Institute


class ThemeSitemap(RecordSitemap):
    model = Theme


class CitySitemap(RecordSitemap):
    model = City


class AgreementSitemap(RecordSitemap):
    model = Agreement


SITEMAPS = {
    "pages": PageSitemap,
    "programs": ProgramSitemap,
    "institutes": InstituteSitemap,
    "themes": ThemeSitemap,
    "cities": CitySitemap,
    "agreements": AgreementSitemap,
}
